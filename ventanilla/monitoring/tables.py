"""The published tables, suppressed: what the pages, their charts and any download show.

Each table is a list of rows (key, label parts, count or None when hidden, mark) ending
with its total. The national page shows months, states and desks, nationalities and
needs; each state's page shows its months, its desks (and each desk's months), and every
other dimension of the data (profiles, needs, referrals, and any dimension added later);
the situation (returnees, would-be migrants…) also per desk, and the one-answer
dimensions that add up to the people attended (situation, referred or not) with their
share of them (page.py computes it from published figures only).

All of them share figures (a state's total is on the national page and on the state's
page; a state's months add up to the national months…), so every cell of every page is
one cell of ONE suppression (`cube`): a reader who puts all pages side by side still
cannot work out a hidden cell. Figures cover the last `WINDOW` months of the data.
The grand total of people is never hidden unless small (it reveals nothing on its own).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from . import data as data_module
from . import suppress as sup
from .data import Monitoring

GRAND = "total"
WINDOW = 12  # months shown: the trend of the last year
# Dimensions in page order; any other dimension of the data follows them.
ORDER = ("nacionalidad", "sexo", "edad", "necesidad", "canalizacion")
NATIONAL = ("nacionalidad", "necesidad")  # dimensions the national page shows
# One answer per person (the form's select_one): they split the people attended when they add up
# to them, and a reader who knows the form knows that too; the page shows them with shares.
SINGLE = data_module.PEOPLE_DIMENSIONS + ("situacion", "canalizada")
SHARE = ("situacion", "canalizada")  # shown with "% of the people attended"
BY_DESK = ("situacion",)  # also one table per desk on a state's page (returnees, would-be migrants)


@dataclass
class Row:
    key: str
    values: dict  # the row's labels: {"mes": "2026-05"} / {"entidad": .., "ventanilla": ..}
    count: int | None  # None when hidden
    mark: str = ""  # "<5" (small count), "×" (hidden so that another cannot be worked out)
    level: int = 0  # 0 a row, 1 a subtotal, 2 the total


@dataclass
class Published:
    name: str  # mes, ventanilla, nacionalidad, necesidad (national); any dimension on a state page
    rows: list[Row]
    table: sup.Table
    people: bool = True  # counts people (else attentions: one person may raise several needs)
    share: bool = False  # a column "% of the people attended" (count / the total row, both published)


def _rows(table: sup.Table, threshold: int, order: list[tuple]) -> list[Row]:
    """order: (cell, key, values, level); a 3-tuple uses the cell as key."""
    rows = []
    for item in order:
        cell, key, values, level = item if len(item) == 4 else (item[0], item[0], item[1], item[2])
        kind = table.hidden.get(cell)
        mark = f"<{threshold}" if kind == sup.PRIMARY else "×" if kind == sup.COMPLEMENTARY else ""
        rows.append(Row(key, values, None if kind else table.cells[cell], mark, level))
    return rows


def one_way(name: str, sums: dict[str, int], threshold: int, protect_total: bool) -> Published:
    """One table on its own (a category and its total), suppressed."""
    cells = dict(sums)
    cells[GRAND] = sum(sums.values())
    table = sup.suppress(sup.Table(cells, [(GRAND, sorted(sums))], {GRAND} if protect_total else set()), threshold)
    keys = sorted(sums) if name == "mes" else sorted(sums, key=lambda k: (-sums[k], k))
    order = [(k, {name: k}, 0) for k in keys] + [(GRAND, {}, 2)]
    return Published(name, _rows(table, threshold, order), table)


def window(data: Monitoring) -> list[str]:
    """The months shown: the last WINDOW months that have figures."""
    return data.months[-WINDOW:]


def dimensions(data: Monitoring) -> list[str]:
    """The dimensions present in the data, in page order (unknown ones last, by name)."""
    present = {k[2] for k in data.counts}
    return [d for d in ORDER if d in present] + sorted(present - set(ORDER))


def is_people(dimension: str) -> bool:
    return dimension in data_module.PEOPLE_DIMENSIONS


@dataclass
class Cube:
    """Every published cell of every monitoring page, suppressed together."""

    table: sup.Table
    months: list[str]
    states: dict[str, list[str]]  # state -> its desks with figures
    sums: dict  # (dimension, state or None, or "ventanilla:<desk>") -> {category: count}
    threshold: int
    totals: dict  # (dimension, state or "ventanilla:<desk>") -> the cell of its total row


def _cube(data: Monitoring, desk_states: dict[str, str]) -> Cube:
    months = window(data)
    keep = set(months)
    counts = {k: n for k, n in data.counts.items() if k[0] in keep}
    # people: the first people dimension present (they all add up to the same people)
    present = {k[2] for k in counts}
    base = next((d for d in data_module.PEOPLE_DIMENSIONS if d in present), None)
    cells: dict[str, int] = defaultdict(int)
    groups: list[tuple[str, list[str]]] = []
    states: dict[str, list[str]] = defaultdict(list)
    for desk in sorted({k[1] for k in counts}):
        states[desk_states[desk]].append(desk)
    states = dict(sorted(states.items()))
    sums: dict = defaultdict(functools.partial(defaultdict, int))  # not a lambda: a Cube can be pickled
    for (month, desk, dim, cat), n in counts.items():
        state = desk_states[desk]
        sums[(dim, None)][cat] += n
        sums[(dim, state)][cat] += n
        if dim in BY_DESK:
            sums[(dim, f"ventanilla:{desk}")][cat] += n
        if dim == base:
            for cell in (GRAND, f"mes:{month}", f"entidad:{state}", f"ventanilla:{desk}",
                         f"mes:{month}|entidad:{state}", f"mes:{month}|ventanilla:{desk}"):
                cells[cell] += n
    # A cell no page shows is left out with the sums it belongs to (the reader knows nothing of it):
    # national splits of the dimensions the national page does not show, and the months of the
    # desk of a one-desk state (they are its state's months).
    for state, desks in states.items():
        if len(desks) == 1:
            for m in months:
                cells.pop(f"mes:{m}|ventanilla:{desks[0]}", None)
        groups.append((f"entidad:{state}", [f"ventanilla:{d}" for d in desks]))
        groups.append((f"entidad:{state}", [f"mes:{m}|entidad:{state}" for m in months]))
        for m in months:
            if len(desks) > 1:
                groups.append((f"mes:{m}|entidad:{state}", [f"mes:{m}|ventanilla:{d}" for d in desks]))
        for d in desks if len(desks) > 1 else []:
            groups.append((f"ventanilla:{d}", [f"mes:{m}|ventanilla:{d}" for m in months]))
    if base:
        groups.append((GRAND, [f"entidad:{s}" for s in states]))
        groups.append((GRAND, [f"mes:{m}" for m in months]))
        for m in months:
            groups.append((f"mes:{m}", [f"mes:{m}|entidad:{s}" for s in states]))
    totals: dict = {}
    for dim in dimensions(data):
        categories = sorted(sums[(dim, None)])
        people = is_people(dim)
        national = dim in NATIONAL
        total = GRAND if people else f"{dim}|total"
        if national:
            for c in categories:
                cells[f"{dim}:{c}"] = sums[(dim, None)][c]
            if not people:
                cells[total] = sum(sums[(dim, None)].values())
            groups.append((total, [f"{dim}:{c}" for c in categories]))
        state_totals = []
        for state in states:
            mine = sums[(dim, state)]
            # a one-answer dimension that adds up to the state's people has their total as its own
            splits = people or (dim in SINGLE and base and sum(mine.values()) == cells[f"entidad:{state}"])
            st = f"entidad:{state}" if splits else f"{dim}|entidad:{state}"
            totals[(dim, state)] = st
            for c in mine:
                cells[f"{dim}:{c}|entidad:{state}"] = mine[c]
            if not splits:
                cells[st] = sum(mine.values())
            if not people:
                state_totals.append(st)
            groups.append((st, [f"{dim}:{c}|entidad:{state}" for c in sorted(mine)]))
            if dim in BY_DESK and len(states[state]) > 1:
                for d in states[state]:
                    by_desk = sums[(dim, f"ventanilla:{d}")]
                    for c in by_desk:
                        cells[f"{dim}:{c}|ventanilla:{d}"] = by_desk[c]
                    splits = base and sum(by_desk.values()) == cells[f"ventanilla:{d}"]
                    dt = f"ventanilla:{d}" if splits else f"{dim}|ventanilla:{d}"
                    totals[(dim, f"ventanilla:{d}")] = dt
                    if not splits:
                        cells[dt] = sum(by_desk.values())
                    groups.append((dt, [f"{dim}:{c}|ventanilla:{d}" for c in sorted(by_desk)]))
                for c in mine:
                    groups.append((f"{dim}:{c}|entidad:{state}",
                                   [f"{dim}:{c}|ventanilla:{d}" for d in states[state] if c in sums[(dim, f"ventanilla:{d}")]]))
                desk_totals = [totals[(dim, f"ventanilla:{d}")] for d in states[state]]
                if desk_totals != [f"ventanilla:{d}" for d in states[state]] or st != f"entidad:{state}":
                    groups.append((st, desk_totals))  # the state's total is its desks' (unless that sum is there already)
        if national:
            for c in categories:
                groups.append((f"{dim}:{c}", [f"{dim}:{c}|entidad:{s}" for s in states if c in sums[(dim, s)]]))
            if not people:
                groups.append((total, state_totals))
    groups = [(t, m) for t, m in groups if m]
    # Prefer hiding a finer cell (a state's, a desk-month's) to hiding one of the national page,
    # which is what most readers see: national cells are hidden only as a last resort.
    national = {c for c in cells if "|" not in c or c.endswith("|total")}
    table = sup.suppress(sup.Table(dict(cells), groups, national), data.threshold)
    return Cube(table, months, states, sums, data.threshold, totals)


def cube(data: Monitoring, desk_states: dict[str, str]) -> Cube:
    """The one suppression of all pages (computed once per data and desks)."""
    key = tuple(sorted(desk_states.items()))
    cached = data.__dict__.get("_cube")
    if cached is None or cached[0] != key:
        cached = (key, _cube(data, desk_states))
        data.__dict__["_cube"] = cached
    return cached[1]


def _by_count(sums: dict[str, int], hidden) -> list[str]:
    """Most first, the hidden ones last by name: their place must not tell their size."""
    return sorted(sums, key=lambda k: (1, 0, k) if hidden(k) else (0, -sums[k], k))


def _dimension(c: Cube, dim: str, state: str | None, desk: str | None = None) -> Published:
    """A dimension's table: national (state None), a state's, or one desk's (desk given)."""
    where = f"ventanilla:{desk}" if desk else state
    sums = c.sums[(dim, where)]
    people = is_people(dim)
    suffix = "" if state is None else f"|{where}" if desk else f"|entidad:{state}"
    if state is None:
        total = GRAND if people else f"{dim}|total"
    else:
        total = c.totals[(dim, where)]
    splits = total == GRAND or total.startswith(("entidad:", "ventanilla:"))  # its total is the people attended
    keys = _by_count(sums, lambda k: f"{dim}:{k}{suffix}" in c.table.hidden)
    order = [(f"{dim}:{k}{suffix}", k, {dim: k}, 0) for k in keys] + [(total, GRAND, {}, 2)]
    name = f"{dim}:{desk}" if desk else dim
    return Published(name, _rows(c.table, c.threshold, order), c.table, splits, splits and dim in SHARE)


def published(data: Monitoring, desk_states: dict[str, str]) -> list[Published]:
    """The four tables of the national page (and of the open-data CSVs), in page order."""
    c = cube(data, desk_states)
    t = c.threshold
    month = Published("mes", _rows(c.table, t, [(f"mes:{m}", m, {"mes": m}, 0) for m in c.months]
                                    + [(GRAND, GRAND, {}, 2)]), c.table)
    order = []
    for state, desks in c.states.items():
        order += [(f"ventanilla:{d}", d, {"entidad": state, "ventanilla": d}, 0) for d in desks]
        order.append((f"entidad:{state}", f"entidad:{state}", {"entidad": state}, 1))
    order.append((GRAND, GRAND, {}, 2))
    desks = Published("ventanilla", _rows(c.table, t, order), c.table)
    out = [month, desks]
    for dim in ("nacionalidad", "necesidad"):
        if c.sums.get((dim, None)):
            out.append(_dimension(c, dim, None))
    return out


def state_tables(data: Monitoring, desk_states: dict[str, str], state: str) -> list[Published]:
    """One state's page: its months, its desks and each desk's months (when it has several),
    then every dimension of the data, all from the one suppression."""
    c = cube(data, desk_states)
    t = c.threshold
    st = f"entidad:{state}"
    desks = c.states[state]
    out = [Published("mes", _rows(c.table, t, [(f"mes:{m}|{st}", m, {"mes": m}, 0) for m in c.months]
                                  + [(st, GRAND, {}, 2)]), c.table)]
    if len(desks) > 1:
        out.append(Published("ventanilla", _rows(c.table, t, [(f"ventanilla:{d}", d, {"entidad": state, "ventanilla": d}, 0)
                                                              for d in desks] + [(st, GRAND, {}, 2)]), c.table))
        for d in desks:
            out.append(Published("mes:" + d, _rows(c.table, t, [(f"mes:{m}|ventanilla:{d}", m, {"mes": m}, 0) for m in c.months]
                                                   + [(f"ventanilla:{d}", GRAND, {}, 2)]), c.table))
    for dim in dimensions(data):
        if c.sums.get((dim, state)):
            out.append(_dimension(c, dim, state))
            if dim in BY_DESK and len(desks) > 1:
                out += [_dimension(c, dim, state, d) for d in desks if c.sums.get((dim, f"ventanilla:{d}"))]
    return out


def states(data: Monitoring, desk_states: dict[str, str]) -> list[str]:
    """States with figures (each gets a page), by id."""
    return sorted({desk_states[k[1]] for k in data.counts})
