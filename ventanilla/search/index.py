"""Build and write one lunr index per language (lunr.py, serialised for lunr.js 2.3.9).

Each language gets `search/<lang>.<hash>.json` holding the lunr index (in the
compact form of compact.py, which search.js expands for lunr.js), the documents
to show (url, title, section, snippet), and what search.js needs to read a question
(query.py): the stop words, the editors' synonyms keyed by stems, the suffixes to
strip and the words that name places, so the browser needs one request. Text is normalised in Python (see text.py) and
the lunr pipelines are left empty: lunr.js then needs no registered functions, and
search.js normalises queries the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from lunr.builder import Builder

from ..content import routes
from . import compact, documents, text

# Two fields keep the inverted index small: lunr writes every field for every term.
FIELDS = (("title", 6), ("body", 1))
# Document boosts: a guide page (procedure, risk, urgent help) outranks one of its
# sections that says the same, and outranks list pages that only name the topic.
BOOSTS = {"sections": 3, "whole": 1.5, "title": 0.7}


def document_mode(url: str) -> str:
    """How a page is indexed (see documents.py): by the route it was generated at."""
    # activities come and go: their pages are found by title, the calendar itself lists them
    if url in ("", "ventanillas/", "directorio/", "tramites/", "riesgos/", "comunidad/") \
            or url.startswith(("directorio/entidades/", "directorio/categorias/", "actividades/")) \
            or (url.startswith("urgente/") and url != "urgente/"):  # a state's urgent list: like its page
        return "title"
    if url.startswith(("ventanillas/", "directorio/")):
        return "whole"
    # for residents more than for migrants: found by their title, which keeps the first
    # search within its 40 KB budget (tests/test_search.py; with every h2 it was 42 KB in fr)
    if url.startswith("comunidad/"):
        return "title"
    return "sections"


@dataclass
class LanguageIndex:
    lang: str
    payload: dict
    docs: list

    def json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def place_words(content, lang: str) -> list[str]:
    """Index terms that name a place, for the place boost of query.py / search.js: the
    words of every state's name and of the municipalities of desks and services. A
    name in brackets stands for the place ("Centro (Villahermosa)": Villahermosa); a
    word in two state names ("Ciudad de México", "Estado de México") names no place."""
    states = [str(name) for name in (content.catalogs.get("entidades") or {}).values()]
    names = list(states)
    for entity in list(content.desks().values()) + list(content.services().values()):
        for item in [entity.data] + list(entity.data.get("ubicaciones") or []):
            if isinstance(item.get("municipio"), str):
                names.append(item["municipio"])
    shared: dict[str, int] = {}
    for name in states:
        for word in set(text.tokens(name, lang)):
            shared[word] = shared.get(word, 0) + 1
    words = set()
    for name in names:
        inside = re.findall(r"\(([^)]*)\)", name)
        for word in text.tokens(" ".join(inside) if inside else name, lang):
            if len(word) > 3 and shared.get(word, 0) < 2:
                words.add(word)
    return sorted(words)


def lunr_builder(lang: str, docs: list[documents.SearchDocument]) -> Builder:
    """A lunr.py Builder holding the documents (not built: compact.pack reads it)."""
    builder = Builder()
    builder.ref("i")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for i, doc in enumerate(docs):
        builder.add({
            "i": str(i),
            # a section is found by its own heading; its page by the page title
            "title": " ".join(text.tokens(doc.heading or doc.title, lang)),
            "body": " ".join(text.tokens(doc.text, lang)),
        }, attributes={"boost": 1 if doc.heading else BOOSTS[document_mode(doc.url)]})
    return builder


def build_language(lang: str, docs: list[documents.SearchDocument], synonyms: dict[str, list[str]],
                   places: list[str] = ()) -> LanguageIndex:
    index = compact.pack(lunr_builder(lang, docs), len(docs))  # the browser scores them (compact.py)
    payload = {
        "index": index,
        "docs": compact.pack_docs([[d.url, d.title, d.heading, d.snippet] for d in docs]),
        "stop": sorted(text.stop_words(lang)),
        "synonyms": _synonyms(synonyms, lang),
        "suffixes": list(text.suffixes(lang)),
        "places": list(places),
    }
    return LanguageIndex(lang, payload, docs)


def _synonyms(synonyms: dict[str, list[str]], lang: str) -> dict[str, list[str]]:
    """Editors' synonyms keyed by the stems of their words, as query.py looks them up:
    one entry "secuestrar" also answers "secuestraron"; values are the words to add."""
    suffixes = text.suffixes(lang)
    out: dict[str, list[str]] = {}
    for phrase, portal in sorted(synonyms.items()):
        key = " ".join(text.stem(w, suffixes) for w in text.words(phrase))
        if key:
            added = out.setdefault(key, [])
            for word in text.words(" ".join(portal)):
                if word not in added:
                    added.append(word)
    return out


# First folders of pages nobody searches for (personal/: the staff's tool, in the menu)
# organizaciones/: an organisation is found through its services, whose pages (indexed whole)
# name it and link its page; its own 46 pages cost 1.3 KB per language on the first search,
# past its 40 KB budget (tests/test_search.py)
NOT_INDEXED = {"404", "sin-conexion", "buscar", "assets", "search", "personal", "organizaciones"}


def language_root(site: Path, languages: list[str], lang: str) -> tuple[Path, set[str]]:
    """The folder of one language's pages in the built site, and the names of the
    folders inside it that hold other languages."""
    prefix = routes.language_prefix(languages, lang)
    if not prefix:
        return site, {code for code in languages if routes.language_prefix(languages, code)}
    return site / prefix.rstrip("/"), set()


def indexed(url: str) -> bool:
    return url.split("/")[0] not in NOT_INDEXED


_LAST: dict[str, tuple[str, bytes]] = {}  # {language: (key of its input, its index)}


def publish_language(site: Path, languages: list[str], lang: str, docs: list[documents.SearchDocument],
                     synonyms: dict[str, list[str]], places: list[str] = ()) -> str:
    """Write one language's index into site/search/ and point that language's search
    page at it; returns the file name. `docs`: the language's documents, read from its
    pages by output/pages.py (documents.page_documents) as it finishes them."""
    # `ventanilla serve` rebuilds after each save: a language whose documents did not change
    # gets the index it had (the same bytes: built from the same input)
    key = hashlib.sha256(repr((lang, docs, sorted(synonyms.items()), list(places))).encode("utf-8")).hexdigest()
    if _LAST.get(lang, ("",))[0] == key:
        data = _LAST[lang][1]
    else:
        data = build_language(lang, docs, synonyms, places).json().encode("utf-8")
        _LAST[lang] = (key, data)
    name = f"{lang}.{hashlib.sha256(data).hexdigest()[:10]}.json"
    out = site / "search"
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
    root = language_root(site, languages, lang)[0]
    page = root / "buscar" / "index.html"
    if page.exists():
        prefix = "../" if root == site else "../../"
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace('data-index=""', f'data-index="{prefix}search/{name}"', 1), encoding="utf-8")
    return name
