"""Small-cell suppression that cannot be undone from what is published.

A table is a set of cells (id -> count) and of groups: (total cell, member cells), each
total being the sum of its members (a state subtotal and its desks; the grand total and
the states). Counts from 1 to threshold-1 are *primary* suppressions, shown as "<5".
A lone hidden cell in a group with a published total could be worked out by
subtraction, so further cells are hidden (*complementary* suppression, shown as "×")
until an attacker who knows every published figure, the totals, and that a "<5" cell
holds 1…threshold-1 and a "×" cell holds threshold or more, cannot pin any hidden cell
down to a single value. `audit` is that attacker (interval propagation over the sums).
Zeros are published: they reveal nothing about a person. Cells listed as `protected`
(the grand total, published in several tables) are hidden only when small or
as a last resort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRIMARY = "primary"
COMPLEMENTARY = "complementary"


@dataclass
class Table:
    cells: dict[str, int]
    groups: list[tuple[str, list[str]]]
    protected: set[str] = field(default_factory=set)
    hidden: dict[str, str] = field(default_factory=dict)  # cell -> PRIMARY / COMPLEMENTARY


def bounds(table: Table, threshold: int) -> dict[str, tuple[int, int]]:
    """What a reader knows of each cell before using the sums."""
    big = sum(v for v in table.cells.values()) or 1
    known = {}
    for cell, value in table.cells.items():
        kind = table.hidden.get(cell)
        if kind == PRIMARY:
            known[cell] = (1, threshold - 1)
        elif kind == COMPLEMENTARY:
            known[cell] = (threshold, big)
        else:
            known[cell] = (value, value)
    return known


def audit(cells_known: dict[str, tuple[int, int]], groups) -> dict[str, tuple[int, int]]:
    """The narrowest intervals a reader can reach from the published figures and the sums."""
    known = dict(cells_known)
    for _ in range(100):
        changed = False
        for total, members in groups:
            lo_sum = sum(known[m][0] for m in members)
            hi_sum = sum(known[m][1] for m in members)
            t_lo, t_hi = known[total]
            new_t = (max(t_lo, lo_sum), min(t_hi, hi_sum))
            if new_t != known[total]:
                known[total], changed = new_t, True
            t_lo, t_hi = known[total]
            for m in members:
                lo, hi = known[m]
                others_lo, others_hi = lo_sum - lo, hi_sum - hi
                new = (max(lo, t_lo - others_hi), min(hi, t_hi - others_lo))
                if new != known[m]:
                    known[m], changed = new, True
                    lo_sum, hi_sum = lo_sum - lo + new[0], hi_sum - hi + new[1]
        if not changed:
            break
    return known


def disclosed(table: Table, threshold: int) -> list[str]:
    """Hidden cells whose value a reader can work out exactly."""
    known = audit(bounds(table, threshold), table.groups)
    return [cell for cell in table.hidden if known[cell][0] >= known[cell][1]]


def suppress(table: Table, threshold: int) -> Table:
    """Hide the small cells, then as few others as it takes; returns the same table."""
    table.hidden = {cell: PRIMARY for cell, value in table.cells.items()
                    if 0 < value < threshold}  # a small total too: protection only spares it from complementary hiding
    for _ in range(len(table.cells) + 1):
        leaks = disclosed(table, threshold)
        if not leaks:
            return table
        choice = _next_to_hide(table, leaks, allow_protected=False) or _next_to_hide(table, leaks, allow_protected=True)
        if choice is None:  # nothing left to hide: every nonzero cell already is
            return table
        table.hidden[choice] = COMPLEMENTARY
    return table


def _next_to_hide(table: Table, leaks: list[str], allow_protected: bool) -> str | None:
    """The smallest published cell sharing a sum with a leaking cell (a member before a total).
    A protected cell (the grand total) only as a last resort."""
    for cell in leaks:
        for total, members in table.groups:
            if cell != total and cell not in members:
                continue
            candidates = [m for m in members + [total] if m not in table.hidden and table.cells[m] > 0
                          and (allow_protected or m not in table.protected)]
            candidates.sort(key=lambda m: (m == total, table.cells[m], m))
            if candidates:
                return candidates[0]
    return None
