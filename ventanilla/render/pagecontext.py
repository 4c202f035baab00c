"""What a page template may ask for while it writes one page in one language.

Turns content values into safe Markdown for the reader's language: texts with
fallback (marked `lang` of the source language, and remembered so the page shows a
notice), interface strings, localised dates (Babel), phone links, opening hours,
and relative links to other generated pages.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import cache

import phonenumbers
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

from ..content import directory, localize, routes
from . import theme
from .markdown import Md, escape, link

DAYS = ["lun", "mar", "mie", "jue", "vie", "sab", "dom"]
# A sentence ends at . ! ? followed by a space and a capital (or an opening ¿ ¡ «)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑÜ¿¡«“(])")


@cache
def babel_names_months(locale: str) -> bool:
    """False where CLDR gives only placeholders ("M01") for the month names."""
    try:
        return Locale.parse(locale).months["format"]["wide"][1] != "M01"
    except (UnknownLocaleError, ValueError):
        return False


@cache
def phone_forms(number: str) -> tuple[str, str]:
    """(as shown, as dialled) for a validated number; parsing is slow, numbers repeat.
    A star code is shown and dialled as written (tel:*765): parsing would drop the star."""
    if directory.is_star_code(number):
        return number.strip(), number.strip()
    parsed = phonenumbers.parse(number, "MX")
    if phonenumbers.is_valid_number(parsed):
        return (phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    # a short code such as 911 or 079 (emergencies only), as written: the parsed national
    # number drops a leading zero, and "79" is a number nobody can call
    shown = "".join(number.split())
    return shown, shown


# How a language writes the colon after a label (French: no-break space before it)
COLON = {"fr": "\u00a0:"}


class PageContext:
    def __init__(self, content, lang: str, path: str):
        self.content = content
        self.lang = lang
        self.source = content.source_lang
        self.fallbacks = content.fallbacks(lang)  # ht → fr → es, from sitio.yml
        self.path = path  # docs path of the page being written, e.g. ventanillas/x.md
        self.fallback_used = False

    # -- texts ---------------------------------------------------------------
    def ui(self, key: str, **values) -> str:
        text = self.content.ui.get(self.lang, {}).get(key)
        for other in self.fallbacks:
            text = text or self.content.ui.get(other, {}).get(key)
        text = text or key
        return text.format(**values) if values else text

    def label(self, key: str) -> str:
        """An interface word followed by its colon, as the reader's language writes it:
        French puts a no-break space before the colon ("Pour qui :")."""
        return self.ui(key) + COLON.get(self.lang, ":")

    def text(self, value) -> Md | None:
        """A content text in the reader's language; Spanish, marked, when missing."""
        picked = localize.pick(value, self.lang, self.fallbacks)
        if picked is None:
            return None
        return self._mark(picked, escape(picked.value))

    def texts(self, value) -> list[Md]:
        """A list of texts ({es: [...], en: [...]}) in the reader's language."""
        picked = localize.pick(value, self.lang, self.fallbacks)
        if picked is None:
            return []
        return [self._mark(picked, escape(item)) for item in picked.value]

    def plain(self, value) -> str:
        return localize.plain(value, self.lang, self.fallbacks)

    def _mark(self, picked: localize.Text, markdown: Md) -> Md:
        if picked.fallback:
            self.fallback_used = True
            return Md(f'<span lang="{picked.lang}">{markdown}</span>')
        return markdown

    def catalog(self, group: str, item_id: str) -> str:
        return self.plain(self.content.catalogs.get(group, {}).get(item_id, item_id))

    def state(self, state_id: str) -> dict[str, str]:
        """A state's name for interface strings, with "in" and "of" it as the reader's language
        says them: {entidad: "Chiapas", en_entidad: "au Chiapas", de_entidad: "du Chiapas"}.
        From catalogos.yml `entidades_en` / `entidades_de` in this very language (another
        language's form would be wrong here), else the interface's `entidad_en` / `entidad_de`."""
        name = self.catalog("entidades", state_id)
        words = {"entidad": name}
        for field, group, pattern in (("en_entidad", "entidades_en", "entidad_en"),
                                      ("de_entidad", "entidades_de", "entidad_de")):
            own = (self.content.catalogs.get(group) or {}).get(state_id)
            own = own.get(self.lang) if isinstance(own, dict) else None
            words[field] = own or self.ui(pattern, entidad=name)
        return words

    @staticmethod
    def first_sentence(text: str) -> str:
        """The first sentence of a text, for a summary (the whole text follows further down)."""
        parts = _SENTENCE_END.split(str(text).strip(), maxsplit=1)
        return parts[0]

    @staticmethod
    def after_first_sentence(text: str) -> str:
        """What follows the first sentence ("" if it is all): shown folded under a summary."""
        parts = _SENTENCE_END.split(str(text).strip(), maxsplit=1)
        return parts[1] if len(parts) > 1 else ""

    # -- dates, phones, hours ------------------------------------------------
    def date(self, iso: str, format: str = "long") -> str:
        """"3 de octubre de 2026", "3 October 2026": in the language's `formato_regional`
        (content/sitio.yml, e.g. en_GB), else in the language code's own format.
        `format="full"` adds the weekday (activities: "jueves, 3 de diciembre de 2026")."""
        day = dt.date.fromisoformat(iso)
        language = next((lang for lang in self.content.languages if lang.code == self.lang), None)
        for locale in dict.fromkeys((language.date_locale if language else self.lang, self.lang)):
            if babel_names_months(locale):
                return format_date(day, format=format, locale=locale)
        return self._date_from_interface(day, format)

    def _date_from_interface(self, day: dt.date, format: str) -> str:
        """A date in a language Babel (CLDR) has no month names for, e.g. Kreyòl: the names
        and the order come from the language's interface strings (`meses`, `dias_semana`,
        `fecha_larga`, `fecha_completa`), so adding such a language needs no code."""
        months = [m.strip() for m in self.ui("meses").split(",")]
        weekdays = [d.strip() for d in self.ui("dias_semana").split(",")]
        if len(months) != 12 or len(weekdays) != 7:
            return day.isoformat()
        pattern = self.ui("fecha_completa" if format == "full" else "fecha_larga")
        return pattern.format(dia=day.day, mes=months[day.month - 1], anio=day.year,
                              dia_semana=weekdays[day.weekday()])

    def phone(self, number: str) -> Md:
        shown, dial = phone_forms(number)
        return Md(f"[{escape(shown)}](tel:{dial})")

    def call_button(self, number: str, note=None, who: str | None = None) -> Md:
        """A large button that dials (`tel:`), with the number written on it and, below
        it on the button, whom the call reaches."""
        shown, dial = phone_forms(number)
        label = self._who(escape(self.ui("llamar", numero=shown)), who)
        button = f"[{label}](tel:{dial}){{: .{theme.BUTTON} .{theme.BUTTON_PRIMARY} .vn-call }}"
        note_text = self.text(note)
        return Md(f"{button}\n{{: .vn-action }}\n\n{note_text}\n{{: .vn-action-note }}" if note_text
                  else f"{button}\n{{: .vn-action }}")

    @staticmethod
    def _who(label: Md, who: str | None) -> Md:
        """A button's label with, below it, whom the call or message reaches."""
        return Md(f'{label}<br><span class="vn-who">{escape(who)}</span>') if who else label

    def call_link(self, number: str) -> Md:
        """"Call 911" as a plain, bold call link (the page already has its big button)."""
        shown, dial = phone_forms(number)
        return Md(f"**[{escape(self.ui('llamar', numero=shown))}](tel:{dial})**")

    @staticmethod
    def same_number(a: str, b: str) -> bool:
        return directory.dial_key(a) == directory.dial_key(b)

    def whatsapp(self, number: str) -> Md:
        shown, dial = phone_forms(number)
        return Md(f"[{escape(shown)}](https://wa.me/{dial.lstrip('+')})")

    def whatsapp_button(self, number: str, who: str | None = None) -> Md:
        """A WhatsApp chat link (wa.me opens the app; no script); `who` as on call_button."""
        shown, dial = phone_forms(number)
        label = self._who(escape(self.ui("escribir_whatsapp", numero=shown)), who)
        return Md(f"[{label}](https://wa.me/{dial.lstrip('+')}){{: .{theme.BUTTON} .vn-call }}\n{{: .vn-action }}")

    def mail_button(self, address: str, who: str | None = None) -> Md:
        label = self._who(escape(self.ui("escribir_correo", correo=address)), who)
        return Md(f"[{label}](mailto:{address}){{: .{theme.BUTTON} .vn-call }}\n{{: .vn-action }}")

    # -- the directory's answers (directory.py), for templates ------------------
    @staticmethod
    def channels(entry: dict) -> list:
        return directory.channels(entry)

    @staticmethod
    def is_open(entry: dict) -> bool:
        return directory.is_open(entry)

    @staticmethod
    def call_number(entry: dict, state: str | None = None) -> str | None:
        return directory.call_number(entry, state)

    @staticmethod
    def reachable(entry: dict, state: str | None = None) -> bool:
        return directory.reachable(entry, state)

    def urgent_calls(self, services: list[dict]) -> list[tuple[dict, str]]:
        """(service, number) for services to call, each number once, in the given order."""
        return self.content.directory.urgent_contacts([s["id"] for s in services])

    def fallback_contacts(self, entry: dict) -> list[tuple[str, str, str | None]]:
        """Where to turn when an entry has no known contact: the desks of its state that
        can be reached, then the national lines named in sitio.yml (`respaldo`).
        (name, docs path, number to call or None)."""
        states = {entry.get("entidad")} | directory.covered_states(entry)
        found = []
        for d in self.content.directory.reachable_desks(states):
            if d.get("id") != entry.get("id"):
                found.append((self.plain(d["nombre"]), routes.desk(d["id"]), directory.call_number(d)))
        for service in self.content.directory.by_ids(self.content.site.get("respaldo")):
            if service.get("id") != entry.get("id") and directory.call_number(service):
                found.append((self.plain(service["nombre"]), routes.service(service["id"]),
                              directory.call_number(service)))
        return found

    def days(self, days: list[str]) -> str:
        """lun, mar, mie, jue, vie -> "lunes a viernes" (consecutive runs joined)."""
        ordered = sorted(days, key=DAYS.index)
        runs: list[list[str]] = []
        for day in ordered:
            if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        parts = []
        for run in runs:
            first, last = self.ui(f"dias_{run[0]}"), self.ui(f"dias_{run[-1]}")
            if len(run) >= 3:
                parts.append(self.ui("dias_rango", desde=first, hasta=last))
            else:
                parts.extend(self.ui(f"dias_{d}") for d in run)
        return ", ".join(parts)

    def week(self, ranges) -> list[tuple[str, str, Md | None]]:
        """Opening hours as table rows: (days, "09:00 – 18:00", note)."""
        return [(self.days(item["dias"]), f"{item['abre']} – {item['cierra']}", self.text(item.get("nota")))
                for item in ranges or []]

    def hours(self, ranges) -> list[Md]:
        lines = []
        for item in ranges or []:
            line = f"{self.days(item['dias'])}: {item['abre']} – {item['cierra']}"
            note = self.text(item.get("nota"))
            lines.append(Md(f"{escape(line)} ({note})" if note else escape(line)))
        return lines

    # -- links ---------------------------------------------------------------
    def href(self, target: str) -> str:
        """Relative link from this page to another generated docs path."""
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

    def url_href(self, target: str) -> str:
        """Relative URL to another page, for raw HTML that MkDocs does not rewrite."""
        here = routes.url(self.path) or "."
        there = routes.url(target) or "."
        rel = posixpath.relpath(there, here)
        return rel + "/" if not rel.endswith("/") else rel

    def link(self, text, target: str) -> Md:
        return link(text, self.href(target))
