"""The content model: what editors keep under content/, read into plain Python objects.

Layout (one file per entity):
    content/sitio.yml                      portal name, URL, languages (first = source language)
    content/catalogos.yml                  states, categories, populations, desk services
    content/ventanillas/<id>.yml           desks: facts once, texts of all languages side by side
    content/organizaciones/<id>.yml        organisations
    content/servicios/<id>.yml             services of the directory
    content/urgencias/<id>.yml             urgent situations and their referral pathways
    content/actividades/<id>.yml           the desks' awareness activities (calendar)
    content/<lang>/interfaz.yml            interface strings of one language
    content/<lang>/sinonimos.yml           search synonyms of one language (optional)
    content/<lang>/tramites/<id>.md        procedures: front matter + Markdown, one file per language
    content/<lang>/riesgos/<id>.md         risk-awareness topics
    content/<lang>/comunidad/<id>.md       topics for host communities (myths, rights, how to help)
    content/<lang>/paginas/<id>.md         plain pages (about this information…)

Nothing here knows about MkDocs: the generator turns this model into Markdown files,
and any other site generator could read the same model.
"""

from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Findings
from . import schema_check
from .directory import Directory
from .sources import Document, read_markdown, read_yaml

ENTITY_FOLDERS = {  # folder -> (kind, schema)
    "ventanillas": "ventanilla",
    "organizaciones": "organizacion",
    "servicios": "servicio",
    "urgencias": "urgencia",
    "actividades": "actividad",
}
PAGE_FOLDERS = {  # folder under content/<lang>/ -> schema
    "tramites": "tramite",
    "riesgos": "riesgo",
    "comunidad": "comunidad",
    "paginas": "pagina",
}
# Front-matter fields that state facts shared by all languages: kept in the source
# (Spanish) file only, so they cannot differ between languages.
SHARED_PAGE_FIELDS = {"gratuito", "servicios", "ayuda", "fuentes", "revisado_el", "estatus", "etapas"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str | None = None  # `formato_regional` in sitio.yml (e.g. en_GB): how dates are written
    if_missing: tuple[str, ...] = ()  # `si_falta` in sitio.yml: languages to show before Spanish (ht: fr)

    @property
    def date_locale(self) -> str:
        return self.locale or self.code


@dataclass
class Entity:
    """A desk, organisation, service or urgent situation (one YAML file)."""

    kind: str
    doc: Document

    @property
    def id(self) -> str:
        return self.doc.data.get("id", self.doc.path.stem)

    @property
    def data(self) -> dict:
        return self.doc.data


@dataclass
class LocalizedPage:
    """A procedure, risk topic or plain page: one Markdown file per language, same name."""

    kind: str
    id: str
    docs: dict[str, Document] = field(default_factory=dict)

    def served(self, lang: str, fallbacks) -> str:
        """The language this page is shown in to a `lang` reader: its own, else the first
        of the language's fallbacks that has the page (Content.fallbacks)."""
        return next((code for code in [lang, *fallbacks] if code in self.docs), lang)

    def shared(self, source_lang: str) -> dict:
        """The language-independent fields, read from the source-language file."""
        source = self.docs.get(source_lang)
        data = source.data if source else {}
        return {k: v for k, v in data.items() if k in SHARED_PAGE_FIELDS}


@dataclass
class Content:
    root: Path
    site: dict
    languages: list[Language]
    catalogs: dict
    ui: dict[str, dict]
    synonyms: dict[str, dict]  # lang -> {what people type: [words the portal uses]}
    entities: dict[str, dict[str, Entity]]  # kind -> id -> entity
    pages: dict[str, dict[str, LocalizedPage]]  # kind -> id -> page
    documents: list[Document] = field(default_factory=list)  # every file read, for cross-checks
    monitoring: object = None  # monitoring.Monitoring, from content/monitoreo/ (pipeline.check)
    _directory: object = field(default=None, repr=False, compare=False)

    @property
    def source_lang(self) -> str:
        return self.languages[0].code

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def fallbacks(self, lang: str) -> list[str]:
        """Where a text missing in `lang` is taken from, in order: the language's `si_falta`
        (sitio.yml, e.g. ht → fr), then the source language. Every output asks this."""
        language = next((item for item in self.languages if item.code == lang), None)
        chain = [c for c in (language.if_missing if language else ()) if c in self.codes and c != lang]
        return list(dict.fromkeys(chain + [self.source_lang]))

    def desks(self) -> dict[str, Entity]:
        return self.entities["ventanilla"]

    def services(self) -> dict[str, Entity]:
        return self.entities["servicio"]

    def organizations(self) -> dict[str, Entity]:
        return self.entities["organizacion"]

    def urgencies(self) -> dict[str, Entity]:
        return self.entities["urgencia"]

    @property
    def directory(self) -> Directory:
        """The queries about open services (directory.py), shared by every output."""
        if self._directory is None:
            self._directory = Directory(self.services(), self.desks())
        return self._directory

    def desks_in_state(self, state_id: str) -> list[dict]:
        """The desks of a state (file order)."""
        return self.directory.desks_in(state_id)

    def services_in_state(self, state_id: str) -> list[dict]:
        """Open services that cover a state or have an office there (file order)."""
        return self.directory.in_state(state_id)

    def activities(self) -> dict[str, Entity]:
        return self.entities["actividad"]

    def awareness_topics(self) -> dict[str, LocalizedPage]:
        """Risk and community topics: the subjects of activities and activity kits."""
        return {**self.pages["riesgo"], **self.pages["comunidad"]}


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    return sorted(files)


_KEPT: list[dict] = []  # `kept_reads`: the store of the running load, if any


@contextlib.contextmanager
def kept_reads(store: dict):
    """Within this block, `load` reuses the reading and schema check of every file whose
    bytes are those it read last time (`ventanilla serve`: a save changes one file, and
    parsing and checking the others again costs seconds on a large directory). `store`
    is kept by the caller between loads; each reuse gets its own copy of the document."""
    _KEPT.append(store)
    try:
        yield
    finally:
        _KEPT.pop()


def _read_checked(path: Path, schema: str, findings: Findings, markdown: bool = False) -> Document | None:
    store = _KEPT[-1] if _KEPT else None
    if store is None:
        return _read_checked_now(path, schema, findings, markdown)
    try:
        raw = path.read_bytes()
    except OSError:
        return _read_checked_now(path, schema, findings, markdown)
    key = (path, schema, markdown)
    kept = store.get(key)
    if kept is not None and kept[0] == raw:
        findings.items.extend(kept[2])  # what the check said then, said again
        return pickle.loads(kept[1]) if kept[1] is not None else None
    mark = len(findings.items)
    doc = _read_checked_now(path, schema, findings, markdown)
    store[key] = (raw, pickle.dumps(doc, pickle.HIGHEST_PROTOCOL) if doc is not None else None,
                  list(findings.items[mark:]))
    return doc


def _read_checked_now(path: Path, schema: str, findings: Findings, markdown: bool = False) -> Document | None:
    doc = (read_markdown if markdown else read_yaml)(path, findings)
    if doc is None:
        return None
    schema_check.check(doc, schema, findings)
    return doc


def _languages(site: dict, path: Path, findings: Findings) -> list[Language]:
    langs = []
    for item in site.get("idiomas") or []:
        if isinstance(item, dict) and isinstance(item.get("codigo"), str):
            locale = item.get("formato_regional")
            if_missing = tuple(c for c in item.get("si_falta") or [] if isinstance(c, str))
            langs.append(Language(item["codigo"], str(item.get("nombre", item["codigo"])),
                                  locale if isinstance(locale, str) else None, if_missing))
    if not langs:
        findings.error(path, 1, "idiomas", 'sitio.yml debe listar al menos un idioma en "idiomas" (el primero es el español)')
        langs = [Language("es", "Español")]
    return langs


def load(root: Path, findings: Findings) -> Content | None:
    """Read and schema-check everything under `root` (the content/ folder).

    Returns None only when the site configuration itself is unreadable; every other
    problem is a finding and the file is left out, so all problems surface in one run.
    """
    root = Path(root)
    site_path = root / "sitio.yml"
    if not site_path.exists():
        findings.error(site_path, 0, "falta-archivo", "no existe content/sitio.yml (nombre, dirección e idiomas del portal)")
        return None
    site_doc = _read_checked(site_path, "sitio", findings)
    if site_doc is None:
        return None
    languages = _languages(site_doc.data, site_path, findings)
    documents = [site_doc]

    catalogs_path = root / "catalogos.yml"
    catalogs_doc = _read_checked(catalogs_path, "catalogos", findings) if catalogs_path.exists() else None
    if catalogs_path.exists() is False:
        findings.error(catalogs_path, 0, "falta-archivo", "no existe content/catalogos.yml (entidades, categorías, poblaciones)")
    if catalogs_doc:
        documents.append(catalogs_doc)

    ui: dict[str, dict] = {}
    for lang in languages:
        path = root / lang.code / "interfaz.yml"
        if not path.exists():
            findings.error(path, 0, "falta-archivo",
                           f"falta {path.relative_to(root.parent) if root.parent in path.parents else path}: "
                           f"cada idioma necesita sus textos de interfaz (copia content/{languages[0].code}/interfaz.yml y tradúcelo)")
            ui[lang.code] = {}
            continue
        doc = _read_checked(path, "interfaz", findings)
        ui[lang.code] = doc.data if doc else {}
        if doc:
            documents.append(doc)

    synonyms: dict[str, dict] = {}
    for lang in languages:
        path = root / lang.code / "sinonimos.yml"
        doc = _read_checked(path, "sinonimos", findings) if path.exists() else None
        synonyms[lang.code] = doc.data if doc else {}
        if doc:
            documents.append(doc)

    entities: dict[str, dict[str, Entity]] = {kind: {} for kind in ENTITY_FOLDERS.values()}
    for folder, kind in ENTITY_FOLDERS.items():
        for path in _yaml_files(root / folder):
            doc = _read_checked(path, kind, findings)
            if doc is None:
                continue
            documents.append(doc)
            entity = Entity(kind, doc)
            if entity.id in entities[kind]:
                continue  # reported by the cross-check on duplicate ids
            entities[kind][entity.id] = entity

    pages: dict[str, dict[str, LocalizedPage]] = {kind: {} for kind in PAGE_FOLDERS.values()}
    for lang in languages:
        for folder, kind in PAGE_FOLDERS.items():
            folder_path = root / lang.code / folder
            if not folder_path.is_dir():
                continue
            for path in sorted(folder_path.glob("*.md")):
                doc = _read_checked(path, kind, findings, markdown=True)
                if doc is None:
                    continue
                documents.append(doc)
                page = pages[kind].setdefault(path.stem, LocalizedPage(kind, path.stem))
                page.docs[lang.code] = doc

    return Content(
        root=root,
        site=site_doc.data,
        languages=languages,
        catalogs=catalogs_doc.data if catalogs_doc else {},
        ui=ui,
        synonyms=synonyms,
        entities=entities,
        pages=pages,
        documents=documents,
    )
