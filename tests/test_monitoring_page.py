"""The monitoring pages (ventanilla/monitoring/page.py): the national page links one page per
state; every state page shows its months, its desks, and every dimension of the data, each
chart followed by its table; every figure of every page comes from ONE suppression, so
putting the pages side by side reveals no hidden cell; the date of the last import."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from test_monitoring import _Tables, attack

from ventanilla.monitoring import page, tables
from ventanilla.monitoring import suppress as sup
from ventanilla.output import weight

LANGS = ("", "en", "fr", "ht")
SYNTHETIC = {"": "sintéticas", "en": "synthetic", "fr": "synthétiques", "ht": ""}


def page_tables(html_file: Path):
    """[(caption, rows without the header)] of the figures tables of one built page."""
    parser = _Tables()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [(caption, body[1:]) for caption, body in parser.tables]


def _desk_states(result):
    return {i: e.data["entidad"] for i, e in result.content.desks().items()}


def _states(result):
    return tables.states(result.content.monitoring, _desk_states(result))


def _value(text: str):
    return int(text) if text.isdigit() else "<" if text.startswith("<") else "×"


def test_the_national_page_links_a_page_per_state_in_every_language(bundled_build):
    root, result = bundled_build
    states = _states(result)
    assert len(states) >= 2
    for lang in LANGS:
        folder = root / "site" / lang / "monitoreo"
        html = (folder / "index.html").read_text(encoding="utf-8")
        for state in states:
            assert f'href="{state}/"' in html, (lang, state)
            state_html = (folder / state / "index.html").read_text(encoding="utf-8")
            assert 'href="../"' in state_html  # back to all the states
            assert "<script" not in state_html.split("</header>")[1].split("<footer")[0]


def test_each_state_page_shows_every_dimension_each_chart_followed_by_its_table(bundled_build):
    root, result = bundled_build
    data = result.content.monitoring
    dims = tables.dimensions(data)
    assert {"nacionalidad", "sexo", "edad", "necesidad", "canalizacion"} <= set(dims)
    for lang in LANGS:
        for state in _states(result):
            html = (root / "site" / lang / "monitoreo" / state / "index.html").read_text(encoding="utf-8")
            desks = tables.cube(data, _desk_states(result)).states[state]
            expected = 1 + (1 + len(desks) if len(desks) > 1 else 0) + len(dims)
            blocks = re.findall(r'<svg class="vn-chart".*?</svg>\s*</figure>\s*<div class="vn-scroll">\s*<table', html, re.S)
            assert html.count('<svg class="vn-chart"') == len(blocks) == expected, (lang, state)
            for dim in dims:
                assert f'id="{dim}"' in html
            captions = [c for c, _ in page_tables(root / "site" / lang / "monitoreo" / state / "index.html")]
            assert len(captions) == expected
            if SYNTHETIC[lang]:
                assert all(SYNTHETIC[lang] in c for c in captions), captions
                assert SYNTHETIC[lang] in html.split("<h1")[1][:2000].lower()


def test_every_page_is_within_the_weight_budgets(bundled_build):
    root, result = bundled_build
    site = root / "site"
    for lang in LANGS:
        for path in [site / lang / "monitoreo" / "index.html"] + [
                site / lang / "monitoreo" / s / "index.html" for s in _states(result)]:
            load = weight.page_load(site, path)
            assert load.html.brotli <= 6 * 1024 and load.total.brotli <= 20 * 1024, (load.page, load.html.brotli)


def test_the_cube_leaks_nothing_and_small_cells_are_marked(bundled_build):
    _, result = bundled_build
    data = result.content.monitoring
    cube = tables.cube(data, _desk_states(result))
    assert sup.disclosed(cube.table, data.threshold) == []
    for cell, value in cube.table.cells.items():
        if 0 < value < data.threshold:
            assert cube.table.hidden.get(cell) == sup.PRIMARY, cell
    assert any(k == sup.PRIMARY for k in cube.table.hidden.values())


def test_the_built_pages_leak_nothing_even_side_by_side(bundled_build):
    """Attack what the pages show: each table against its own total, then the pages
    together (a state's page against the national page)."""
    root, result = bundled_build
    data = result.content.monitoring
    threshold = data.threshold
    site = root / "site"
    national = dict(zip(("mes", "ventanilla", "nacionalidad", "necesidad"),
                        (body for _, body in page_tables(site / "monitoreo" / "index.html"))))
    state_month_values = []
    for state in _states(result):
        name = result.content.catalogs["entidades"][state]
        name = name.get("es") if isinstance(name, dict) else name
        bodies = [body for _, body in page_tables(site / "monitoreo" / state / "index.html")]
        dimension_tables = bodies[-len(tables.dimensions(data)):]
        for body in bodies:
            shown = {label: _value(v) for label, v in body}
            assert all(v >= threshold for v in shown.values() if isinstance(v, int) and v), (state, body)
            hidden_rows = [i for i, (_, v) in enumerate(body[:-1]) if not v.isdigit()]
            if any(body is b for b in dimension_tables):  # by count, the hidden ones last (their place tells nothing)
                assert hidden_rows == list(range(len(body) - 1 - len(hidden_rows), len(body) - 1)), body
            if 0 < len(hidden_rows) <= 3:
                possible = attack(shown, [(body[-1][0], [l for l, _ in body[:-1]])], threshold)
                assert all(len(v) > 1 for v in possible.values()), (state, possible)
        # the state's total is the same figure (or the same mark) on both pages
        subtotal = next(v for label, v in national["ventanilla"] if label == f"Total {name}")
        assert bodies[0][-1][1] == subtotal, (state, bodies[0][-1], subtotal)
        state_month_values.append([_value(v) for _, v in bodies[0][:-1]])
    # the states' months add up to the national months, which the national page shows
    for i, (_, shown) in enumerate(national["mes"][:-1]):
        column = [months[i] for months in state_month_values]
        if all(isinstance(v, int) for v in column):
            assert sum(column) == int(shown)
        else:  # at least two hidden: one alone could be worked out by subtraction
            assert sum(not isinstance(v, int) for v in column) >= 2 or not shown.isdigit()


def test_months_shown_are_the_last_twelve():
    class Data:
        months = [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)]

    assert tables.window(Data()) == [f"2026-{m:02d}" for m in range(1, 13)]


def test_the_date_of_the_last_import(tmp_path):
    class Data:
        path = tmp_path / "atenciones.csv"

    assert page.last_import(Data()) is None  # no import yet: the page says nothing about it
    (tmp_path / "importaciones.yml").write_text("ultima_importacion: 2026-11-30\n", encoding="utf-8")
    assert page.last_import(Data()) == "2026-11-30"
    (tmp_path / "importaciones.yml").write_text("ultima_importacion: ayer\n", encoding="utf-8")
    assert page.last_import(Data()) is None


@pytest.mark.parametrize("synthetic, months, said", [(True, None, True), (False, ["2026-05"], True), (False, [], False)])
def test_synthetic_while_any_synthetic_month_remains(synthetic, months, said):
    class Data:
        pass

    data = Data()
    data.synthetic = synthetic
    if months is not None:
        data.synthetic_months = months
    assert page._synthetic(data) is said


def test_the_page_shows_any_dimension_the_data_gains(bundled_build):
    """A dimension added later (e.g. the person's situation) gets a section with a generic
    heading, without code changes here."""
    _, result = bundled_build
    data = result.content.monitoring
    assert tables.dimensions(data)[:3] == ["nacionalidad", "sexo", "edad"]

    desk = next(k[1] for k in data.counts)
    state = _desk_states(result)[desk]
    extra = dataclasses.replace(data, counts={**data.counts, (data.months[-1], desk, "situacion", "retorno"): 9})
    assert tables.dimensions(extra)[-1] == "situacion"
    shown = tables.state_tables(extra, _desk_states(result), state)
    situation = [t for t in shown if t.name.split(":")[0] == "situacion"]
    assert situation[0].name == "situacion" and situation[0].rows[0].count == 9
    # it does not add up to the state's people, so it has its own total and no shares
    assert not situation[0].people and not situation[0].share
