"""The desks' awareness activities: the calendar kept in content/actividades/.

`schedule(content, today)` splits them into upcoming (from `today` on, soonest first)
and past (newest first): what the pages list and what the .ics feeds hold. The build
date decides, so a past activity moves to the archive at the next build without
anyone editing its file.

Times are local to the desk: each state's IANA time zone (STATE_TIME_ZONES), unless
the desk's file says `zona_horaria` (border towns that follow the US clock change,
such as Nuevo Laredo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# Mexico has had no daylight saving time since October 2022, except in municipalities on
# the US border (tzdata: America/Tijuana, America/Matamoros, America/Ciudad_Juarez, …).
# Source: the IANA time zone database (zone.tab comments for Mexico).
DEFAULT_TIME_ZONE = "America/Mexico_City"
STATE_TIME_ZONES = {
    "baja-california": "America/Tijuana",
    "baja-california-sur": "America/Mazatlan",
    "sinaloa": "America/Mazatlan",
    "nayarit": "America/Mazatlan",
    "sonora": "America/Hermosillo",
    "chihuahua": "America/Chihuahua",
    "quintana-roo": "America/Cancun",
    "campeche": "America/Merida",
    "yucatan": "America/Merida",
    "nuevo-leon": "America/Monterrey",
    "coahuila": "America/Monterrey",
    "tamaulipas": "America/Monterrey",
}


def time_zone(desk: dict) -> str:
    return desk.get("zona_horaria") or STATE_TIME_ZONES.get(desk.get("entidad"), DEFAULT_TIME_ZONE)


@dataclass(frozen=True)
class Activity:
    id: str
    data: dict  # the activity's file
    desk_id: str
    desk: dict  # the organising desk's file
    day: dt.date
    start: dt.datetime  # local, with its time zone
    end: dt.datetime | None

    @property
    def state(self) -> str:
        return self.desk["entidad"]

    @property
    def status(self) -> str:
        return self.data.get("estatus", "sin_verificar")

    @property
    def topic(self) -> str | None:
        return self.data.get("tema")


@dataclass
class Schedule:
    today: dt.date
    upcoming: list[Activity]
    past: list[Activity]
    states: list[str]  # states with at least one desk: each gets a feed, even while it has no activity

    def upcoming_for_desk(self, desk_id: str) -> list[Activity]:
        return [a for a in self.upcoming if a.desk_id == desk_id]

    def upcoming_in_state(self, state_id: str) -> list[Activity]:
        return [a for a in self.upcoming if a.state == state_id]


def _clock(value) -> dt.time | None:
    if not isinstance(value, str):
        return None
    hours, _, minutes = value.partition(":")
    try:
        return dt.time(int(hours) % 24, int(minutes))
    except ValueError:
        return None


def activity(entity, desks: dict) -> Activity | None:
    """The activity of one file, or None when it cannot be placed in time (the checks say why)."""
    d = entity.data
    desk = desks.get(d.get("ventanilla"))
    try:
        day = dt.date.fromisoformat(str(d.get("fecha")))
    except ValueError:
        return None
    start_time = _clock(d.get("hora_inicio"))
    if desk is None or start_time is None:
        return None
    zone = ZoneInfo(time_zone(desk.data))
    start = dt.datetime.combine(day, start_time, zone)
    end_time = _clock(d.get("hora_fin"))
    end = dt.datetime.combine(day, end_time, zone) if end_time and end_time > start_time else None
    return Activity(entity.id, d, desk.id, desk.data, day, start, end)


def schedule(content, today: dt.date) -> Schedule:
    items = [a for a in (activity(e, content.desks()) for e in content.activities().values()) if a]
    upcoming = sorted((a for a in items if a.day >= today), key=lambda a: (a.start, a.id))
    past = sorted((a for a in items if a.day < today), key=lambda a: (a.start, a.id), reverse=True)
    states = sorted({d.data["entidad"] for d in content.desks().values() if isinstance(d.data.get("entidad"), str)})
    return Schedule(today, upcoming, past, states)
