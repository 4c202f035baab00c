"""A language is added by configuration and content alone (issue 18).

The test content gets a fifth language, Portuguese: one line in sitio.yml (falling back to
Spanish), its interface file and two pages, no code change. The build must cover it in
every artefact: pages and 404, sitemap and hreflang, the language switcher, the manifest
and the service worker, the nginx snippet, the search index, the leaflets, the .ics feeds
and the open data. And a language that names another to fall back on (Kreyòl → French)
shows that language's text, marked with its `lang`, before Spanish.
"""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import REPO, make_project

from ventanilla import pipeline


@pytest.fixture(scope="module")
def five_languages(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("idiomas") / "proyecto")
    content = root / "content"
    site = yaml.safe_load((content / "sitio.yml").read_text(encoding="utf-8"))
    site["idiomas"] += [{"codigo": "ht", "nombre": "Kreyòl ayisyen", "si_falta": ["fr"]},
                        {"codigo": "pt", "nombre": "Português"}]
    (content / "sitio.yml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    for lang in ("ht", "pt"):
        (content / lang / "tramites").mkdir(parents=True)
    strings = yaml.safe_load((REPO / "content" / "es" / "interfaz.yml").read_text(encoding="utf-8"))
    pt = dict(strings, inicio="Início", ayuda_urgente="Ajuda urgente")
    (content / "pt" / "interfaz.yml").write_text(yaml.safe_dump(pt, allow_unicode=True), encoding="utf-8")
    (content / "ht" / "interfaz.yml").write_text("inicio: Akèy\n", encoding="utf-8")
    page = (content / "en" / "tramites" / "ejemplo-asilo.md").read_text(encoding="utf-8")
    (content / "pt" / "tramites" / "ejemplo-asilo.md").write_text(
        page.replace("titulo: ", "titulo: Pedir asilo (exemplo) — ", 1), encoding="utf-8")
    about = (content / "es" / "paginas" / "acerca.md").read_text(encoding="utf-8")
    (content / "pt" / "paginas").mkdir()
    (content / "pt" / "paginas" / "acerca.md").write_text(
        "\n".join(line for line in about.splitlines() if not line.startswith("revisado_el")) + "\n", encoding="utf-8")
    result = pipeline.build(pipeline.Project(root))
    assert not result.findings.errors, [f.format() for f in result.findings.errors]
    assert result.built, result.mkdocs_error
    return root / "site", result


@pytest.mark.slow
def test_every_artefact_covers_the_new_language(five_languages):
    site, result = five_languages
    assert (site / "pt" / "index.html").exists() and (site / "pt" / "404.html").exists()
    assert (site / "pt" / "tramites" / "ejemplo-asilo" / "index.html").exists()
    home = (site / "pt" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt"' in home
    assert 'hreflang="pt"' in (site / "index.html").read_text(encoding="utf-8")  # alternates
    assert 'hreflang="pt"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    procedure = (site / "tramites" / "ejemplo-asilo" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../pt/tramites/ejemplo-asilo/" hreflang="pt" class="md-select__link">' in procedure  # switcher
    manifest = json.loads((site / "manifest.pt.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "pt" and manifest["start_url"].endswith("pt/")
    assert "pt/" in (site / "sw.js").read_text(encoding="utf-8")
    assert "|pt)/" in (site / "nginx.conf.example").read_text(encoding="utf-8")
    assert list((site / "pt").rglob("*.pdf")), "no leaflet in Portuguese"
    assert list((site / "pt").rglob("*.ics")), "no calendar feed in Portuguese"
    assert list((site / "pt" / "datos").glob("*")), "no open data in Portuguese"
    assert any("pt" in p.name or p.parent.name == "pt" for p in site.rglob("*.json") if "search" in p.as_posix()), \
        "no search index for Portuguese"


@pytest.mark.slow
def test_a_missing_text_falls_back_along_the_chain(five_languages):
    site, _ = five_languages
    # Kreyòl names French before Spanish: the risk topic exists in French, not in Kreyòl
    fr = (site.parent / "content" / "fr" / "riesgos" / "ejemplo-fraude.md").read_text(encoding="utf-8")
    fr_title = yaml.safe_load(fr.split("---")[1])["titulo"]
    page = (site / "ht" / "riesgos" / "ejemplo-fraude" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="fr">' in page and fr_title in page
    # Portuguese names nothing: what is missing comes in Spanish
    risk = (site / "pt" / "riesgos" / "ejemplo-fraude" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="es">' in risk
    # interface strings too: Kreyòl has only "inicio"; the others come from French
    ht_home = (site / "ht" / "index.html").read_text(encoding="utf-8")
    fr_strings = yaml.safe_load((site.parent / "content" / "fr" / "interfaz.yml").read_text(encoding="utf-8"))
    assert "Akèy" in ht_home and fr_strings["necesitas_ayuda_urgente"] in ht_home
