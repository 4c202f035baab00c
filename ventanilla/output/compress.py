"""Precompressed copies beside every text file: name.gz (gzip -9, no timestamp, so
builds are byte-identical) and name.br (brotli). Hosts that support it (nginx
gzip_static/brotli_static, many CDNs) serve them without compressing.

Brotli's best quality (11) costs about 15 ms per page; HTML uses quality 10 (1.8 %
larger, 2.5× faster) and the few long-cached assets quality 11. Results are cached
by content hash in the build folder (and linked from there, not copied), and misses
are compressed on all cores, so a rebuild only pays for the pages that changed. Copies
the build did not use are removed from the cache at its end, so it does not grow with
every edit.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt", ".example", ".ics", ".csv", ".geojson"}


def _quality(suffix: str) -> int:
    return 10 if suffix == ".html" else 11


def _compress(job: tuple[bytes, int]) -> tuple[bytes, bytes]:
    data, quality = job
    return gzip.compress(data, compresslevel=9, mtime=0), brotli.compress(data, quality=quality)


def _place(cached: Path, target: Path) -> None:
    """A hard link to the cached copy (no bytes read or written), or a copy where the
    cache is on another file system."""
    try:
        os.link(cached, target)
    except OSError:
        target.write_bytes(cached.read_bytes())


def write(site: Path, cache: Path | None = None, leave_out: frozenset[str] = frozenset()) -> int:
    """`leave_out`: top folders not compressed (written after this step in a full build)."""
    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in TEXT
             and p.relative_to(site).parts[0] not in leave_out]
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    pending, used = [], set()
    for path in files:
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest() + str(_quality(path.suffix))
        used.add(key)
        cached = (cache / f"{key}.gz", cache / f"{key}.br") if cache else None
        if cached and cached[0].exists() and cached[1].exists():
            _place(cached[0], path.parent / (path.name + ".gz"))
            _place(cached[1], path.parent / (path.name + ".br"))
        else:
            pending.append((path, data, cached))
    jobs = [(data, _quality(path.suffix)) for path, data, _ in pending]
    if len(jobs) > 20 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            results = list(pool.map(_compress, jobs, chunksize=16))
    else:
        results = [_compress(job) for job in jobs]
    for (path, _, cached), (gz, br) in zip(pending, results):
        (path.parent / (path.name + ".gz")).write_bytes(gz)
        (path.parent / (path.name + ".br")).write_bytes(br)
        if cached:
            cached[0].write_bytes(gz)
            cached[1].write_bytes(br)
    if cache:
        _prune(cache, used)
    return len(files)


def _prune(cache: Path, used: set[str]) -> None:
    """Remove the cached copies of contents this build no longer has."""
    for entry in cache.iterdir():
        if entry.suffix in (".gz", ".br") and entry.stem not in used:
            entry.unlink()
