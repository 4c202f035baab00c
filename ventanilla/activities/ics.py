"""iCalendar feeds (.ics) of the upcoming activities, built with the `icalendar` library.

One feed per language with every upcoming activity, and one per language and state
(every state with a desk, even while it has none: a subscription must not break).
Past activities are left out: the feed is rebuilt at every build, so they drop off.
Each event carries a UID that stays the same across builds, so calendar apps update
an activity (moved, cancelled) instead of adding a copy; a cancelled activity stays
in the feed with STATUS:CANCELLED for that reason. Times carry their IANA time zone,
with the VTIMEZONE definitions the RFC asks for. DTSTAMP is the activity's
verification date, not the build time, so a feed only changes when content does.
"""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

STATUS = {"verificado": "CONFIRMED", "sin_verificar": "TENTATIVE", "ejemplo": "TENTATIVE", "cancelada": "CANCELLED"}


def feed_file(state_id: str | None = None) -> str:
    """Docs path of a feed, relative to one language's root."""
    return f"actividades/calendario-{state_id}.ics" if state_id else "actividades/calendario.ics"


@functools.cache
def _vtimezone(tzid: str) -> Timezone | None:
    """The VTIMEZONE of an IANA zone, with icalendar's default range of years."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know: left out, as it does
        return None


class FeedWriter:
    """The feeds of one language. `ctx` (pagecontext.PageContext) gives the interface
    strings and texts of that language, `describe(activity)` the plain-text lines of an
    event's description and `page_url(activity)` the page that lists it."""

    def __init__(self, ctx, describe, page_url):
        self.content = ctx.content
        self.lang = ctx.lang
        self.ctx = ctx
        self.describe = describe
        self.page_url = page_url
        self.host = urlsplit(self.content.site["url"]).hostname or "ventanilla"

    def text(self, value) -> str:
        return self.ctx.plain(value)

    def ui(self, key: str, **values) -> str:
        return self.ctx.ui(key, **values)

    def event(self, activity) -> Event:
        d = activity.data
        event = Event()
        event.add("uid", f"{activity.id}@{self.host}")
        checked = dt.date.fromisoformat(str(d.get("verificado_el")))
        event.add("dtstamp", dt.datetime.combine(checked, dt.time(0, 0), dt.UTC))
        event.add("dtstart", activity.start)
        if activity.end:
            event.add("dtend", activity.end)
        title = self.text(d["titulo"])
        if activity.status == "ejemplo":
            title = f"[{self.ui('actividad_ejemplo_etiqueta')}] {title}"
        elif activity.status == "cancelada":
            title = f"[{self.ui('actividad_cancelada_etiqueta')}] {title}"
        event.add("summary", title)
        place = d["lugar"]
        state = self.text(self.content.catalogs.get("entidades", {}).get(activity.state, activity.state))
        parts = [self.text(place["nombre"]), place.get("direccion"), place.get("municipio"), state]
        event.add("location", ", ".join(p for p in parts if p))
        event.add("description", "\n".join(self.describe(activity)))
        event.add("url", self.page_url(activity))
        event.add("status", STATUS.get(activity.status, "TENTATIVE"))
        return event

    def calendar(self, activities, name: str) -> bytes:
        cal = Calendar()
        cal.add("prodid", f"-//{self.text(self.content.site['nombre'])}//Ventanilla//{self.lang.upper()}")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", name)
        for activity in activities:
            cal.add_component(self.event(activity))
        # What cal.add_missing_timezones() does, but each zone worked out once (60 ms each)
        # rather than once per feed, and in sorted order: icalendar adds them in the order of
        # a set of names, which changes from one process to the next (string hashing).
        zones = [zone for zone in map(_vtimezone, sorted(cal.get_missing_tzids())) if zone is not None]
        cal.subcomponents[:0] = zones
        return cal.to_ical()

    def feeds(self, schedule) -> dict[str, bytes]:
        """{docs path: .ics bytes} for this language."""
        network = self.text(self.content.site["nombre"])
        files = {feed_file(): self.calendar(schedule.upcoming, f"{self.ui('actividades')} · {network}")}
        for state_id in schedule.states:
            state = self.text(self.content.catalogs.get("entidades", {}).get(state_id, state_id))
            files[feed_file(state_id)] = self.calendar(schedule.upcoming_in_state(state_id),
                                                       f"{self.ui('actividades')} · {state} · {network}")
        return files
