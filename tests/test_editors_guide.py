"""The editors' guide (GUIA-EDITORES.md) cannot drift from the code.

- every finding code that ventanilla/ can print is documented under its own heading,
  and the guide documents no code that no longer exists;
- every example line (`file:line: error [code] …`) uses a code with a severity it really has;
- the desk template is exactly what `ventanilla new desk` writes, and the filled-in
  example passes `ventanilla check`;
- the README links to the guide and the guide's own links lead somewhere.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from ventanilla.cli import main as cli
from ventanilla.editors import scaffold

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "GUIA-EDITORES.md"
PACKAGE = REPO / "ventanilla"
CODE = re.compile(r"^[a-z]+(-[a-z]+)*$")
HEADING = re.compile(r"^#{3,4} `([a-z-]+)`\s*$", re.M)
EXAMPLE = re.compile(r"(?:^|: )(error|aviso) \[([a-z-]+)\]", re.M)
SEVERITY = {"error": "error", "warning": "aviso"}


def _literal_code(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def source_codes() -> dict[str, set[str]]:
    """{code: severities} of every finding ventanilla/ can print.

    Findings are `<x>.error(…, "code", message)` / `<x>.warning(…)` calls (findings.py,
    sitecheck.py); the code is the call's first string argument that looks like a code.
    Where the code is a variable, it comes from a function returning ("code", message, …)
    tuples (schema_check._message). `ventanilla new` prints `error [code]` in its refusals.
    """
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        variable_codes = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SEVERITY:
                codes = [c for c in map(_literal_code, node.args) if c]
                if codes:
                    found.setdefault(codes[0], set()).add(SEVERITY[node.func.attr])
                elif any(isinstance(a, ast.Name) for a in node.args):
                    variable_codes = True
        if variable_codes:
            for node in ast.walk(tree):
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
                    code = _literal_code(node.value.elts[0])
                    if code:
                        found.setdefault(code, set()).add("error")
        for severity, code in re.findall(r"\b(error|aviso) \[([a-z]+(?:-[a-z]+)*)\]", text):
            found.setdefault(code, set()).add(severity)
    return found


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_the_code_scan_finds_the_checks():
    codes = source_codes()
    # one from each kind of source: a literal in a call, a variable (schema), `new`'s refusals, the built site
    for code in ("yaml-invalido", "campo-desconocido", "formato", "telefono-invalido", "traduccion-desactualizada",
                 "sin-verificar", "id-existe", "ancla-rota"):
        assert code in codes, code
    assert codes["horario"] == {"error", "aviso"} and codes["por-completar"] == {"error", "aviso"}
    assert len(codes) >= 45


def test_every_finding_code_is_documented_once():
    documented = HEADING.findall(guide())
    missing = sorted(set(source_codes()) - set(documented))
    assert not missing, f"GUIA-EDITORES.md no documenta: {missing} (añade «#### `código`», un ejemplo y el arreglo)"
    repeated = sorted({c for c in documented if documented.count(c) > 1})
    assert not repeated, f"códigos documentados dos veces: {repeated}"


def test_the_guide_documents_no_code_that_does_not_exist():
    stale = sorted(set(HEADING.findall(guide())) - set(source_codes()))
    assert not stale, f"GUIA-EDITORES.md documenta códigos que ya no existen: {stale}"


def test_each_documented_code_has_an_example_line_and_a_fix():
    text = guide()
    headings = list(HEADING.finditer(text))
    for i, match in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else text.index("\n## ", match.end())
        body = text[match.end():end]
        assert f"[{match.group(1)}]" in body, f"sin línea de ejemplo para {match.group(1)}"
        assert "Arreglo:" in body, f"sin arreglo para {match.group(1)}"


def test_example_lines_use_real_codes_and_severities():
    codes = source_codes()
    for severity, code in EXAMPLE.findall(guide()):
        assert code in codes, f"código inexistente en un ejemplo: {code}"
        assert severity in codes[code], f"[{code}] nunca es «{severity}» (es {sorted(codes[code])})"


def _block(name: str) -> str:
    match = re.search(rf"<!-- ejemplo: {name} -->\n```yaml\n(.*?)```", guide(), re.S)
    assert match, f"falta el bloque de ejemplo {name}"
    return match.group(1)


def test_the_desk_template_is_what_ventanilla_new_writes():
    template = _block("plantilla-ventanilla")
    day = re.search(r"consultado: (\d{4}-\d{2}-\d{2})", template).group(1)
    expected = ("# yaml-language-server: $schema=../../ventanilla/schemas/ventanilla.schema.json\n"
                + scaffold.desk_yaml("ventanilla-oaxaca", ["es", "en", "fr"]).replace(scaffold.TODAY, day))
    assert template == expected, "la plantilla de la sección 2 ya no es la de `ventanilla new desk`: cópiala de nuevo"


@pytest.fixture
def pinned_today(monkeypatch):
    epoch = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


@pytest.mark.parametrize("name, allowed", [("plantilla-ventanilla", {"por-completar", "traduccion-sin-version", "sin-contacto"}),
                                           ("ventanilla-llena", {"traduccion-sin-version"})])
def test_the_worked_example_passes_the_check(project, capsys, pinned_today, name, allowed):
    path = project / "content" / "ventanillas" / "ventanilla-oaxaca.yml"
    path.write_text(_block(name), encoding="utf-8")
    code = cli.main(["check", "--project", str(project)])
    out = capsys.readouterr().out
    assert code == 0, out
    mine = [line for line in out.splitlines() if line.startswith("content/ventanillas/ventanilla-oaxaca.yml")]
    assert {re.search(r"\[([a-z-]+)\]", line).group(1) for line in mine} <= allowed, "\n".join(mine)


def _slug(heading: str) -> str:
    """GitHub's and GitLab's anchor for a heading."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_the_guides_links_lead_somewhere():
    text = guide()
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, f"enlace roto en la guía: #{target}"
    for target in re.findall(r"\]\((?!https?:|#)([^)#]+)", text):
        if not target.startswith(".."):
            assert (REPO / target).exists(), f"enlace roto en la guía: {target}"


def test_the_readme_links_to_the_guide():
    assert "(GUIA-EDITORES.md)" in (REPO / "README.md").read_text(encoding="utf-8")
