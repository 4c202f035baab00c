#!/usr/bin/env python3
"""Does forking one MkDocs process per language pay? Prints numbers, asserts nothing.

generator/mkdocs_languages.py builds the languages in parallel processes (os.fork) only
from FORK_FROM_PAGES pages a language; below that, mkdocs-static-i18n's own loop builds
them one after the other. This script measures both ways on the same content: warm
`pipeline.build` (leaflets cached, content unchanged), median of --runs, for the bundled
content and synthetic directories of N services (scripts/benchmark_build.py's generator),
with the threshold set to 0 (always fork) and to infinity (never fork).

Usage: .venv/bin/python scripts/benchmark_fork.py [--runs 3] [--sizes 0,1000,2000]
(size 0 is the bundled content)
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import benchmark_build  # noqa: E402

from ventanilla import pipeline  # noqa: E402
from ventanilla.generator import mkdocs_languages  # noqa: E402

NEVER = 10**9


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(project: Path, threshold: int) -> tuple[float, float]:
    mkdocs_languages.FORK_FROM_PAGES = threshold
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = pipeline.build(pipeline.Project(project))
    if not result.built:
        sys.exit("the build failed: " + "\n".join(f.format() for f in result.findings.errors))
    return time.perf_counter() - wall, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="0,1000,2000")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load at start: {os.getloadavg()[0]:.1f}")
    print("| content | pages a language | never fork (s, wall / cpu) | always fork (s, wall / cpu) | ratio fork / no fork |")
    print("|---|---|---|---|---|")
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            project = benchmark_build.make_project(Path(tmp) / "p")
            if size:
                benchmark_build.add_synthetic_services(project, size)
            timed_build(project, NEVER)  # cold: lays out the leaflets once
            pages = sum(1 for _ in (project / "build" / "docs" / "es").rglob("*.md"))
            times = {NEVER: [], 0: []}
            for _ in range(args.runs):  # alternate, so that load changes hit both alike
                for threshold in (NEVER, 0):
                    times[threshold].append(timed_build(project, threshold))
            never = [statistics.median(x) for x in zip(*times[NEVER])]
            fork = [statistics.median(x) for x in zip(*times[0])]
            label = "bundled" if not size else f"bundled + {size} services"
            print(f"| {label} | {pages} | {never[0]:.1f} / {never[1]:.1f} | {fork[0]:.1f} / {fork[1]:.1f} "
                  f"| {fork[0] / never[0]:.2f} |", flush=True)
    print(f"load at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
