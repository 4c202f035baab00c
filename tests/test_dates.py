"""Dates on pages and leaflets: Babel, in each language's `formato_regional` (content/sitio.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ventanilla import content as content_model
from ventanilla.checks import crosscheck
from ventanilla.findings import Findings
from ventanilla.render.pagecontext import PageContext

REPO = Path(__file__).resolve().parent.parent


def load(project: Path) -> tuple:
    findings = Findings(project)
    content = content_model.load(project / "content", findings)
    crosscheck.check(content, findings)
    return content, findings


def set_english(project: Path, entry: str) -> None:
    path = project / "content" / "sitio.yml"
    text = path.read_text(encoding="utf-8")
    old = "  - {codigo: en, nombre: English, formato_regional: en_GB}\n"
    assert old in text
    path.write_text(text.replace(old, entry), encoding="utf-8")


def test_dates_in_each_language(project):
    content, _ = load(project)
    dates = {lang: PageContext(content, lang, "index.md").date("2026-10-03") for lang in content.codes}
    assert dates == {"es": "3 de octubre de 2026", "en": "3 October 2026", "fr": "3 octobre 2026"}


def test_without_a_regional_format_the_language_code_decides(project):
    set_english(project, "  - {codigo: en, nombre: English}\n")
    content, findings = load(project)
    assert PageContext(content, "en", "index.md").date("2026-10-03") == "October 3, 2026"
    assert not [f for f in findings.items if f.code == "formato-regional"]


def test_an_unknown_regional_format_is_a_warning_and_falls_back(project):
    set_english(project, "  - codigo: en\n    nombre: English\n    formato_regional: en_XX\n")
    content, findings = load(project)
    assert PageContext(content, "en", "index.md").date("2026-10-03") == "October 3, 2026"
    lines = (project / "content" / "sitio.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "en_XX" in text)
    assert f'content/sitio.yml:{line}: aviso [formato-regional] no se conoce el formato regional "en_XX"' in \
        "\n".join(f.format() for f in findings.items)
    assert not findings.errors


@pytest.mark.parametrize("value", ["en-GB", "english"])
def test_a_malformed_regional_format_is_a_schema_error(project, value):
    set_english(project, f"  - {{codigo: en, nombre: English, formato_regional: {value}}}\n")
    _, findings = load(project)
    assert any(f.code == "formato" and "p. ej. en_GB" in f.message for f in findings.errors), \
        [f.format() for f in findings.items]


def test_the_bundled_content_writes_british_english_dates():
    findings = Findings(REPO)
    content = content_model.load(REPO / "content", findings)
    assert PageContext(content, "en", "index.md").date("2026-10-03") == "3 October 2026"
