"""Build every leaflet of every language, through the cache, and put them in place.

`build_all` lays out what changed (see cache.py) and returns, per leaflet, its PDF in
the cache, its size and page count; `publish` copies the PDFs into the docs tree
(before MkDocs, which copies them into the site) or straight into a built site
(`ventanilla leaflets`); `downloads` tells each page which leaflets to link, with
their size in the reader's language.

Layout is the slow part (about 0.05 s a referral slip per attempt; a leaflet that does
not fit is laid out again, tighter). Desk packs are not painted whole: they are cut
from one PDF per language of their sections (binding.py). When many leaflets changed,
worker processes (as many as there are cores, started by fork where safe) lay them out
in batches: each language's leaflets other than slips together (a pack needs its
sections in the same process), slips in small batches.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..content import leaflet_locations as locations
from . import catalogue
from .binding import Book
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
    "ficha": "descargar_ficha",
    "cartel": "descargar_cartel",
    "cartel-grande": "descargar_cartel",
}
PAPER_LABELS = {"carta": "papel_carta", "a4": "papel_a4", "tabloide": "papel_tabloide", "a3": "papel_a3"}
PARALLEL_FROM = 40  # leaflets to lay out before starting worker processes pays off
SLIP_BATCH = 40  # referral slips per batch of work for a worker process


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
    kind: str = ""
    group: str | None = None  # the topic of an activity kit (leaflets/kits.py)


@dataclass
class LeafletBuild:
    built: list[BuiltLeaflet] = field(default_factory=list)
    seconds: float = 0.0
    laid_out: int = 0  # leaflets laid out in this build (the others came from the cache)
    workers: int = 0  # worker processes used (0: laid out in this process)
    pending: list[Leaflet] = field(default_factory=list)  # not in the cache, left out (cached_only)

    @property
    def total_size(self) -> int:
        return sum(b.size for b in self.built)

    def downloads(self, content) -> dict[str, dict[str, list[Download]]]:
        """{lang: {docs path of a page: [Download, …]}}."""
        found: dict[str, dict[str, list[Download]]] = {}
        for b in self.built:
            texts = LeafletTexts(content, b.leaflet.lang)
            size = texts.ui("tamano_kb", n=max(1, math.ceil(b.size / 1024)))
            paper = b.leaflet.values.get("paper")
            paper_label = texts.ui(PAPER_LABELS[paper.name]) if paper else ""
            label = texts.ui(DOWNLOAD_LABELS[b.leaflet.kind], tamano=size, paginas=b.pages, papel=paper_label)
            listed_on = b.leaflet.listed_on or b.leaflet.page
            found.setdefault(b.leaflet.lang, {}).setdefault(listed_on, []).append(
                Download(label, b.leaflet.file, b.leaflet.kind, b.leaflet.group))
        return found


def _keys(renderer: Renderer, cache: LeafletCache, leaflets: list[Leaflet]) -> dict[tuple, str]:
    """The cache key of every leaflet and pack section, from its HTML."""
    keys: dict[tuple, str] = {}

    def key_of(leaflet: Leaflet) -> str:
        if leaflet.key not in keys:
            if leaflet.sections:
                parts = [leaflet.title, leaflet.lang] + [key_of(s) for s in leaflet.sections]
            else:
                parts = [renderer.html(leaflet)]
            keys[leaflet.key] = cache.key(leaflet.kind, *parts)
        return keys[leaflet.key]

    for leaflet in leaflets:
        key_of(leaflet)
    return keys


def _lay_out(renderer: Renderer, cache: LeafletCache, leaflets: list[Leaflet], keys: dict[tuple, str]) -> int:
    """Lay out `leaflets` into the cache; returns how many. Desk packs come last: they
    are cut from one PDF per language of the sections they need (binding.py)."""
    laid: dict[tuple, object] = {}

    def document_of(leaflet: Leaflet):
        if leaflet.key not in laid:
            laid[leaflet.key] = renderer.lay_out(leaflet)
        return laid[leaflet.key]

    packs = [leaflet for leaflet in leaflets if leaflet.sections]
    for leaflet in leaflets:
        if not leaflet.sections:
            done = document_of(leaflet)
            cache.put(keys[leaflet.key], renderer.pdf(done.document), done.pages, done.fit)
    for lang in dict.fromkeys(pack.lang for pack in packs):
        in_lang = [pack for pack in packs if pack.lang == lang]
        sections = {section.key: section for pack in in_lang for section in pack.sections}
        book = Book([document_of(section).document for section in sections.values()], lang)
        for pack in in_lang:
            documents = [document_of(section).document for section in pack.sections]
            if book.usable:
                pdf = book.pack(documents, pack.title, pack.lang)
            else:  # pragma: no cover - no template links to a named place today
                pdf = renderer.pdf(renderer.bind(pack.title, pack.lang, documents))
            cache.put(keys[pack.key], pdf, sum(len(d.pages) for d in documents), 0)
    return len(leaflets)


# Each worker process sets this up once (its initializer) and lays out the batches it is
# given; it lives only in the worker processes, never in the process that builds the site.
_WORKER: dict = {}


def _start_worker(content, theme_dir: Path, cache_dir: Path, draft: bool, keys: dict) -> None:
    renderer = Renderer(content, theme_dir, draft)
    _WORKER.update(renderer=renderer, cache=LeafletCache(cache_dir, theme_dir, renderer.paper.name), keys=keys,
                   leaflets={l.key: l for l in catalogue.all_leaflets(content)})


def _work(batch: list[tuple]) -> int:
    """Lay out one batch of leaflets (by key) in a worker process."""
    leaflets = [_WORKER["leaflets"][key] for key in batch]
    return _lay_out(_WORKER["renderer"], _WORKER["cache"], leaflets, _WORKER["keys"])


def _batches(missing: list[Leaflet]) -> list[list[tuple]]:
    """Work for the worker processes, largest first so that the cores finish together.

    A desk pack binds pages laid out in the same process, so each language's leaflets other
    than referral slips stay together; referral slips (the bulk of a large directory) go in
    small batches that the pool hands to whichever core is free.
    """
    by_lang: dict[str, list[tuple]] = {}
    slips: list[tuple] = []
    for leaflet in missing:
        (slips if leaflet.kind == "referencia" else by_lang.setdefault(leaflet.lang, [])).append(leaflet.key)
    batches = sorted(by_lang.values(), key=len, reverse=True)
    return batches + [slips[i:i + SLIP_BATCH] for i in range(0, len(slips), SLIP_BATCH)]


def _start_method() -> str:
    """fork where it is safe: the workers start with the package imported and the content
    in memory, instead of importing the one and unpickling the other (spawn).
    Not safe once this process used WeasyPrint (Pango, fontconfig: `ventanilla serve` lays
    leaflets out between builds) or runs other threads."""
    safe = "weasyprint" not in sys.modules and threading.active_count() == 1
    return "fork" if safe and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _workers(jobs: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def build_all(content, theme_dir: Path, cache_dir: Path, findings=None, force: bool = False,
              draft: bool = False, parallel: bool = True, cached_only: bool = False,
              prune: bool = True) -> LeafletBuild:
    """Lay out (or take from the cache) every leaflet; `force` ignores the cache;
    `draft` marks every leaflet as a preview, as the pages are; `cached_only`: lay out
    none, leave out those not in the cache (listed in `pending`; `ventanilla serve`
    shows the pages first and lays them out after)."""
    started = time.perf_counter()
    theme_dir, cache_dir = Path(theme_dir).resolve(), Path(cache_dir).resolve()
    renderer = Renderer(content, theme_dir, draft)
    cache = LeafletCache(cache_dir, theme_dir, renderer.paper.name)
    leaflets = catalogue.all_leaflets(content)
    keys = _keys(renderer, cache, leaflets)
    entries = {l.key: (None if force else cache.get(keys[l.key])) for l in leaflets}
    missing = [l for l in leaflets if entries[l.key] is None]
    result = LeafletBuild(laid_out=len(missing))
    if cached_only:
        result.laid_out, result.pending = 0, missing
        result.built = [BuiltLeaflet(l, entries[l.key], True) for l in leaflets if entries[l.key] is not None]
        result.seconds = time.perf_counter() - started
        if findings is not None:
            report(result, findings)
        return result  # nothing pruned: the entries being laid out meanwhile must stay

    batches = _batches(missing)
    workers = _workers(len(batches)) if parallel and len(missing) >= PARALLEL_FROM else 1
    if workers > 1:
        context = multiprocessing.get_context(_start_method())
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                 initargs=(content, theme_dir, cache_dir, draft, keys)) as pool:
            list(pool.map(_work, batches))  # re-raises a worker's exception here
        result.workers = workers
    elif missing:
        _lay_out(renderer, cache, missing, keys)

    for leaflet in leaflets:
        entry = entries[leaflet.key] or cache.get(keys[leaflet.key])
        if entry is None:  # pragma: no cover - _lay_out always writes it
            raise RuntimeError(f"leaflet not built: {leaflet.key}")
        result.built.append(BuiltLeaflet(leaflet, entry, entries[leaflet.key] is not None))
    if prune:  # not while `ventanilla serve` may be copying entries of newer content
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
        try:  # the cache's files are never written into (cache.py): a link is a copy for free
            os.link(b.entry.pdf, destination)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(b.entry.pdf, destination)
        count += 1
    return count
