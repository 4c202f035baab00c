"""Monitoring figures (ventanilla/monitoring/): the CSV holds no personal data, small
counts are suppressed so that nothing published lets a reader work them back out, and
the page's charts and tables agree with the source data."""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from ventanilla import pipeline
from ventanilla.cli import main as cli
from ventanilla.monitoring import suppress as sup
from ventanilla.monitoring import tables

HEADER = "mes,ventanilla,dimension,categoria,personas\n"
DESK = "ejemplo-tapachula"


def rows(month="2026-05", desk=DESK, people=12):
    """A consistent desk-month: nationality, sex and age each add up to `people`."""
    return (f"{month},{desk},nacionalidad,HN,{people - 3}\n{month},{desk},nacionalidad,CU,3\n"
            f"{month},{desk},sexo,mujer,{people}\n{month},{desk},edad,18-29,{people}\n"
            f"{month},{desk},necesidad,asilo-refugio,{people}\n{month},{desk},canalizacion,albergue,2\n")


def check(project, text):
    folder = project / "content" / "monitoreo"
    folder.mkdir(exist_ok=True)
    (folder / "atenciones.csv").write_text(text, encoding="utf-8")
    result = pipeline.check(pipeline.Project(project))
    return result, [f for f in result.findings.errors if f.file.startswith("content/monitoreo")]


def test_valid_figures_load(project):
    result, errors = check(project, "# DATOS SINTÉTICOS\n" + HEADER + rows() + rows("2026-06"))
    assert errors == []
    data = result.content.monitoring
    assert data.months == ["2026-05", "2026-06"] and data.threshold == 5
    assert data.people("mes") == {"2026-05": 12, "2026-06": 12}


def test_no_monitoring_without_the_file(project):
    result = pipeline.check(pipeline.Project(project))
    assert result.content.monitoring is None


@pytest.mark.parametrize("column", ["nombre", "telefono", "curp", "observaciones", "numero_documento"])
def test_columns_that_could_hold_personal_data_are_refused(project, column):
    _, errors = check(project, HEADER.strip() + f",{column}\n" + "".join(l + ",x\n" for l in rows().splitlines()))
    assert [(e.line, e.code) for e in errors] == [(1, "monitoreo-columna")]
    assert f'"{column}"' in errors[0].message and "datos personales" in errors[0].message


@pytest.mark.parametrize("value, why", [
    ("María López", "nombre"), ("+52 962 123 4567", "teléfono"), ("GOMJ800101HCSRRN09", "CURP"),
    ("persona@example.org", "correo"), ("llegó con su hija y pidió ayuda", "texto libre"),
])
def test_values_that_look_like_personal_data_are_refused(project, value, why):
    _, errors = check(project, HEADER + rows() + f'2026-05,{DESK},nacionalidad,"{value}",1\n')
    assert [(e.file, e.line, e.code) for e in errors] == [("content/monitoreo/atenciones.csv", 8, "monitoreo-dato-personal")]
    assert why in errors[0].message


@pytest.mark.parametrize("count", ["2.5", "-3", "tres", "1e3", ""])
def test_counts_must_be_whole_numbers(project, count):
    _, errors = check(project, HEADER + rows().replace("nacionalidad,CU,3", f"nacionalidad,CU,{count}"))
    assert [(e.line, e.code) for e in errors] == [(3, "monitoreo-cifra")]


def test_unknown_values_duplicates_and_totals(project):
    text = (HEADER + rows() + "2026-13,nadie,color,azul,1\n" + "2026-05,ejemplo-tapachula,sexo,mujer,1\n"
            + rows("2026-06").replace("sexo,mujer,12", "sexo,mujer,11"))
    _, errors = check(project, text)
    found = sorted((e.line, e.code) for e in errors)
    assert found == [(8, "monitoreo-valor")] * 3 + [(9, "monitoreo-duplicado")]
    assert any("AAAA-MM" in e.message for e in errors) and any('"nadie"' in e.message for e in errors)
    _, errors = check(project, HEADER + rows() + rows("2026-06").replace("sexo,mujer,12", "sexo,mujer,11"))
    assert [(e.line, e.code) for e in errors] == [(8, "monitoreo-totales")]


def test_the_command_exits_1_in_spanish_with_file_and_line(project, capsys):
    check(project, HEADER + rows().replace("CU,3", "CU,3.5"))
    assert cli.main(["check", "--project", str(project)]) == 1
    out = capsys.readouterr()
    assert "content/monitoreo/atenciones.csv:3: error [monitoreo-cifra]" in out.out + out.err


# -- suppression -------------------------------------------------------------------------

def attack(published: dict, groups, threshold: int) -> dict:
    """Independent of suppress.audit: enumerate every value the hidden cells of each group
    could hold, given the published figures, the marks and that the members add up to the
    total. Returns {hidden cell: set of possible values} (capped enumeration)."""
    possible = {}
    for total, members in groups:
        cells = [total] + members
        hidden = [c for c in cells if not isinstance(published[c], int)]
        if not hidden:
            continue
        cap = max([v for v in published.values() if isinstance(v, int)] + [0]) + 40  # a hidden total is unbounded

        def choices(c, cap=cap):
            if published[c] == "<":
                return range(1, threshold)
            return range(threshold, cap + 1)

        options = defaultdict(set)
        free, last = hidden[:-1], hidden[-1]
        for combo in itertools.product(*(choices(c) for c in free)):
            value = dict(zip(free, combo))
            value.update({c: published[c] for c in cells if c not in hidden})
            if last == total:
                value[last] = sum(value[m] for m in members)
            else:
                value[last] = value[total] - sum(value[m] for m in members if m != last)
            if value[last] not in choices(last):
                continue
            for c in hidden:
                options[c].add(value[c])
        for c in hidden:
            possible[c] = possible.get(c, options[c]) & options[c] if c in possible else options[c]
    return possible


def as_published(table: sup.Table) -> dict:
    return {c: ("<" if table.hidden.get(c) == sup.PRIMARY else "×" if c in table.hidden else v)
            for c, v in table.cells.items()}


@pytest.mark.parametrize("values", [
    {"a": 3, "b": 40, "c": 50},        # one small cell: another must go
    {"a": 1, "b": 1, "c": 30, "d": 60},  # two ones add up to 2: both would be known
    {"a": 4, "b": 4, "c": 9, "d": 60},   # two fours: 8 = 4 + 4 only
    {"a": 2, "b": 5, "c": 6},          # 2 + 5 = 7 pins the small cell to 2
])
def test_a_suppressed_cell_cannot_be_worked_out_by_subtraction(values):
    table = tables.one_way("x", values, 5, protect_total=True)
    hidden = table.table.hidden
    assert all(hidden.get(c) == sup.PRIMARY for c, v in values.items() if 0 < v < 5)
    possible = attack(as_published(table.table), table.table.groups, 5)
    assert all(len(v) > 1 for v in possible.values()), possible
    assert sup.disclosed(table.table, 5) == []


def test_a_state_with_one_small_desk_hides_its_subtotal_and_another_state():
    cells = {"d1": 3, "d2": 50, "d3": 40, "s1": 3, "s2": 90, "total": 93}
    groups = [("s1", ["d1"]), ("s2", ["d2", "d3"]), ("total", ["s1", "s2"])]
    table = sup.suppress(sup.Table(cells, groups, {"total"}), 5)
    assert {"d1", "s1"} <= set(table.hidden) and "total" not in table.hidden
    assert {"s2"} & set(table.hidden) and {"d2", "d3"} & set(table.hidden)
    assert sup.disclosed(table, 5) == []


def test_random_tables_leak_nothing():
    rng = random.Random(9)
    for _ in range(300):
        values = {f"c{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for i in range(rng.randint(2, 6))}
        if not sum(values.values()):
            continue
        table = tables.one_way("x", values, 5, protect_total=bool(rng.getrandbits(1))).table
        if len(table.hidden) > 3:
            continue
        possible = attack(as_published(table), table.groups, 5)
        assert all(len(v) > 1 for v in possible.values()), (values, table.hidden, possible)


# -- the built page ----------------------------------------------------------------------

class _Tables(HTMLParser):
    """The figures tables of a page: [(caption, [(label, value)])]."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.row, self.in_caption = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "vn-figures" in (dict(attrs).get("class") or "").split():
            self.tables.append(["", []])
        elif self.tables and tag == "caption":
            self.in_caption = True
        elif self.tables and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("th", "td"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row and self.row[0] and self.tables:
                self.tables[-1][1].append(tuple(self.row))
            self.row = None

    def handle_data(self, data):
        if self.in_caption:
            self.tables[-1][0] += data
        elif self.cell is not None:
            self.cell += data


def page_tables(site, lang=""):
    parser = _Tables()
    parser.feed((site / lang / "monitoreo" / "index.html").read_text(encoding="utf-8"))
    return [(caption, body[1:]) for caption, body in parser.tables]  # without the header row


def test_the_page_says_the_figures_are_synthetic_everywhere(bundled_build):
    root, result = bundled_build
    assert result.content.monitoring.synthetic
    for lang, word in (("", "sintéticas"), ("en", "synthetic"), ("fr", "synthétiques")):
        html = (root / "site" / lang / "monitoreo" / "index.html").read_text(encoding="utf-8")
        captions = [c for c, _ in page_tables(root / "site", lang)]
        assert len(captions) == 4 and all(word in c for c in captions), captions
        assert html.count("<svg class=\"vn-chart\"") == 4 and "<script" not in html.split("</header>")[1].split("<footer")[0]
        assert word in html.split("<h1")[1][:2000].lower()  # the notice under the heading


def test_published_tables_agree_with_the_source_and_leak_nothing(bundled_build):
    root, result = bundled_build
    data = result.content.monitoring
    threshold = data.threshold
    published = page_tables(root / "site")
    month, desks, nationality, need = (body for _, body in published)
    # totals by month agree with the CSV, cell by cell
    assert [int(v) for _, v in month[:-1]] == [data.people("mes")[m] for m in data.months]
    assert month[-1] == ("Total", str(sum(data.counts[k] for k in data.counts if k[2] == "nacionalidad")))
    # every table: hidden cells can't be recovered from what the page shows
    hidden_seen = set()
    for body, source in ((nationality, data.total("nacionalidad")), (need, data.total("necesidad"))):
        shown = {label: (int(v) if v.isdigit() else "<" if v.startswith("<") else "×") for label, v in body}
        members = [l for l, _ in body[:-1]]
        possible = attack(shown, [("Total", members)], threshold)
        assert all(len(v) > 1 for v in possible.values()), possible
        hidden_seen |= {v for v in shown.values() if not isinstance(v, int)}
        assert sorted(v for v in shown.values() if isinstance(v, int) and v) == sorted(
            [n for n in list(source.values()) + [sum(source.values())] if n >= threshold])[-len([
                v for v in shown.values() if isinstance(v, int) and v]):]
        assert all(v >= threshold for v in shown.values() if isinstance(v, int) and v)
    assert "<" in hidden_seen  # the starter figures do have a small cell
    assert f"<{threshold}" in (root / "site" / "monitoreo" / "index.html").read_text(encoding="utf-8").replace("&lt;", "<")
    # by state and desk: subtotals and total add up to the desks the page shows
    desk_people = data.people("ventanilla")
    assert sum(int(v) for label, v in desks if not label.startswith("Total") and v.isdigit()) <= sum(desk_people.values())
    assert desks[-1][1] == str(sum(desk_people.values()))


def test_the_chart_draws_the_table(bundled_build):
    root, result = bundled_build
    html = (root / "site" / "monitoreo" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="vn-chart".*?</svg>', html, re.S)
    month_chart = charts[0]
    values = [int(v) for v in re.findall(r"<text[^>]*>(\d+)</text>", month_chart)]
    assert values == [result.content.monitoring.people("mes")[m] for m in result.content.monitoring.months]


def test_the_page_is_in_the_menu_of_every_language(bundled_build):
    root, _ = bundled_build
    for lang, label in (("", "Monitoreo"), ("en", "Trends"), ("fr", "Tendances")):
        assert f">{label}<" in re.sub(r"\s+", "", (root / "site" / lang / "index.html").read_text(encoding="utf-8")).replace("\n", "") \
            or label in (root / "site" / lang / "index.html").read_text(encoding="utf-8")


def test_threshold_comes_from_sitio_yml(project):
    sitio = project / "content" / "sitio.yml"
    sitio.write_text(sitio.read_text(encoding="utf-8") + "monitoreo:\n  umbral: 10\n", encoding="utf-8")
    result, errors = check(project, HEADER + rows())
    assert errors == [] and result.content.monitoring.threshold == 10
    nationality = tables.published(result.content.monitoring, {DESK: "chiapas"})[2]
    assert [r.mark for r in nationality.rows] == ["<10", "<10", ""]
