"""The form editor in real Chromium: Decap CMS at /admin/ with `ventanilla editar`'s local
backend over a copy of content/ (issue 21, section 4). Skipped with the way to install
Chromium where it is missing (conftest.browser)."""

from __future__ import annotations

import subprocess

import pytest
from cms_steps import Editor, create_service, open_editor, pick, publish

from ventanilla import pipeline


@pytest.fixture
def editor(tmp_path):
    running = Editor(tmp_path / "proyecto")
    subprocess.run(["git", "init", "-q"], cwd=running.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=running.root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
                   cwd=running.root, check=True)
    yield running
    running.close()


def diff(editor) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=editor.root, capture_output=True,
                          text=True, check=True).stdout + subprocess.run(
        ["git", "diff"], cwd=editor.root, capture_output=True, text=True, check=True).stdout


def findings_of(editor, rel: str):
    result = pipeline.check(editor.project)
    return [f for f in result.findings.sorted() if f.file == rel]


def test_a_service_created_in_the_form_is_a_file_that_passes_the_check(browser, editor):
    page = open_editor(browser, editor, "collections/servicios/new")
    create_service(page, "asesoria-prueba-tapachula")
    response = publish(page)
    assert response is not None and response.ok, response and response.text()
    rel = "content/servicios/asesoria-prueba-tapachula.yml"
    text = (editor.root / rel).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../ventanilla/schemas/servicio.schema.json\n")
    # key order of the schema (`ventanilla new`), dates as quoted text
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == ["id", "estatus", "nombre", "organizacion", "descripcion", "categorias", "poblaciones",
                    "cobertura", "costo", "fuentes", "verificado_el"], text
    assert "verificado_el: '2026-11-30'" in text and "organizacion: comar" in text
    assert [f.format() for f in findings_of(editor, rel) if f.severity == "error"] == []
    page.close()


def test_editing_a_procedures_spanish_text_marks_its_translations_out_of_date(browser, editor):
    before = {lang: (editor.root / f"content/{lang}/tramites/curp-temporal.md").read_text(encoding="utf-8")
              for lang in ("en", "fr", "ht")}
    page = open_editor(browser, editor, "collections/tramites_es/entries/curp-temporal")
    summary = page.get_by_label("Resumen", exact=True)
    summary.fill("La CURP es una clave personal. Si pides asilo, la COMAR te asigna una CURP temporal.")
    response = publish(page)
    assert response is not None and response.ok, response and response.text()
    spanish = (editor.root / "content/es/tramites/curp-temporal.md").read_text(encoding="utf-8")
    assert "resumen: La CURP es una clave personal." in spanish
    for lang, text in before.items():  # the translations and their `traduce` records are untouched
        assert (editor.root / f"content/{lang}/tramites/curp-temporal.md").read_text(encoding="utf-8") == text
        codes = [f.code for f in findings_of(editor, f"content/{lang}/tramites/curp-temporal.md")]
        assert "traduccion-desactualizada" in codes, (lang, codes)
    changed = subprocess.run(["git", "diff", "--numstat"], cwd=editor.root, capture_output=True, text=True).stdout
    assert changed.split() == ["1", "1", "content/es/tramites/curp-temporal.md"], changed
    page.close()


def test_a_wrong_phone_is_refused_by_the_form_and_by_the_check(browser, editor, tmp_path):
    rel = "content/servicios/casa-caridad-slp.yml"
    page = open_editor(browser, editor, "collections/servicios/entries/casa-caridad-slp")
    numbers = page.locator('input[id^="numero-field-"]')
    numbers.first.wait_for()
    numbers.first.fill("962-123")
    assert publish(page) is None  # nothing was sent to the server
    assert page.get_by_text("Debe ser un teléfono con + y lada").first.is_visible()
    assert diff(editor) == ""
    page.close()
    # and `ventanilla check` refuses the same number written by hand
    path = editor.root / rel
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if "numero:" in line)
    path.write_text(text.replace(first, first.split("numero:")[0] + 'numero: "962-123"', 1), encoding="utf-8")
    codes = {f.code for f in findings_of(editor, rel) if f.severity == "error"}
    assert "telefono-invalido" in codes, codes


def test_a_desk_missing_a_required_field_cannot_be_saved(browser, editor):
    page = open_editor(browser, editor, "collections/ventanillas/new")
    page.get_by_label("Id", exact=True).fill("ventanilla-prueba")
    pick(page, "Estatus", "sin_verificar")
    page.locator('[id^="nombre-field-"][id$="-es"]').first.fill("Ventanilla de prueba")
    # no institution, state, municipality, services, sources, date
    assert publish(page) is None
    assert page.get_by_text("no ha rellenado un campo obligatorio").first.is_visible()
    assert not (editor.root / "content/ventanillas/ventanilla-prueba.yml").exists()
    page.close()


@pytest.mark.parametrize("route", ["collections/servicios/entries/albergue-belen-tapachula",
                                   "collections/ventanillas/entries/ventanilla-tapachula",
                                   "collections/tramites_en/entries/asilo-comar"])
def test_saving_an_entry_back_to_its_text_leaves_no_diff(browser, editor, route):
    """Decap saves only a changed entry: change one name, save, put it back, save. The first
    save changes that one line; after the second the file is byte for byte what it was, although
    Decap sent it in its own YAML both times."""
    page = open_editor(browser, editor, route)
    field = page.locator('input[id^="nombre-field-"][id$="-es"], input[id^="titulo-field-"]').first
    field.wait_for()
    value = field.input_value()
    field.fill(value + " (cambio)")
    response = publish(page)
    assert response is not None and response.ok, response and response.text()
    changed = subprocess.run(["git", "diff", "--numstat"], cwd=editor.root, capture_output=True, text=True).stdout
    assert changed.split()[:2] == ["1", "1"], changed
    page.goto(editor.url + "#/" + route)
    page.reload()
    field = page.locator('input[id^="nombre-field-"][id$="-es"], input[id^="titulo-field-"]').first
    field.wait_for()
    assert field.input_value() == value + " (cambio)"
    field.fill(value)
    response = publish(page)
    assert response is not None and response.ok, response and response.text()
    assert diff(editor) == ""
    page.close()


def test_the_editor_command_refuses_paths_outside_content(editor):
    import json
    import urllib.request
    from urllib.error import HTTPError
    request = urllib.request.Request(editor.url.replace("/admin/", "/api/v1"), method="POST",
                                     data=json.dumps({"action": "getEntry", "params": {"path": "../x"}}).encode())
    with pytest.raises(HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    assert "solo puede tocar archivos de content/" in json.loads(refused.value.read())["error"]


def test_the_synonyms_format_reads_and_writes_every_synonyms_file_unchanged(browser, editor):
    """content/<lang>/sinonimos.yml is a map with free keys: our Decap format shows it as a
    list and must write it back line for line (comments included)."""
    page = open_editor(browser, editor)
    for path in sorted(editor.root.glob("content/*/sinonimos.yml")):
        text = path.read_text(encoding="utf-8")
        entries, again = page.evaluate(
            "t => { const d = window.ventanillaSinonimos.parse(t); return [d.sinonimos.length, window.ventanillaSinonimos.write(d)]; }",
            text)
        assert again == text, path
        assert entries == len([line for line in text.splitlines() if line and not line.startswith("#")])
    page.close()
