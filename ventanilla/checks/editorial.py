"""The editorial state of the content: review settings, and the age and status of entries.

Shared by the editors' report (report.py) and the publishing gate (gate.py), so both
count the same things. Settings live in content/sitio.yml:

    revision:
      revisar_cada_dias: 180   # older entries are listed in the report as due for review
      maximo_dias: 365         # older entries stop `ventanilla check --publish`
      criticas: [urgencias, riesgos/trata-de-personas]

`criticas` names safety-critical entries, which must be translated (and up to date)
in every language before publishing: a folder (`urgencias`: every urgent situation,
i.e. the urgent-help page) or one entry (`riesgos/trata-de-personas`).
Organisations carry no review date and are left out of the freshness lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..content import ENTITY_FOLDERS, PAGE_FOLDERS, Content, placeholders
from ..content.sources import Document
from ..findings import Findings
from . import drift

DEFAULT_REVIEW_DAYS = 180
DEFAULT_MAX_DAYS = 365
DEFAULT_CRITICAL = ("urgencias", "riesgos/trata-de-personas")
KIND_NAMES = {"ventanilla": "ventanilla", "servicio": "servicio", "urgencia": "ayuda urgente",
              "organizacion": "organización", "tramite": "trámite", "riesgo": "riesgo", "pagina": "página",
              "actividad": "actividad", "comunidad": "tema de comunidad"}
FOLDERS = {**ENTITY_FOLDERS, **PAGE_FOLDERS}  # folder -> kind
DATE_KEYS = ("verificado_el", "revisado_el")


@dataclass
class Settings:
    review_days: int = DEFAULT_REVIEW_DAYS
    max_days: int = DEFAULT_MAX_DAYS
    critical: tuple = DEFAULT_CRITICAL
    configured_critical: bool = False  # named in sitio.yml: unknown names are errors
    native_review_critical: bool = False  # revision.revision_nativa_criticas: critical translations reviewed

    @classmethod
    def from_site(cls, site: dict) -> Settings:
        conf = site.get("revision") if isinstance(site.get("revision"), dict) else {}
        critical = conf.get("criticas")
        return cls(
            review_days=conf.get("revisar_cada_dias") or DEFAULT_REVIEW_DAYS,
            max_days=conf.get("maximo_dias") or DEFAULT_MAX_DAYS,
            critical=tuple(critical) if isinstance(critical, list) else DEFAULT_CRITICAL,
            configured_critical=isinstance(critical, list),
            native_review_critical=conf.get("revision_nativa_criticas") is True,
        )

    def is_critical(self, kind: str, entry_id: str) -> bool:
        folder = drift.FOLDER_OF.get(kind)
        return folder in self.critical or f"{folder}/{entry_id}" in self.critical


@dataclass
class Entry:
    """A desk, service, urgent situation, procedure, risk topic or page, seen by an editor."""

    kind: str
    id: str
    title: str
    doc: Document  # the Spanish (source) file
    status: str | None = None
    date_key: str | None = None
    date: dt.date | None = None
    age: int | None = None  # days since `date`
    critical: bool = False

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


@dataclass
class State:
    settings: Settings
    today: dt.date
    entries: list[Entry] = field(default_factory=list)
    translations: list[drift.Translation] = field(default_factory=list)
    markers: list[placeholders.Marker] = field(default_factory=list)

    def overdue(self) -> list[Entry]:
        """Past the review interval, oldest first."""
        limit = min(self.settings.review_days, self.settings.max_days)
        due = [e for e in self.entries if e.age is not None and e.age > limit]
        return sorted(due, key=lambda e: (-e.age, e.kind, e.id))

    def expired(self) -> list[Entry]:
        """Past the hard limit (even if it is set below the review interval)."""
        old = [e for e in self.entries if e.age is not None and e.age > self.settings.max_days]
        return sorted(old, key=lambda e: (-e.age, e.kind, e.id))

    def unverified(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "sin_verificar"]

    def translations_in(self, *wanted: str) -> list[drift.Translation]:
        return [t for t in self.translations if t.state in wanted]

    def incomplete(self) -> list[drift.Translation]:
        """Entities translated only in part (some texts lack the language)."""
        return [t for t in self.translations if t.state != drift.MISSING and t.missing_fields]

    def is_critical(self, t: drift.Translation) -> bool:
        return self.settings.is_critical(t.kind, t.entry_id)


def _title(data: dict, source: str, fallback: str) -> str:
    value = data.get("nombre", data.get("titulo"))
    if isinstance(value, dict):
        value = value.get(source)
    return value if isinstance(value, str) and value.strip() else fallback


def _entry(kind: str, entry_id: str, doc: Document, source: str, today: dt.date, settings: Settings) -> Entry:
    entry = Entry(kind, entry_id, _title(doc.data, source, entry_id), doc,
                  status=doc.data.get("estatus"), critical=settings.is_critical(kind, entry_id))
    for key in DATE_KEYS:
        value = doc.data.get(key)
        if isinstance(value, str):
            try:
                entry.date = dt.date.fromisoformat(value)
            except ValueError:
                break  # reported by the schema or the cross-check
            entry.date_key, entry.age = key, (today - entry.date).days
            break
    return entry


def entries(content: Content, today: dt.date, settings: Settings) -> list[Entry]:
    source = content.source_lang
    out = []
    for kind, items in content.entities.items():
        for entity in items.values():
            if kind == "actividad" and str(entity.data.get("fecha", "")) < today.isoformat():
                continue  # held already: in the archive, nothing left to verify
            out.append(_entry(kind, entity.id, entity.doc, source, today, settings))
    for kind, pages in content.pages.items():
        for page in pages.values():
            if source in page.docs:
                out.append(_entry(kind, page.id, page.docs[source], source, today, settings))
    return out


def state(content: Content, today: dt.date) -> State:
    settings = Settings.from_site(content.site)
    return State(settings, today, entries(content, today, settings), drift.states(content), placeholders.scan(content))


def check_settings(content: Content, findings: Findings) -> None:
    """The critical entries named in sitio.yml must exist."""
    settings = Settings.from_site(content.site)
    if not settings.configured_critical:
        return
    site_doc = next((d for d in content.documents if d.path == content.root / "sitio.yml"), None)
    existing = {f"{drift.FOLDER_OF[kind]}/{i}" for kind, items in content.entities.items() for i in items}
    existing |= {f"{drift.FOLDER_OF[kind]}/{i}" for kind, items in content.pages.items() for i in items}
    for i, name in enumerate(settings.critical):
        if name in FOLDERS or name in existing:
            continue
        folder = name.split("/")[0]
        hint = ("" if folder in FOLDERS else
                f"; la primera parte debe ser una carpeta: {', '.join(sorted(FOLDERS))}")
        line = site_doc.line(("revision", "criticas", i)) if site_doc else 0
        findings.error(content.root / "sitio.yml", line, "referencia-rota",
                       f'la página crítica "{name}" no existe (escribe carpeta/id, p. ej. '
                       f"riesgos/trata-de-personas){hint}")


def check(content: Content, findings: Findings) -> None:
    """What `ventanilla check` adds for editors: markers left by `new`, translation drift, settings."""
    placeholders.check(content, findings)
    drift.check(content, findings)
    check_settings(content, findings)
