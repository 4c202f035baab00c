"""Build every leaflet of every language, through the cache, and put them in place.

`build_all` lays out what changed (see cache.py) and returns, per leaflet, its PDF in
the cache, its size and page count; `publish` copies the PDFs into the docs tree
(before MkDocs, which copies them into the site) or straight into a built site
(`ventanilla leaflets`); `downloads` tells each page which leaflets to link, with
their size in the reader's language.
"""

from __future__ import annotations

import math
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import documents, locations
from .cache import Entry, LeafletCache
from .documents import Leaflet
from .render import Renderer
from .texts import LeafletTexts

DOWNLOAD_LABELS = {
    "tramite": "descargar_folleto",
    "riesgo": "descargar_folleto",
    "ventanilla": "descargar_folleto",
    "referencia": "descargar_referencia",
    "paquete": "descargar_paquete",
}


@dataclass
class BuiltLeaflet:
    leaflet: Leaflet
    entry: Entry
    cached: bool

    @property
    def pages(self) -> int:
        return self.entry.pages

    @property
    def size(self) -> int:
        return self.entry.size

    @property
    def too_long(self) -> bool:
        limit = self.leaflet.max_pages
        return limit is not None and self.pages > limit


@dataclass(frozen=True)
class Download:
    label: str  # "Descargar folleto (PDF, 18 KB)" in the page's language
    file: str  # docs path of the PDF


@dataclass
class LeafletBuild:
    built: list[BuiltLeaflet] = field(default_factory=list)
    seconds: float = 0.0
    laid_out: int = 0  # leaflets laid out by WeasyPrint in this build (the rest came from the cache)

    @property
    def total_size(self) -> int:
        return sum(b.size for b in self.built)

    def downloads(self, content) -> dict[str, dict[str, list[Download]]]:
        """{lang: {docs path of a page: [Download, …]}}."""
        found: dict[str, dict[str, list[Download]]] = {}
        for b in self.built:
            texts = LeafletTexts(content, b.leaflet.lang)
            size = texts.ui("tamano_kb", n=max(1, math.ceil(b.size / 1024)))
            label = texts.ui(DOWNLOAD_LABELS[b.leaflet.kind], tamano=size, paginas=b.pages)
            found.setdefault(b.leaflet.lang, {}).setdefault(b.leaflet.page, []).append(Download(label, b.leaflet.file))
        return found


def build_all(content, theme_dir: Path, cache_dir: Path, findings=None, force: bool = False,
              draft: bool = False) -> LeafletBuild:
    """Lay out (or take from the cache) every leaflet; `force` ignores the cache;
    `draft` marks every leaflet as a preview, as the pages are."""
    started = time.perf_counter()
    renderer = Renderer(content, theme_dir, draft)
    cache = LeafletCache(cache_dir, theme_dir, renderer.paper.name)
    result = LeafletBuild()
    keys: dict[tuple, str] = {}
    laid: dict[tuple, object] = {}

    def key_of(leaflet: Leaflet) -> str:
        if leaflet.key not in keys:
            if leaflet.sections:
                parts = [leaflet.title, leaflet.lang] + [key_of(s) for s in leaflet.sections]
            else:
                parts = [renderer.html(leaflet)]
            keys[leaflet.key] = cache.key(leaflet.kind, *parts)
        return keys[leaflet.key]

    def document_of(leaflet: Leaflet):
        if leaflet.key not in laid:
            laid[leaflet.key] = renderer.lay_out(leaflet)
            result.laid_out += 1
        return laid[leaflet.key]

    leaflets = documents.all_leaflets(content)
    for leaflet in sorted(leaflets, key=lambda item: bool(item.sections)):  # packs last
        key = key_of(leaflet)
        entry = None if force else cache.get(key)
        cached = entry is not None
        if entry is None:
            if leaflet.sections:
                document = renderer.bind(leaflet.title, leaflet.lang, [document_of(s).document for s in leaflet.sections])
                pages, fit = len(document.pages), 0
            else:
                done = document_of(leaflet)
                document, pages, fit = done.document, done.pages, done.fit
            entry = cache.put(key, renderer.pdf(document), pages, fit)
        result.built.append(BuiltLeaflet(leaflet, entry, cached))
    cache.prune()
    result.seconds = time.perf_counter() - started
    if findings is not None:
        report(result, findings)
    return result


def report(result: LeafletBuild, findings) -> None:
    """A leaflet over its page limit is a warning for editors: shorten the text."""
    for b in result.built:
        if b.too_long and b.leaflet.source is not None:
            findings.warning(
                b.leaflet.source, 0, "folleto-largo",
                f'el folleto para imprimir "{b.leaflet.title}" ({b.leaflet.lang}) ocupa {b.pages} páginas; '
                f"el máximo es {b.leaflet.max_pages}: acorta el texto")


def publish(result: LeafletBuild, content, target: Path, layout: str = "docs") -> int:
    """Copy the PDFs under `target`: docs/<lang>/folletos/… or site/[<lang>/]folletos/….

    In a site, each language's folletos/ folder is replaced whole, so a leaflet whose
    content was removed does not linger.
    """
    target = Path(target)
    if layout == "site":
        for lang in content.codes:
            stale = target / locations.language_prefix(content, lang) / locations.FOLDER
            if stale.exists():
                shutil.rmtree(stale)
    count = 0
    for b in result.built:
        base = target / b.leaflet.lang if layout == "docs" else target / locations.language_prefix(content, b.leaflet.lang)
        destination = base / b.leaflet.file
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(b.entry.pdf, destination)
        count += 1
    return count
