"""The questions every output asks of the service directory, answered in one place.

Pages, leaflets, search and open data all ask "which services can a person be sent
to?": only services that still operate (`estatus` not `cerrado` or `suspendido`),
and, where the answer is a number to call, only the service's own numbers. When
each output asked on its own, a closed service kept its call button on the web
while the leaflets had dropped it; so nothing else filters services by status.

Reading order: `is_open`, `channels`, `reachable`; then `Directory`, the queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLOSED = frozenset({"cerrado", "suspendido"})


def is_open(entry: dict) -> bool:
    """A service or desk a person may be sent to (not closed, not suspended)."""
    return entry.get("estatus") not in CLOSED


@dataclass(frozen=True)
class Channel:
    kind: str  # "telefono", "whatsapp", "correo"
    value: str
    note: dict | None = None


def channels(entry: dict, state: str | None = None) -> list[Channel]:
    """Ways to reach an entry, its own only: phones (main, then per location), WhatsApp, e-mail.
    With `state`, only the locations in that state count (a consulate's office in another
    state is not the number to call here). Empty for a closed entry: never shown as reachable."""
    if not is_open(entry):
        return []
    found: list[Channel] = []
    phones = list(entry.get("telefonos") or [])
    for place in entry.get("ubicaciones") or []:
        if state is None or place.get("entidad") == state:
            phones += place.get("telefonos") or []
    for phone in phones:
        kind = "whatsapp" if phone.get("tipo") == "whatsapp" else "telefono"
        found.append(Channel(kind, phone["numero"], phone.get("nota")))
    if entry.get("whatsapp"):
        found.append(Channel("whatsapp", entry["whatsapp"]))
    if entry.get("correo"):
        found.append(Channel("correo", entry["correo"]))
    return _unique(found)


def _unique(items: list[Channel]) -> list[Channel]:
    seen, kept = set(), []
    for item in items:
        key = (item.kind, dial_key(item.value))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def dial_key(number: str) -> str:
    """Digits of a number, for telling two written forms of one number apart."""
    digits = re.sub(r"[^0-9]", "", number)
    return digits[2:] if digits.startswith("52") and len(digits) == 12 else digits


# A carrier's star code ("*765"): dialled as written from any phone in the area it serves.
# libphonenumber's short-number metadata lists codes such as 911 and 089 but no star codes,
# so they are recognised here, and the check accepts them only on `tipo: emergencia` lines.
STAR_CODE = re.compile(r"\*[0-9]{3,4}")


def is_star_code(number: str) -> bool:
    """"*765": a star followed by 3 or 4 digits, nothing else."""
    return bool(STAR_CODE.fullmatch(number.strip()))


def call_number(entry: dict, state: str | None = None) -> str | None:
    """The first number to call (or write on WhatsApp) of an open entry, else None."""
    for channel in channels(entry, state):
        if channel.kind in ("telefono", "whatsapp"):
            return channel.value
    return None


def reachable(entry: dict, state: str | None = None) -> bool:
    """Open and with at least one phone, WhatsApp or e-mail of its own (in `state`, if given)."""
    return bool(channels(entry, state))


class Directory:
    """Queries over the open services and the desks of one content set (built once per Content)."""

    def __init__(self, services: dict, desks: dict | None = None):
        self._all = {sid: entity.data for sid, entity in services.items()}
        self._open = {sid: data for sid, data in self._all.items() if is_open(data)}
        self._desks = [desk.data for desk in (desks or {}).values()]
        self._desks_by_state: dict[str, list[dict]] = {}
        for desk in self._desks:
            self._desks_by_state.setdefault(desk.get("entidad"), []).append(desk)
        # each open service under every state it covers, in file order: the pages ask about
        # states thousands of times (every referral finder page), each answer a lookup
        self._open_by_state: dict[str, list[dict]] = {}
        for data in self._open.values():
            for state in sorted(covered_states(data), key=str):
                self._open_by_state.setdefault(state, []).append(data)

    def desks_in(self, state_id: str) -> list[dict]:
        """The desks of a state (file order)."""
        return list(self._desks_by_state.get(state_id, []))

    def reachable_desks(self, state_ids) -> list[dict]:
        """The desks of these states that can be called or written to (file order)."""
        states = set(state_ids)
        return [d for d in self._desks if d.get("entidad") in states and reachable(d)]

    def open(self) -> list[dict]:
        return list(self._open.values())

    def by_ids(self, ids) -> list[dict]:
        """The open services among `ids`, in the editor's order (unknown or closed ids left out)."""
        return [self._open[i] for i in ids or [] if i in self._open]

    def in_state(self, state_id: str) -> list[dict]:
        """Open services that cover a state or have an office there (file order)."""
        return list(self._open_by_state.get(state_id, []))

    def of_organization(self, org_id: str) -> list[dict]:
        """Open services of one organisation (file order)."""
        return [s for s in self._open.values() if s.get("organizacion") == org_id]

    def national(self) -> list[dict]:
        return [s for s in self._open.values() if is_national(s)]

    def in_category(self, category: str) -> list[dict]:
        return [s for s in self._open.values() if category in (s.get("categorias") or [])]

    def emergency(self, state: str | None = None) -> list[dict]:
        """The open `emergencias` services that answer in `state`: national ones and the
        state's own. Without a state, the national ones only: a city's line (Mexico City's
        *765) printed in a Cancún desk's pack is a number that does not connect there."""
        return [s for s in self.in_category("emergencias")
                if is_national(s) or (state is not None and state in covered_states(s))]

    def states_served(self) -> set[str]:
        return set(self._open_by_state)

    def urgent_contacts(self, national_ids, state_ids=(), state: str | None = None) -> list[tuple[dict, str]]:
        """(service, number) pairs for an urgent situation, each number once, only services
        with a phone or WhatsApp of their own:
        1. the situation's own line: the first national service with a number (911 for a
           medical emergency, the trafficking hotline...), which reaches everyone;
        2. the state's services, with their numbers in that state;
        3. the other national services.
        The state's list comes second because it holds consulates, shelters and legal aid
        that serve some people or some needs: as the first (red) button they sent a
        Haitian to El Salvador's consulate and a medical emergency to a shelter. Without
        a national number, the state's first one leads."""
        national = self._callable(national_ids, None)
        ordered = national[:1] + self._callable(state_ids, state) + national[1:]
        pairs, seen = [], set()
        for service, number in ordered:
            if dial_key(number) not in seen:
                seen.add(dial_key(number))
                pairs.append((service, number))
        return pairs

    def _callable(self, ids, state: str | None) -> list[tuple[dict, str]]:
        """(service, number) for the open services among `ids` that have a number (in `state`)."""
        found = []
        for service in self.by_ids(list(ids)):
            number = call_number(service, state)
            if number is not None:
                found.append((service, number))
        return found


EVERYONE = "todas"  # catalogos.yml `poblaciones`: a service open to every person


def serves(service: dict, population: str) -> bool:
    """A service that names this population, or everyone, among its `poblaciones`."""
    named = service.get("poblaciones") or []
    return population in named or EVERYONE in named


def is_national(service: dict) -> bool:
    """A service that covers the whole country (`cobertura.nacional`)."""
    return bool((service.get("cobertura") or {}).get("nacional"))


def covered_states(service: dict) -> set[str]:
    coverage = service.get("cobertura") or {}
    states = set(coverage.get("entidades") or [])
    states |= {place.get("entidad") for place in service.get("ubicaciones") or [] if place.get("entidad")}
    return states
