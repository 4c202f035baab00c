"""The built-site checker finds each case its docstring lists (so a clean result means something)."""

from __future__ import annotations

from ventanilla.checks.sitecheck import check_site


def page(lang="es", body=""):
    return f'<!doctype html><html lang="{lang}"><head></head><body><h2 id="top">x</h2>{body}</body></html>'


def write(site, rel, text):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def codes(site):
    return sorted((f.file, f.code) for f in check_site(site, ["es", "en"], "https://example.org/"))


def test_clean_site(tmp_path):
    write(tmp_path, "index.html", page(body='<a href="a/">a</a><a href="a/#top">t</a><a href="tel:911">911</a>'))
    write(tmp_path, "a/index.html", page(body='<a href="https://other.example/">navigation is fine</a>'))
    write(tmp_path, "en/index.html", page("en", '<a href="../" hreflang="es">Español</a>'))
    assert codes(tmp_path) == []


def test_each_problem_is_found(tmp_path):
    write(tmp_path, "index.html", page(body='<a href="nowhere/">x</a><a href="a/#missing">y</a>'))
    write(tmp_path, "a/index.html", page(body='<link rel="stylesheet" href="https://cdn.example/x.css">'
                                             '<div style="background:url(https://cdn.example/i.png)"></div>'))
    write(tmp_path, "en/index.html", page("en", '<a href="../a/">Spanish page although en/a exists</a>'))
    write(tmp_path, "en/a/index.html", page("es", '<script src="//cdn.example/x.js"></script>'))
    write(tmp_path, "assets/site.css", "body{background:url('https://fonts.example/f.woff2')}")
    write(tmp_path, "b/index.html", "<html><body>no lang</body></html>")
    assert codes(tmp_path) == [
        ("a/index.html", "recurso-externo"),
        ("a/index.html", "recurso-externo"),
        ("assets/site.css", "recurso-externo"),
        ("b/index.html", "sin-lang"),
        ("en/a/index.html", "lang-incorrecto"),
        ("en/a/index.html", "recurso-externo"),
        ("en/index.html", "cambia-idioma"),
        ("index.html", "ancla-rota"),
        ("index.html", "enlace-roto"),
    ]
