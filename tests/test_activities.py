"""Awareness-raising (issue 10): the activities calendar, its .ics feeds, the community
topics' myths and their sources. Dates are fixed (SOURCE_DATE_EPOCH) so that what is
"past" does not depend on the day the suite runs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
from conftest import make_project

from ventanilla import activities, pipeline
from ventanilla import content as content_model
from ventanilla.activities import ics
from ventanilla.cli import main as cli
from ventanilla.content import routes
from ventanilla.findings import Findings

BUILD_DAY = dt.date(2027, 1, 10)  # after every verification date of the fixture
ACTIVITY = """id: {id}
estatus: {status}
titulo: {{es: "{title}", en: "{title} (en)", fr: "{title} (fr)"}}
fecha: "{day}"
hora_inicio: "10:00"
hora_fin: "11:30"
ventanilla: ejemplo-tapachula
lugar: {{nombre: {{es: Salón de ejemplo}}, municipio: Tapachula}}
tema: ejemplo-fraude
publico: [personas-migrantes]
idiomas: [es, fr]
gratuito: true
fuentes: [{{titulo: Aviso de ejemplo, consultado: "2026-11-01"}}]
verificado_el: "2026-11-01"
"""
SCHEDULE = [  # id, day, status
    ("pasada", "2027-01-09", "verificado"),
    ("hoy", "2027-01-10", "verificado"),
    ("proxima", "2027-02-01", "sin_verificar"),
    ("cancelada", "2027-03-01", "cancelada"),
]


def add_activities(root: Path, schedule=SCHEDULE) -> None:
    folder = root / "content" / "actividades"
    folder.mkdir(exist_ok=True)
    for activity_id, day, status in schedule:
        (folder / f"{activity_id}.yml").write_text(
            ACTIVITY.format(id=activity_id, status=status, title=f"Actividad {activity_id}", day=day), encoding="utf-8")


def fix_date(monkeypatch, day: dt.date) -> None:
    epoch = dt.datetime.combine(day, dt.time(12, 0), dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


@pytest.fixture(scope="module")
def calendar_build(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("calendario") / "p")
    add_activities(root)
    with pytest.MonkeyPatch.context() as mp:
        fix_date(mp, BUILD_DAY)
        result = pipeline.build(pipeline.Project(root))
    assert result.built, result.mkdocs_error or [f.format() for f in result.findings.errors]
    return root, result


def page(root: Path, lang_prefix: str, path: str) -> str:
    return (root / "site" / lang_prefix / routes.url(path) / "index.html").read_text(encoding="utf-8")


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


# -- the schedule ----------------------------------------------------------------
@pytest.mark.slow
def test_past_activities_move_to_the_archive_as_the_build_date_passes(calendar_build):
    _, result = calendar_build
    before = activities.schedule(result.content, dt.date(2027, 1, 1))
    after = activities.schedule(result.content, BUILD_DAY)
    assert [a.id for a in before.upcoming] == ["pasada", "hoy", "proxima", "cancelada"]
    assert before.past == []
    assert [a.id for a in after.upcoming] == ["hoy", "proxima", "cancelada"]  # today still counts
    assert [a.id for a in after.past] == ["pasada"]
    assert after.upcoming[0].start.utcoffset() == dt.timedelta(hours=-6)  # Chiapas: no DST since 2022


@pytest.mark.slow
def test_the_pages_list_upcoming_activities_and_archive_past_ones(calendar_build):
    root, _ = calendar_build
    upcoming = page(root, "", routes.ACTIVITIES)
    assert "Actividad hoy" in upcoming and "Actividad proxima" in upcoming
    assert "Actividad pasada" not in upcoming
    assert "Chiapas" in upcoming and "Cancelada" in upcoming
    assert "Por confirmar" in upcoming  # sin_verificar says so
    archive = page(root, "", routes.ACTIVITIES_ARCHIVE)
    assert "Actividad pasada" in archive and "Actividad proxima" not in archive
    desk = page(root, "", routes.desk("ejemplo-tapachula"))
    assert "Próximas actividades" in desk and "Actividad hoy" in desk and "Actividad pasada" not in desk
    english = page(root, "en", routes.ACTIVITIES)
    assert "Actividad proxima (en)" in english and "Actividad pasada" not in english
    assert "Saturday" in page(root, "en", routes.ACTIVITIES_ARCHIVE)  # 9 January 2027, with its weekday


@pytest.mark.slow
def test_ics_feeds_parse_and_hold_only_upcoming_activities(calendar_build):
    root, result = calendar_build
    site = root / "site"
    for prefix, suffix in (("", ""), ("en/", " (en)"), ("fr/", " (fr)")):
        for feed in (ics.feed_file(), ics.feed_file("chiapas")):
            found = events(site / prefix / feed)
            assert set(found) == {"hoy", "proxima", "cancelada"}, (prefix, feed)
            assert str(found["proxima"]["SUMMARY"]) == f"Actividad proxima{suffix}"
            assert str(found["cancelada"]["STATUS"]) == "CANCELLED"
            assert str(found["hoy"]["STATUS"]) == "CONFIRMED"
            assert found["proxima"]["DTSTART"].dt == dt.datetime(2027, 2, 1, 10, 0, tzinfo=found["proxima"]["DTSTART"].dt.tzinfo)
            assert found["proxima"]["DTSTART"].dt.tzinfo.key == "America/Mexico_City"
            assert found["hoy"]["DTEND"].dt.hour == 11
            assert "Tapachula" in str(found["hoy"]["LOCATION"])
            assert str(found["hoy"]["URL"]).startswith(result.content.site["url"] + prefix)
    calendar = icalendar.Calendar.from_ical((site / ics.feed_file()).read_bytes())
    assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["America/Mexico_City"]
    page_html = page(root, "", routes.ACTIVITIES)
    assert 'href="calendario.ics"' in page_html and 'href="calendario-chiapas.ics"' in page_html


@pytest.mark.slow
def test_feeds_do_not_change_between_builds_of_the_same_content(calendar_build, tmp_path, monkeypatch):
    """DTSTAMP is the verification date, not the build time: subscribers see no churn."""
    root, result = calendar_build
    fix_date(monkeypatch, BUILD_DAY)
    pipeline_docs = tmp_path / "docs"
    from ventanilla.activities import pages as activity_pages
    activity_pages.publish_feeds(result.content, pipeline_docs, BUILD_DAY)
    assert (pipeline_docs / "es" / ics.feed_file()).read_bytes() == (root / "site" / ics.feed_file()).read_bytes()


def test_a_desk_with_its_own_time_zone_uses_it():
    desk = {"entidad": "tamaulipas", "zona_horaria": "America/Matamoros"}
    assert activities.time_zone(desk) == "America/Matamoros"
    assert activities.time_zone({"entidad": "baja-california"}) == "America/Tijuana"
    assert activities.time_zone({"entidad": "chiapas"}) == "America/Mexico_City"


# -- validation --------------------------------------------------------------------
def run_check(root: Path, capsys) -> tuple[int, str]:
    code = cli.main(["check", "--project", str(root)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("field", ["fecha", "lugar", "ventanilla"])
def test_an_activity_without_date_place_or_desk_fails_with_file_and_line(project, capsys, field):
    add_activities(project, [("sin-dato", "2027-02-01", "verificado")])
    path = project / "content" / "actividades" / "sin-dato.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"^{field}:.*\n", "", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert re.search(rf'content/actividades/sin-dato\.yml:\d+: error \[falta-campo\] falta el campo obligatorio "{field}"', out), out


@pytest.mark.parametrize("old, new, code_name, words", [
    ("ventanilla: ejemplo-tapachula", "ventanilla: ejemplo-tapachulaa", "referencia-rota", 'la ventanilla "ejemplo-tapachulaa" no existe'),
    ("tema: ejemplo-fraude", "tema: fraude", "referencia-rota", 'el tema'),
    ("publico: [personas-migrantes]", "publico: [migrantes]", "referencia-rota", 'el público "migrantes" no existe'),
    ('fecha: "2027-02-01"', 'fecha: "2027-02-30"', "fecha-invalida", 'la fecha "2027-02-30" no existe'),
    ('hora_fin: "11:30"', 'hora_fin: "09:00"', "horario", "hora_fin (09:00) debe ser después de hora_inicio (10:00)"),
    ("gratuito: true", "gratuito: false", "falta-campo", "costo_nota"),
    ("Salón de ejemplo", "Salón <script>alert(1)</script>", "html-no-permitido", "contiene HTML o un script"),
])
def test_activity_mistakes_are_reported(project, capsys, old, new, code_name, words):
    add_activities(project, [("con-error", "2027-02-01", "verificado")])
    path = project / "content" / "actividades" / "con-error.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert "content/actividades/con-error.yml:" in out and f"error [{code_name}]" in out and words in out, out


def test_example_activities_are_refused_by_the_publishing_gate(project, capsys):
    add_activities(project, [("de-ejemplo", "2099-01-01", "ejemplo")])
    code = cli.main(["check", "--publish", "--project", str(project)])
    out = capsys.readouterr().out
    assert code == 1 and "[actividad-ejemplo]" in out and "de-ejemplo.yml" in out


# -- myths ----------------------------------------------------------------------------
def test_every_myth_of_the_bundled_content_has_a_source():
    root = Path(__file__).resolve().parent.parent / "content"
    content = content_model.load(root, Findings(root.parent))
    myths = [(page_id, m) for page_id, page in content.pages["comunidad"].items()
             for m in page.docs["es"].data.get("mitos") or []]
    assert len(myths) >= 5
    for page_id, myth in myths:
        assert myth.get("fuentes"), (page_id, myth["id"])
        for source in myth["fuentes"]:
            assert source.get("titulo") and source.get("consultado") and source.get("url", "https://").startswith("http")


def test_a_myth_without_a_source_is_an_error(project, capsys):
    path = project / "content" / "es" / "comunidad" / "ejemplo-mitos.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("""    fuentes:
      - titulo: Fuente de ejemplo del primer mito
        consultado: 2026-11-01
""", ""), encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert re.search(r'content/es/comunidad/ejemplo-mitos\.md:\d+: error \[mito-sin-fuente\] el mito "uno" no tiene fuentes', out), out


def test_translated_myths_take_their_sources_from_spanish(project, capsys):
    path = project / "content" / "en" / "comunidad" / "ejemplo-mitos.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    realidad: First example fact.\n",
                                 "    realidad: First example fact.\n    fuentes: [{titulo: x, consultado: 2026-11-01}]\n"
                                 "  - id: tres\n    mito: A myth Spanish lacks.\n    realidad: x.\n"), encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "error [campo-solo-original] las fuentes del mito van solo en la versión en español" in out
    assert 'error [mito-desconocido] el mito "tres" no existe en la versión en español' in out


@pytest.mark.slow
def test_community_page_shows_myths_with_sources_and_marks_untranslated_ones(project, monkeypatch):
    fix_date(monkeypatch, BUILD_DAY)
    result = pipeline.build(pipeline.Project(project))
    assert result.built
    english = page(project, "en", routes.community("ejemplo-mitos"))
    assert "First example myth." in english and "First example fact." in english
    assert "Fuente de ejemplo del primer mito" in english  # the source follows from Spanish
    assert re.search(r'<div class="vn-myth" lang="es">\s*<h2[^>]*>.*Segundo mito de ejemplo', english, re.DOTALL)
    assert "Translation pending" in english
    spanish = page(project, "", routes.community("ejemplo-mitos"))
    assert 'href="https://example.org/dos"' in spanish


def test_the_guide_activity_example_passes_the_check(tmp_path, capsys, monkeypatch):
    """GUIA-EDITORES.md section 10: the example an editor copies is valid as written."""
    repo = Path(__file__).resolve().parent.parent
    guide = (repo / "GUIA-EDITORES.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- ejemplo: actividad -->\n```yaml\n(.*?)```", guide, re.S).group(1)
    root = make_project(tmp_path / "p", repo / "content")
    (root / "content" / "actividades" / "2027-04-08-tapachula-trata.yml").write_text(block, encoding="utf-8")
    fix_date(monkeypatch, dt.date(2027, 3, 25))
    code, out = run_check(root, capsys)
    mine = [line for line in out.splitlines() if "2027-04-08-tapachula-trata.yml" in line]
    assert code == 0 and not [line for line in mine if " error " in line], mine


FEEDS_DIGEST = """
import hashlib, sys
from pathlib import Path
from ventanilla import pipeline
from ventanilla.activities import pages
result = pipeline.check(pipeline.Project(Path(sys.argv[1])))
out = Path(sys.argv[2])
pages.publish_feeds(result.content, out, pipeline.today())
feeds = sorted(out.rglob("*.ics"))
print(max(f.read_text(encoding="utf-8").count("BEGIN:VTIMEZONE") for f in feeds),
      hashlib.sha256(b"".join(f.read_bytes() for f in feeds)).hexdigest())
"""


def test_feeds_with_several_time_zones_are_the_same_in_every_process(tmp_path):
    """icalendar adds time zones in the order of a set: string hashing differs from one
    process to the next, so two builds could differ unless the feed sorts them."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    epoch = str(int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()))  # before the starter activities
    printed = []
    for seed in ("1", "3", "5"):  # with the bundled time zones, 1 and 5 used to give different orders
        env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH=epoch)
        run = subprocess.run([sys.executable, "-c", FEEDS_DIGEST, str(root), str(tmp_path / seed)],
                             capture_output=True, text=True, env=env, cwd=root, check=True)
        printed.append(run.stdout.split())
    assert int(printed[0][0]) >= 2, "the bundled activities should span several time zones"
    assert len({digest for _, digest in printed}) == 1
