"""The published tables, suppressed: what the page, its charts and any download show.

Each table is a list of rows (key, label parts, count or None when hidden, mark) ending
with its total. The grand total of people is the same in the month, desk and nationality
tables, and is never hidden (it reveals nothing on its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import suppress as sup
from .data import Monitoring

GRAND = "total"


@dataclass
class Row:
    key: str
    values: dict  # the row's labels: {"mes": "2026-05"} / {"entidad": .., "ventanilla": ..}
    count: int | None  # None when hidden
    mark: str = ""  # "<5" (small count), "×" (hidden so that another cannot be worked out)
    level: int = 0  # 0 a row, 1 a subtotal, 2 the total


@dataclass
class Published:
    name: str  # mes, ventanilla, nacionalidad, necesidad
    rows: list[Row]
    table: sup.Table


def _rows(table: sup.Table, threshold: int, order: list[tuple[str, dict, int]]) -> list[Row]:
    rows = []
    for key, values, level in order:
        kind = table.hidden.get(key)
        mark = f"<{threshold}" if kind == sup.PRIMARY else "×" if kind == sup.COMPLEMENTARY else ""
        rows.append(Row(key, values, None if kind else table.cells[key], mark, level))
    return rows


def one_way(name: str, sums: dict[str, int], threshold: int, protect_total: bool) -> Published:
    cells = dict(sums)
    cells[GRAND] = sum(sums.values())
    table = sup.suppress(sup.Table(cells, [(GRAND, sorted(sums))], {GRAND} if protect_total else set()), threshold)
    keys = sorted(sums) if name == "mes" else sorted(sums, key=lambda k: (-sums[k], k))
    order = [(k, {name: k}, 0) for k in keys] + [(GRAND, {}, 2)]
    return Published(name, _rows(table, threshold, order), table)


def by_state_and_desk(data: Monitoring, desk_states: dict[str, str]) -> Published:
    people = data.people("ventanilla")
    cells, groups, order = {}, [], []
    states = sorted({desk_states[d] for d in people})
    for state in states:
        desks = sorted(d for d in people if desk_states[d] == state)
        state_key = "entidad:" + state
        cells[state_key] = sum(people[d] for d in desks)
        for d in desks:
            cells["ventanilla:" + d] = people[d]
            order.append(("ventanilla:" + d, {"entidad": state, "ventanilla": d}, 0))
        order.append((state_key, {"entidad": state}, 1))
        groups.append((state_key, ["ventanilla:" + d for d in desks]))
    cells[GRAND] = sum(people.values())
    groups.append((GRAND, ["entidad:" + s for s in states]))
    order.append((GRAND, {}, 2))
    table = sup.suppress(sup.Table(cells, groups, {GRAND}), data.threshold)
    return Published("ventanilla", _rows(table, data.threshold, order), table)


def published(data: Monitoring, desk_states: dict[str, str]) -> list[Published]:
    """The four tables of the monitoring page, in page order."""
    t = data.threshold
    return [
        one_way("mes", data.people("mes"), t, protect_total=True),
        by_state_and_desk(data, desk_states),
        one_way("nacionalidad", data.total("nacionalidad"), t, protect_total=True),
        one_way("necesidad", data.total("necesidad"), t, protect_total=False),
    ]
