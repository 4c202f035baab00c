"""Translation drift: which version of the Spanish text each translation translates.

A *version* is a short hash (12 hex digits) of the source-language texts of an entry,
so a change of wording changes it and a change of layout (indentation, quotes) does
not. Each translation records the version it was made from, like mdn's
`sourceCommit`:

- a translated page (content/en/tramites/x.md) has `traduce: <version>` in its front
  matter; the version covers the Spanish page's text fields and its Markdown body,
  not the facts kept only in Spanish (fuentes, revisado_el…);
- an entity (desk, service, organisation, urgent situation) keeps its texts of all
  languages side by side in one file, so it records one version per language:
  `traduce: {en: <version>, fr: <version>}`, covering all its Spanish texts.

When the recorded version differs from the current one, the Spanish text changed
after the translation was made. `ventanilla traducido` (translated.py) writes the
records, so nobody computes a hash by hand.

States of one translation: `falta` (none at all), `sin_version` (no record),
`desactualizada` (record differs), `al_dia`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..content import ENTITY_FOLDERS, PAGE_FOLDERS, SHARED_PAGE_FIELDS, Content
from ..content.sources import Document
from ..findings import Findings
from .crosscheck import language_name

FIELD = "traduce"
MISSING, NO_RECORD, OUTDATED, CURRENT = "falta", "sin_version", "desactualizada", "al_dia"
FOLDER_OF = {kind: folder for folder, kind in {**ENTITY_FOLDERS, **PAGE_FOLDERS}.items()}


def version(value) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _is_text(value, source: str) -> bool:
    return (isinstance(value, dict) and source in value
            and all(isinstance(k, str) and 2 <= len(k) <= 3 and k.isalpha() for k in value))


def entity_texts(data: dict, source: str, path: tuple = ()) -> list[tuple[tuple, dict]]:
    """(path, {lang: text}) of every multilingual text of an entity, in file order."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        if not path and key == FIELD:
            continue
        if _is_text(value, source):
            found.append((path + (key,), value))
        elif isinstance(value, (dict, list)):
            found += entity_texts(value, source, path + (key,))
    return found


def entity_version(doc: Document, source: str) -> str:
    return version([[list(path), text[source]] for path, text in entity_texts(doc.data, source)])


def page_version(doc: Document) -> str:
    fields = {k: v for k, v in doc.data.items() if k not in SHARED_PAGE_FIELDS and k != FIELD}
    body = "\n".join(line.rstrip() for line in doc.body.strip().split("\n"))
    return version({"campos": fields, "texto": body})


@dataclass
class Translation:
    """One language of one entry."""

    kind: str
    entry_id: str
    lang: str
    source: Document  # the Spanish file
    path: Path  # the file that holds (or should hold) the translation
    line: int
    state: str
    current: str
    recorded: str | None = None
    missing_fields: tuple = ()  # paths of the texts without this language (entities)

    @property
    def is_page(self) -> bool:
        return self.path != self.source.path

    def field_names(self) -> list[str]:
        return [".".join(map(str, path)) for path in self.missing_fields]


def _entity_states(content: Content, kind: str, doc: Document) -> list[Translation]:
    source = content.source_lang
    texts = entity_texts(doc.data, source)
    if not texts:
        return []  # nothing to translate (names only)
    current = entity_version(doc, source)
    records = doc.data.get(FIELD) if isinstance(doc.data.get(FIELD), dict) else {}
    entry_id = doc.data.get("id", doc.path.stem)
    out = []
    for lang in content.codes[1:]:
        missing = tuple(path for path, text in texts if not text.get(lang))
        recorded = records.get(lang)
        if len(missing) == len(texts):
            state, line = MISSING, doc.line(texts[0][0])
        else:
            state = NO_RECORD if recorded is None else CURRENT if recorded == current else OUTDATED
            line = doc.line((FIELD, lang)) if recorded is not None else doc.line(texts[0][0])
        out.append(Translation(kind, entry_id, lang, doc, doc.path, line, state, current,
                               recorded if isinstance(recorded, str) else None, missing))
    return out


def _page_states(content: Content, page) -> list[Translation]:
    source = content.source_lang
    src = page.docs.get(source)
    if src is None:
        return []  # reported by the cross-check (falta-original)
    current = page_version(src)
    out = []
    for lang in content.codes[1:]:
        doc = page.docs.get(lang)
        if doc is None:
            path = content.root / lang / FOLDER_OF[page.kind] / src.path.name
            out.append(Translation(page.kind, page.id, lang, src, path, 0, MISSING, current))
            continue
        recorded = doc.data.get(FIELD)
        state = NO_RECORD if recorded is None else CURRENT if recorded == current else OUTDATED
        line = doc.line((FIELD,)) if recorded is not None else 1
        out.append(Translation(page.kind, page.id, lang, src, doc.path, line, state, current,
                               recorded if isinstance(recorded, str) else None))
    return out


def states(content: Content) -> list[Translation]:
    """The state of every translation of every entry, entities first, then pages."""
    out: list[Translation] = []
    for kind, entities in content.entities.items():
        for entity in entities.values():
            out += _entity_states(content, kind, entity.doc)
    for pages in content.pages.values():
        for page in pages.values():
            out += _page_states(content, page)
    return out


def command_for(t: Translation, findings: Findings) -> str:
    target = findings.relative(t.path)
    return f"ventanilla traducido {target}" + ("" if t.is_page else f" --idioma {t.lang}")


def check(content: Content, findings: Findings) -> None:
    """Warnings for outdated translations and translations without a record."""
    for t in states(content):
        name = f"al {language_name(t.lang)} ({t.lang})"
        if t.state == OUTDATED:
            source = findings.relative(t.source.path)
            findings.warning(t.path, t.line, "traduccion-desactualizada",
                             f"el texto en español ({source}) cambió después de la traducción {name}; "
                             f"actualiza la traducción y luego ejecuta `{command_for(t, findings)}`")
        elif t.state == NO_RECORD:
            findings.warning(t.path, t.line, "traduccion-sin-version",
                             f"la traducción {name} no registra qué versión del español traduce; "
                             f"si está al día, ejecuta `{command_for(t, findings)}`")
    for doc in content.documents:
        record = doc.data.get(FIELD)
        spanish_page = doc.path.suffix == ".md" and doc.path.parent.parent == content.root / content.source_lang
        if record is not None and (spanish_page or (isinstance(record, dict) and content.source_lang in record)):
            findings.warning(doc.path, doc.line((FIELD,)), "traduce-en-original",
                             f'"{FIELD}" va solo en las traducciones (lo escribe `ventanilla traducido`); '
                             "bórralo del texto en español")
