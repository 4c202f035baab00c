"""Behaviour that needs controlled content: translation fallback, escaping, a new language."""

from __future__ import annotations

import re

import pytest

from ventanilla import pipeline
from ventanilla.activities import pages as activity_pages
from ventanilla.checks.sitecheck import check_site
from ventanilla.generator import mkdocs_step
from ventanilla.pages import generate


@pytest.fixture
def fixture_site(fixture_build):
    """The session's build of the minimal content (conftest.py): (site folder, result)."""
    root, result = fixture_build
    return root / "site", result


def test_missing_translation_is_served_in_spanish_with_a_notice(fixture_site):
    site, _ = fixture_site
    page = (site / "fr/tramites/ejemplo-asilo/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "Traduction en attente" in page  # the notice, in the reader's language
    # the Spanish body (after the call button, which names the service) is marked as Spanish
    body = re.search(r'<div lang="es">(.*?)</article>', page, re.S)
    assert body and "<p>Un trámite de ejemplo.</p>" in body.group(1)
    assert '<span lang="es">Pedir asilo (ejemplo)</span>' in page


def test_missing_text_field_is_marked_in_spanish(fixture_site):
    site, _ = fixture_site
    page = (site / "fr/directorio/ejemplo-asilo/index.html").read_text(encoding="utf-8")
    assert '<span lang="es">Un servicio de ejemplo para las pruebas.</span>' in page
    assert "Traduction en attente" in page
    complete = (site / "en/directorio/ejemplo-asilo/index.html").read_text(encoding="utf-8")
    assert "Translation pending" not in complete


def test_unverified_entries_say_so(fixture_site):
    site, _ = fixture_site
    page = (site / "ventanillas/ejemplo-tapachula/index.html").read_text(encoding="utf-8")
    # one line that says what was done, and when; never "Verificado" when nobody confirmed it
    assert "Tomado de fuentes públicas el 1 de noviembre de 2026. Aún no confirmado con la institución." in page
    assert "Verificado el" not in page
    fr = (site / "fr/ventanillas/ejemplo-tapachula/index.html").read_text(encoding="utf-8")
    assert "Tiré de sources publiques le 1 novembre 2026" in fr and "Vérifié le" not in fr


def test_fixture_site_links_hold(fixture_site):
    site, result = fixture_site
    assert check_site(site, result.content.codes, result.content.site["url"]) == []


def test_script_in_a_text_field_comes_out_escaped(project):
    """Validation rejects HTML; if it ever got through, the generator still escapes it."""
    desk = project / "content/ventanillas/ejemplo-tapachula.yml"
    text = desk.read_text(encoding="utf-8")
    text = text.replace("institucion: Institución de ejemplo",
                        'institucion: "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"')
    desk.write_text(text, encoding="utf-8")
    proj = pipeline.Project(project)
    checked = pipeline.check(proj)
    assert any(f.code == "html-no-permitido" for f in checked.findings.errors)
    # Bypass the gate on purpose to test the second line of defence.
    pages = generate.generate_pages(checked.content)
    generate.write_docs(pages, proj.docs)
    activity_pages.publish_feeds(checked.content, proj.docs, pipeline.today())  # the activities page links them
    mkdocs_step.build_site(checked.content, proj.root, proj.docs, proj.site, proj.work)
    page = (proj.site / "ventanillas/ejemplo-tapachula/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page


@pytest.mark.slow
def test_adding_a_language_is_configuration_plus_content(project):
    site_yml = project / "content/sitio.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        "  - {codigo: fr, nombre: Français}",
        "  - {codigo: fr, nombre: Français}\n  - {codigo: ht, nombre: Kreyòl ayisyen}"), encoding="utf-8")
    (project / "content/ht").mkdir()
    (project / "content/ht/interfaz.yml").write_text("inicio: Akèy\nayuda_urgente: Èd ijan\n", encoding="utf-8")
    result = pipeline.build(pipeline.Project(project))
    assert result.built, result.mkdocs_error or [f.format() for f in result.findings.errors]
    assert any(f.code == "falta-traduccion" and "(ht)" in f.message for f in result.findings.warnings)
    home = (project / "site/ht/index.html").read_text(encoding="utf-8")
    assert '<html lang="ht"' in home
    assert "Èd ijan" in home  # its own interface strings
    assert 'hreflang="ht"' in (project / "site/en/index.html").read_text(encoding="utf-8")
    desk = (project / "site/ht/ventanillas/ejemplo-tapachula/index.html").read_text(encoding="utf-8")
    assert '<span lang="es">Ventanilla de ejemplo en Tapachula</span>' in desk
    assert check_site(project / "site", result.content.codes, result.content.site["url"]) == []
