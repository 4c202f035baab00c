"""The bundled content builds, and the built site holds together in every language."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from ventanilla.checks.sitecheck import check_site
from ventanilla.content import routes
from ventanilla.output import pages, weight


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_bundled_content_builds_without_warnings(bundled_build):
    root, result = bundled_build
    assert (root / "site" / "index.html").exists()
    # every language gets the same pages
    paths = [set(pages) for pages in result.pages.values()]
    assert all(p == paths[0] for p in paths)
    assert len(paths[0]) >= 20


def test_links_anchors_and_language_of_links(bundled_build):
    root, result = bundled_build
    findings = check_site(root / "site", result.content.codes, result.content.site["url"])
    assert findings == [], "\n".join(f.format() for f in findings[:40])


def test_every_page_has_the_right_html_lang(bundled_build):
    root, result = bundled_build
    site = root / "site"
    others = result.content.codes[1:]
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        expected = rel.split("/")[0] if rel.split("/")[0] in others else result.content.source_lang
        assert re.search(rf'<html lang="{expected}"', page.read_text(encoding="utf-8")), rel


def test_a_404_page_per_language(bundled_build):
    root, result = bundled_build
    site = root / "site"
    assert 'lang="es"' in html(site, "404.html") and "Página no encontrada" in html(site, "404.html")
    assert 'lang="en"' in html(site, "en/404.html") and "Page not found" in html(site, "en/404.html")
    assert 'lang="fr"' in html(site, "fr/404.html") and "Page introuvable" in html(site, "fr/404.html")
    # served at any address: no relative address, read with lxml (links, assets, the home app.js uses)
    doc = lxml_html.document_fromstring(html(site, "en/404.html"))
    addresses = doc.xpath("//@href | //@src | //meta[@name='vn-home']/@content")
    assert len(addresses) > 10 and doc.xpath("//meta[@name='vn-home']/@content") == ["/en/"]
    assert all(a.startswith(("/", "#", "http:", "https:", "data:", "mailto:", "tel:")) for a in addresses), addresses


def test_the_404_rewrite_changes_the_addresses_and_no_other_byte():
    page = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n<meta name="vn-home" content="../">\n'
            '<link rel="icon" href="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 1 1%22/>">\n'
            '<script>var s = \'<a href="../x/">\';</script></head>\n<body><a\nclass="md-button"\nhref="../tramites/?a=1&amp;b=2#top">T</a>'
            '<a href="#top">top</a><svg viewBox="0 0 24 24"><path d="M0 0h24"/></svg>\n<a href="https://example.org/">e</a>'
            '<a href="./">here</a> <img src="../../assets/i.png" alt=""><form action="../buscar/"></form>\n</body></html>')
    out = pages._absolute_urls(page, "/en/404/")
    assert out == (page.replace('content="../"', 'content="/en/"')
                   .replace('href="../tramites/?a=1&amp;b=2#top"', 'href="/en/tramites/?a=1&amp;b=2#top"')
                   .replace('href="./"', 'href="/en/404/"').replace('src="../../assets/i.png"', 'src="/assets/i.png"')
                   .replace('action="../buscar/"', 'action="/en/buscar/"'))
    assert "var s = '<a href=\"../x/\">'" in out  # text in a script is no address


def test_hreflang_alternates_with_x_default(bundled_build):
    root, _ = bundled_build
    page = html(root / "site", "en/urgente/index.html")
    assert '<link rel="alternate" href="https://ventanillas.example.org/urgente/" hreflang="x-default">' in page
    for lang, prefix in (("es", ""), ("en", "en/"), ("fr", "fr/")):
        assert f'href="https://ventanillas.example.org/{prefix}urgente/" hreflang="{lang}"' in page


def test_sitemap_lists_every_page_with_its_translations(bundled_build):
    """Written by output/sitemap.py (MkDocs builds languages in separate processes)."""
    import xml.etree.ElementTree as ET

    root, result = bundled_build
    site = root / "site"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    base = "https://ventanillas.example.org/"
    listed = {e.find("s:loc", ns).text.removeprefix(base) for e in entries}
    built = {p.relative_to(site).as_posix().removesuffix("index.html") for p in weight.published_pages(site)
             if p.name == "index.html"}  # not the editors' /admin/
    assert listed == {url for url in built if not url.endswith(("404/", "sin-conexion/"))}
    assert len(listed) == len(entries)  # each page once
    urgent = next(e for e in entries if e.find("s:loc", ns).text == base + "fr/urgente/")
    alternates = {link.get("hreflang"): link.get("href") for link in urgent.findall("x:link", ns)}
    assert alternates == {"es": base + "urgente/", "en": base + "en/urgente/", "fr": base + "fr/urgente/",
                          "ht": base + "ht/urgente/", "x-default": base + "urgente/"}


def test_language_switcher_keeps_the_page(bundled_build):
    root, _ = bundled_build
    page = html(root / "site", "fr/ventanillas/index.html")
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', page)
    assert dict((lang, href) for href, lang in switcher) == {
        "es": "../../ventanillas/", "en": "../../en/ventanillas/", "fr": "./", "ht": "../../ht/ventanillas/"}


def test_phone_baseline_no_fonts_maps_or_search(bundled_build):
    root, _ = bundled_build
    site = root / "site"
    assert not list(site.rglob("*.map"))
    assert not (site / "search" / "search_index.json").exists()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_home_leads_to_urgent_help_desks_procedures_and_risks(bundled_build):
    root, result = bundled_build
    for lang, prefix in (("es", ""), ("en", "en/"), ("fr", "fr/")):
        page = html(root / "site", f"{prefix}index.html")
        assert 'class="md-button md-button--primary vn-urgent"' in page
        for path in (routes.URGENT, routes.DESKS, routes.PROCEDURES, routes.RISKS):
            assert f'href="{routes.url(path)}"' in page, (lang, path)


def test_desk_pages_show_facts_status_sources_and_date(bundled_build):
    root, result = bundled_build
    site = root / "site"
    phones = 0
    for desk_id, desk in result.content.desks().items():
        page = html(site, f"en/ventanillas/{desk_id}/index.html")
        assert "Taken from public sources on" in page or "Confirmed with the institution on" in page, desk_id
        assert "Sources" in page
        if desk.data["estatus"] == "sin_verificar":
            assert "Not yet confirmed with the institution" in page and "Checked on" not in page
        for phone in desk.data.get("telefonos") or []:  # each of its numbers, to dial: +<digits>
            assert f'href="tel:+{re.sub(r"[^0-9]", "", phone["numero"])}"' in page, (desk_id, phone["numero"])
            phones += 1
        if desk.data.get("coordenadas"):
            c = desk.data["coordenadas"]
            assert f'href="geo:{c["lat"]},{c["lon"]}"' in page
            assert "openstreetmap.org" in page
    assert phones, "no desk of the content has a phone: the test checks nothing"


def test_urgent_help_starts_with_a_call_button_and_the_situations(bundled_build):
    root, result = bundled_build
    page = html(root / "site", "en/urgente/index.html")
    assert re.search(r'<a class="md-button md-button--primary vn-call" href="tel:911">Call 911</a>', page)
    for situation in result.content.urgencies():
        assert f'href="#{situation}"' in page and f'id="{situation}"' in page
