#!/usr/bin/env python3
"""Benchmark the printable leaflets: prints numbers, asserts nothing.

For the bundled content (or --content DIR), in a temporary cache folder:
- cold: every leaflet laid out (worker processes, one language each, as many at once
  as there are cores); with --serial also in one process;
- cached: nothing changed (median of --runs runs);
- one edit: one procedure's Spanish summary changed, as `ventanilla serve` sees it;
- count, pages (min-max) and size (total, largest) per kind; peak memory.
Wall times suffer from anything else running on the machine; CPU seconds less so.

Usage: .venv/bin/python scripts/benchmark_leaflets.py [--runs 3] [--serial] [--content DIR]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ventanilla import content as content_model  # noqa: E402
from ventanilla.findings import Findings  # noqa: E402
from ventanilla.leaflets import build_all  # noqa: E402


def load(folder: Path):
    findings = Findings(ROOT)
    content = content_model.load(folder, findings)
    if content is None or findings.errors:
        sys.exit("the content has errors: run `ventanilla check`")
    return content


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the layout workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(content, cache: Path, **options):
    started, cpu = time.perf_counter(), cpu_seconds()
    result = build_all(content, ROOT / "overrides" / "leaflets", cache, **options)
    result.cpu = cpu_seconds() - cpu
    return time.perf_counter() - started, result


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of the cached build (median)")
    parser.add_argument("--serial", action="store_true", help="also time a cold build in one process")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    content = load(args.content)

    with tempfile.TemporaryDirectory(prefix="vn-leaflets-") as tmp:
        cache = Path(tmp) / "cache"
        cold, result = timed(content, cache)
        print(f"content: {args.content}  languages: {', '.join(content.codes)}  leaflets: {len(result.built)}")
        print(f"cold build:          {cold:6.1f} s  ({result.laid_out} laid out, {result.workers or 1} process(es), "
              f"{result.cpu:.0f} s CPU)")
        if args.serial:
            serial, alone = timed(content, Path(tmp) / "serial", parallel=False)
            print(f"cold build, serial:  {serial:6.1f} s  ({alone.cpu:.0f} s CPU)")
        cached = []
        for _ in range(args.runs):
            seconds, again = timed(content, cache)
            cached.append(seconds)
            assert again.laid_out == 0
        print(f"cached build:        {statistics.median(cached):6.2f} s  (median of {args.runs}, 0 laid out)")

        procedure = sorted(content.pages["tramite"])[0]
        data = content.pages["tramite"][procedure].docs[content.source_lang].data
        data["resumen"] = data["resumen"] + " (editado)"
        edit, edited = timed(content, cache)
        print(f"after one edit:      {edit:6.2f} s  ({edited.laid_out} laid out: the {procedure} procedure "
              f"({content.source_lang}) and the desk packs that hold it)")

    by_kind = defaultdict(list)
    for built in result.built:
        by_kind[built.leaflet.kind].append(built)
    print()
    print(f"{'kind':<12}{'count':>6}{'pages':>8}{'total':>12}{'largest':>12}  largest file")
    for kind in ("tramite", "riesgo", "ventanilla", "referencia", "paquete"):
        items = by_kind.get(kind, [])
        if not items:
            continue
        pages = [b.pages for b in items]
        largest = max(items, key=lambda b: b.size)
        print(f"{kind:<12}{len(items):>6}{f'{min(pages)}-{max(pages)}':>8}{kb(sum(b.size for b in items)):>12}"
              f"{kb(largest.size):>12}  {largest.leaflet.lang}/{largest.leaflet.file}")
    single = [b for b in result.built if b.leaflet.kind != "paquete"]
    print(f"{'all':<12}{len(result.built):>6}{'':>8}{kb(result.total_size):>12}")
    print(f"largest leaflet (desk packs excepted): {kb(max(b.size for b in single))}")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak memory of one process: {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
