"""Editors' workflow: `new`, translation drift and `traducido`, the report, the
publishing gate and the draft banner, and the schema wiring for editors."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from ventanilla import pipeline
from ventanilla.checks import drift
from ventanilla.cli import main as cli
from ventanilla.output import weight

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)  # the fixture's dates are 2026-11-01: 30 days old
DESK = "content/ventanillas/ejemplo-tapachula.yml"
SERVICE = "content/servicios/ejemplo-asilo.yml"
URGENT = "content/urgencias/ejemplo-emergencia.yml"
PROCEDURE_ES = "content/es/tramites/ejemplo-asilo.md"
PROCEDURE_EN = "content/en/tramites/ejemplo-asilo.md"
RISK_ES = "content/es/riesgos/ejemplo-fraude.md"
RISK_FR = "content/fr/riesgos/ejemplo-fraude.md"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    epoch = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


def run(project: Path, capsys, *args) -> tuple[int, str]:
    code = cli.main([args[0], "--project", str(project), *args[1:]])
    return code, capsys.readouterr().out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle) -> int:
    """Line of the first line holding `needle` (a string, or a compiled pattern)."""
    found = needle.search if isinstance(needle, re.Pattern) else (lambda line: needle in line)
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if found(line))


def record_line(lang: str) -> re.Pattern:
    """The line of a language's version in a `traduce:` block."""
    return re.compile(rf"^  {lang}: [0-9a-f]{{12}}")


def lines_with(out: str, prefix: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(prefix)]


def make_clean(project: Path, capsys) -> None:
    """The fixture as an editor leaves it for publishing: verified, translations recorded."""
    for path in (project / "content").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        if "estatus: sin_verificar" in text:
            path.write_text(text.replace("estatus: sin_verificar", "estatus: verificado"), encoding="utf-8")
    code, out = run(project, capsys, "traducido", "--sin-registro")
    assert code == 0, out


@pytest.fixture
def clean(project, capsys) -> Path:
    make_clean(project, capsys)
    return project


# -- ventanilla new ------------------------------------------------------------------
NEW = {
    "desk": ["content/ventanillas/{id}.yml"],
    "service": ["content/servicios/{id}.yml"],
    "procedure": ["content/{lang}/tramites/{id}.md"],
    "risk": ["content/{lang}/riesgos/{id}.md"],
}
SCHEMA = {"desk": "ventanilla", "service": "servicio", "procedure": "tramite", "risk": "riesgo"}
SPANISH_ONLY = {"gratuito", "servicios", "ayuda", "fuentes", "revisado_el", "estatus", "etapas"}


def schema_fields(name: str) -> set[str]:
    schema = json.loads((REPO / "ventanilla" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return set(schema["properties"])


def front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---")[1]


@pytest.mark.parametrize("kind", sorted(NEW))
def test_new_creates_every_field_and_passes_check(project, capsys, kind):
    code, out = run(project, capsys, "new", kind, "nueva-ficha")
    assert code == 0, out
    files = [project / pattern.format(id="nueva-ficha", lang=lang)
             for pattern in NEW[kind] for lang in (("es", "en", "fr") if "{lang}" in pattern else ("es",))]
    for path in files:
        assert path.exists(), out
        assert f"Creado {path.relative_to(project).as_posix()}:" in out

    fields = schema_fields(SCHEMA[kind]) - {"revision_nativa"}  # written by `traducido --sin-revisar` only
    for path in files:
        text = path.read_text(encoding="utf-8")
        translation = "/en/" in path.as_posix() or "/fr/" in path.as_posix()
        expected = (fields - SPANISH_ONLY) if translation else (fields - {"traduce"})
        present = set(re.findall(r"^#? ?([a-z0-9_]+):", front_matter(path) if path.suffix == ".md" else text, re.M))
        assert expected <= present, f"{path.name} lacks {sorted(expected - present)}"
        if translation:
            assert not (SPANISH_ONLY & present), "facts shared by all languages go only in the Spanish file"
            assert re.search(r"^traduce: [0-9a-f]{12}  #", text, re.M)
        for line in text.splitlines():  # a short Spanish comment on each field
            if re.match(r"^[a-z_]+:", line):
                assert "  # " in line, f"no comment on {line!r} in {path.name}"

    code, out = run(project, capsys, "check")
    assert code == 0, out  # valid as created: only warnings
    assert "Resultado: 0 errores" in out
    spanish = files[0]
    rel = spanish.relative_to(project).as_posix()
    marker_line = line_of(spanish, "POR COMPLETAR")
    assert f"{rel}:{marker_line}: aviso [por-completar] falta completar este dato" in out

    code, out = run(project, capsys, "check", "--publish")
    assert code == 1
    assert f"{rel}:{marker_line}: error [por-completar]" in out
    assert f"{rel}:{line_of(spanish, 'estatus: sin_verificar')}: error [sin-verificar]" in out
    assert f"{rel}:{marker_line}: aviso [por-completar]" not in out  # replaced by the error


def test_new_refuses_an_existing_id(project, capsys):
    before = (project / DESK).read_text(encoding="utf-8")
    code, out = run(project, capsys, "new", "desk", "ejemplo-tapachula")
    assert code == 1
    assert out.startswith(f"{DESK}:1: error [id-existe] ya existe una ficha con el id \"ejemplo-tapachula\"")
    assert (project / DESK).read_text(encoding="utf-8") == before
    code, out = run(project, capsys, "new", "service", "ejemplo-tapachula")  # ids are shared by all entities
    assert code == 1 and "ya existe" in out
    assert not (project / "content/servicios/ejemplo-tapachula.yml").exists()
    code, out = run(project, capsys, "new", "procedure", "ejemplo-asilo")
    assert code == 1 and out.startswith("content/es/tramites/ejemplo-asilo.md:1: error [id-existe]")
    code, out = run(project, capsys, "new", "risk", "Fraude Nuevo")
    assert code == 1 and 'error [id-invalido] el id "Fraude Nuevo" no es válido' in out


# -- translation drift -----------------------------------------------------------------
def test_drift_is_detected_when_the_spanish_text_changes(project, capsys):
    en = project / PROCEDURE_EN
    code, out = run(project, capsys, "traducido", PROCEDURE_EN)
    assert code == 0, out
    version = re.search(r"^traduce: ([0-9a-f]{12})", en.read_text(encoding="utf-8"), re.M).group(1)
    assert f"{PROCEDURE_EN}:2: traducción al inglés (en) marcada al día con el español: versión {version}" in out
    code, out = run(project, capsys, "check")
    assert "traduccion-desactualizada" not in out and f"{PROCEDURE_EN}:1: aviso [traduccion-sin-version]" not in out

    es = project / PROCEDURE_ES
    edit(es, "revisado_el: 2026-11-01", "revisado_el: 2026-11-20")  # a fact kept in Spanish only: no drift
    edit(es, "costo: Gratuito.", 'costo: "Gratuito."')  # layout only: no drift
    code, out = run(project, capsys, "check")
    assert "traduccion-desactualizada" not in out

    edit(es, "resumen: Un trámite de ejemplo.", "resumen: Un trámite de ejemplo, con un cambio.")
    code, out = run(project, capsys, "check")
    assert code == 0
    assert (f"{PROCEDURE_EN}:2: aviso [traduccion-desactualizada] el texto en español ({PROCEDURE_ES}) cambió "
            f"después de la traducción al inglés (en); actualiza la traducción y luego ejecuta "
            f"`ventanilla traducido {PROCEDURE_EN}`") in out

    code, out = run(project, capsys, "traducido", PROCEDURE_ES)  # the Spanish file: all its translations
    assert code == 0 and f"(antes {version})" in out
    code, out = run(project, capsys, "check")
    assert "traduccion-desactualizada" not in out


def test_drift_of_an_entity_is_tracked_per_language(project, capsys):
    path = project / SERVICE
    code, out = run(project, capsys, "traducido", SERVICE)
    assert code == 0, out
    records = yaml.safe_load(path.read_text(encoding="utf-8"))["traduce"]
    assert set(records) == {"en", "fr"} and records["en"] == records["fr"]

    edit(path, "  es: Un servicio de ejemplo para las pruebas.", "  es: Un servicio de ejemplo, cambiado.")
    code, out = run(project, capsys, "check")
    assert f"{SERVICE}:{line_of(path, record_line('en'))}: aviso [traduccion-desactualizada]" in out
    assert f"`ventanilla traducido {SERVICE} --idioma en`" in out

    before = path.read_text(encoding="utf-8")
    code, out = run(project, capsys, "traducido", SERVICE, "--idioma", "en")
    assert code == 0, out
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("  en: "), changed  # one line, nothing else
    code, out = run(project, capsys, "check")
    assert "(en)" not in "".join(lines_with(out, f"{SERVICE}:"))
    assert "traduccion-desactualizada] el texto en español" in out and "(fr)" in out


def test_traducido_keeps_comments_and_refuses_what_is_not_a_translation(project, capsys):
    en = project / PROCEDURE_EN
    edit(en, "titulo: Seek asylum (example)", "# a comment the editor wrote\ntitulo: Seek asylum (example)")
    run(project, capsys, "traducido", PROCEDURE_EN)
    run(project, capsys, "traducido", PROCEDURE_EN)  # twice: the record is replaced, not repeated
    text = en.read_text(encoding="utf-8")
    assert text.count("traduce:") == 1 and "# a comment the editor wrote" in text
    code, out = run(project, capsys, "traducido", "content/catalogos.yml")
    assert code == 1 and "no es una traducción" in out
    code, out = run(project, capsys, "traducido", "content/fr/tramites/ejemplo-asilo.md")
    assert code == 1 and "no existe el archivo" in out


# -- the report -----------------------------------------------------------------------
def section(report: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_report_lists_stale_unverified_missing_and_drifted(project, capsys, tmp_path):
    edit(project / "content/sitio.yml", "url:", "revision: {revisar_cada_dias: 90, maximo_dias: 400}\nurl:")
    edit(project / DESK, "verificado_el: 2026-11-01", "verificado_el: 2026-06-01")  # 183 days
    run(project, capsys, "traducido", PROCEDURE_EN)
    edit(project / PROCEDURE_ES, "despues: Esperas la respuesta.", "despues: Esperas la respuesta por escrito.")
    out_dir = tmp_path / "informe"
    code, out = run(project, capsys, "report", "--out", str(out_dir))
    assert code == 0, out
    assert "  por revisar (más de 90 días): 1" in out
    assert "  traducciones desactualizadas: 1" in out
    assert f"Informe escrito en {out_dir / 'informe.md'} y {out_dir / 'informe.html'}." in out
    report = (out_dir / "informe.md").read_text(encoding="utf-8")

    overdue = section(report, "Por revisar: más de 90 días")
    assert f"| Ventanilla de ejemplo en Tapachula | ventanilla | 2026-06-01 | 183 | `{DESK}:{line_of(project / DESK, 'verificado_el')}` |" in overdue
    assert "ejemplo-asilo" not in overdue  # 30 days old
    unverified = section(report, "Sin verificar")
    assert f"| Servicio de ejemplo de asilo | servicio | 2026-11-01 | `{SERVICE}:2` |" in unverified
    missing = section(report, "Traducciones que faltan")
    assert "| Pedir asilo (ejemplo) | trámite | francés | toda la página | `content/fr/tramites/ejemplo-asilo.md` |" in missing
    assert f"| Servicio de ejemplo de asilo | servicio | francés | descripcion | `{SERVICE}:8` |" in missing
    outdated = section(report, "Traducciones desactualizadas")
    assert f"| Pedir asilo (ejemplo) | inglés | `{PROCEDURE_EN}:2` | `{PROCEDURE_ES}` |" in outdated
    assert f"`ventanilla traducido {PROCEDURE_EN}`" in outdated
    assert "No se puede publicar todavía" in section(report, "Publicación")

    page = (out_dir / "informe.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page and 'content="noindex"' in page
    assert "<td>Ventanilla de ejemplo en Tapachula</td><td>ventanilla</td><td>2026-06-01</td><td>183</td>" in page
    assert not re.search(r'(src|href)="https?://', page)  # self-contained


def test_report_goes_to_the_work_folder_by_default(project, capsys):
    code, out = run(project, capsys, "report")
    assert code == 0
    assert (project / "build" / "informe" / "informe.html").exists()
    assert not (project / "site").exists()  # never part of the public site


# -- the publishing gate --------------------------------------------------------------
def test_gate_passes_on_a_clean_fixture(clean, capsys):
    code, out = run(clean, capsys, "check", "--publish")
    assert code == 0, out
    assert "Se puede publicar" in out


def test_gate_refuses_the_fixture_as_it_is(project, capsys):
    code, out = run(project, capsys, "check")
    assert code == 0
    assert "Para publicar faltan" in out
    code, out = run(project, capsys, "check", "--publish")
    assert code == 1
    assert f"{DESK}:2: error [sin-verificar] ventanilla sin verificar" in out
    assert "No se puede publicar" in out


def _critical_fr_missing(project):
    edit(project / "content/sitio.yml", "url:", "revision:\n  criticas: [urgencias, riesgos/ejemplo-fraude]\nurl:")
    (project / RISK_FR).unlink()


@pytest.mark.parametrize(
    "change, file, needle, code",
    [
        (lambda p: edit(p / SERVICE, "estatus: verificado", "estatus: sin_verificar"),
         SERVICE, "estatus:", "sin-verificar"),
        (lambda p: edit(p / DESK, "verificado_el: 2026-11-01", "verificado_el: 2025-10-01"),
         DESK, "verificado_el:", "caducado"),
        (lambda p: edit(p / "content/sitio.yml", "url:", "revision: {maximo_dias: 20}\nurl:"),
         DESK, "verificado_el:", "caducado"),
        (lambda p: edit(p / URGENT, "  fr: [Appelez le 911.]\n", ""),
         URGENT, "que_hacer:", "falta-traduccion-critica"),
        (_critical_fr_missing, RISK_ES, "---", "falta-traduccion-critica"),
        (lambda p: edit(p / URGENT, "es: [Llama al 911.]", "es: [Llama al 911 ahora.]"),
         URGENT, record_line("fr"), "traduccion-critica-desactualizada"),
        (lambda p: edit(p / PROCEDURE_ES, "(../ventanillas/ejemplo-tapachula.md)", "(../ventanillas/otra.md)"),
         PROCEDURE_ES, "otra.md", "enlace-roto"),
        (lambda p: edit(p / URGENT, "servicios: [ejemplo-911]", "servicios: [ejemplo-912]"),
         URGENT, "ejemplo-912", "referencia-rota"),
        (lambda p: edit(p / SERVICE, "direccion: Avenida de ejemplo 2", "direccion: POR COMPLETAR"),
         SERVICE, "POR COMPLETAR", "por-completar"),
    ],
    ids=["sin-verificar", "caducado", "maximo-configurable", "urgencia-sin-traducir", "tema-critico-sin-traducir",
         "traduccion-critica-vieja", "enlace-roto", "referencia-rota", "por-completar"],
)
def test_gate_fails_on_each_condition(clean, capsys, change, file, needle, code):
    change(clean)
    exit_code, out = run(clean, capsys, "check", "--publish")
    assert exit_code == 1, out
    prefix = f"{file}:{line_of(clean / file, needle)}: error [{code}]"
    assert lines_with(out, prefix), f"expected {prefix!r} in:\n{out}"
    assert "No se puede publicar" in out


def test_unknown_critical_page_is_an_error(project, capsys):
    edit(project / "content/sitio.yml", "url:", "revision:\n  criticas: [urgencias, riesgos/no-existe]\nurl:")
    code, out = run(project, capsys, "check")
    assert code == 1
    assert 'content/sitio.yml:3: error [referencia-rota] la página crítica "riesgos/no-existe" no existe' in out


# -- the draft banner -----------------------------------------------------------------
BANNER = '<aside class="md-banner">'


@pytest.mark.slow
def test_preview_build_is_a_draft_in_every_language(project, capsys):
    run(project, capsys, "new", "desk", "ventanilla-nueva")  # placeholders still build as a preview
    run(project, capsys, "new", "service", "servicio-nuevo")
    code, out = run(project, capsys, "build")
    assert code == 0, out
    assert "Es un BORRADOR" in out
    site = project / "site"
    assert "BORRADOR:" in (site / "index.html").read_text(encoding="utf-8").split(BANNER)[1][:400]
    assert "DRAFT:" in (site / "en/directorio/ejemplo-asilo/index.html").read_text(encoding="utf-8").split(BANNER)[1][:400]
    assert "BROUILLON" in (site / "fr/404.html").read_text(encoding="utf-8").split(BANNER)[1][:400]
    assert "POR COMPLETAR" in (site / "ventanillas/ventanilla-nueva/index.html").read_text(encoding="utf-8")
    for page in weight.published_pages(site):  # the editors' /admin/ is not the portal
        assert BANNER in page.read_text(encoding="utf-8"), f"no banner on {page}"

    shutil.rmtree(site)
    code, out = run(project, capsys, "build", "--publish")
    assert code == 1
    assert "No se construyó el sitio" in out
    assert not site.exists()


@pytest.mark.slow
def test_publish_build_has_no_banner(clean, capsys):
    code, out = run(clean, capsys, "build", "--publish")
    assert code == 0, out
    assert "BORRADOR" not in out
    pages = list((clean / "site").rglob("*.html"))
    assert pages and not any(BANNER in p.read_text(encoding="utf-8") for p in pages)
    for prefix, date in (("", "Confirmado con la institución el 1 de noviembre de 2026"),
                         ("en/", "Confirmed with the institution on 1 November 2026"),
                         ("fr/", "Confirmé auprès de l'institution le 1 novembre 2026")):  # the trust line, localised
        assert date in (clean / "site" / prefix / "ventanillas/ejemplo-tapachula/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_preview_of_publishable_content_has_no_banner(clean):
    result = pipeline.build(pipeline.Project(clean))
    assert result.built and not result.draft
    assert BANNER not in (clean / "site" / "index.html").read_text(encoding="utf-8")


# -- schemas for editors --------------------------------------------------------------
def test_vscode_maps_every_yaml_kind_and_files_name_their_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    mapped: dict[Path, str] = {}
    for schema, globs in settings.items():
        assert (REPO / schema).exists(), schema
        for pattern in globs:
            for path in REPO.glob(pattern):
                mapped[path] = Path(schema).name
    yaml_files = sorted((REPO / "content").rglob("*.yml"))
    assert yaml_files and set(yaml_files) <= set(mapped), sorted(set(yaml_files) - set(mapped))
    for path in yaml_files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.relative_to(REPO)} lacks the $schema line"
        target = (path.parent / match.group(1)).resolve()
        assert target.name == mapped[path] and target.exists(), f"{path.relative_to(REPO)} names {match.group(1)}"


def test_precommit_and_workflow_run_the_checks():
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert "check" in hooks[0]["entry"] and (REPO / hooks[0]["entry"].split()[0]).exists()
    workflow = (REPO / ".github" / "workflows" / "publicar.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]
    runs = [s.get("run", "") + s.get("uses", "") for job in steps.values() for s in job["steps"]]
    for needed in ("ventanilla check --publish", "pytest", "ventanilla build --publish", "deploy-pages"):
        assert any(needed in r for r in runs), needed


def test_versions_ignore_layout_and_shared_facts(project):
    from ventanilla.content.sources import read_markdown
    from ventanilla.findings import Findings
    path = project / PROCEDURE_ES
    before = drift.page_version(read_markdown(path, Findings(project)))
    edit(path, "estatus: sin_verificar", "estatus: verificado")
    edit(path, "plazos: [30 días hábiles]", "plazos:\n  - 30 días hábiles")
    assert drift.page_version(read_markdown(path, Findings(project))) == before
    edit(path, "Haz la segunda cosa.", "Haz la segunda cosa con cuidado.")
    assert drift.page_version(read_markdown(path, Findings(project))) != before
