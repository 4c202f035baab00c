#!/usr/bin/env python3
"""Page weight per page type: prints a table, asserts nothing.

Builds the bundled content with `ventanilla build`, then the same generated
Markdown with vanilla Material + mkdocs-static-i18n (no overrides, default fonts,
Material's search plugin on), and prints, per page type and language, what a first
visit downloads (HTML + CSS + scripts + manifest; for vanilla also Material's search
worker and index, which it fetches on every page load) raw / gzip / brotli, the
number of requests, and a repeat visit (the HTML alone, brotli).

Usage: .venv/bin/python scripts/benchmark_weight.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark_build  # noqa: E402

from ventanilla import pipeline  # noqa: E402
from ventanilla.output import weight  # noqa: E402

PAGE_TYPES = {
    "home": "{p}index.html",
    "procedure": "{p}tramites/asilo-comar/index.html",
    "desk": "{p}ventanillas/ventanilla-tapachula/index.html",
    "directory list": "{p}directorio/index.html",
    "urgent help": "{p}urgente/index.html",
    "service": "{p}directorio/emergencias-911/index.html",
}


def vanilla_site(project: Path, out: Path) -> Path:
    config = yaml.safe_load((project / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {"name": "material", "language": config["theme"]["language"]}
    # Material ships no partial for some languages (Kreyòl, "ht"): give vanilla only the
    # one-line partials the build generates for them (build/theme/partials/languages),
    # none of our overrides, or its build stops on "partials/languages/ht.html not found".
    generated = project / "build" / "theme" / "partials" / "languages"
    if generated.is_dir():
        partials = project / "build" / "vanilla-theme"
        shutil.rmtree(partials, ignore_errors=True)
        shutil.copytree(generated, partials / "partials" / "languages")
        config["theme"]["custom_dir"] = str(partials)
    config["plugins"] = [{"search": {}}] + [p for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    config["site_dir"] = str(out)
    path = project / "build" / "vanilla.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)], check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return out


def vanilla_extra(site: Path) -> tuple[weight.Sizes, int]:
    """Material's search worker and index, fetched by its bundle on every page load."""
    files = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    files.append(site / "search" / "search_index.json")
    total = weight.ZERO
    for f in files:
        total = total + weight.file_sizes(f)
    return total, len(files)


def row(label, lang, load, extra=weight.ZERO, extra_requests=0):
    t = load.total + extra
    external = f" + {len(load.external)} to other hosts" if load.external else ""
    print(f"| {label} | {lang} | {t.raw / 1024:.1f} / {t.gzip / 1024:.1f} / {t.brotli / 1024:.1f} KB "
          f"| {load.requests + extra_requests}{external} | {load.html.brotli / 1024:.1f} KB |")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = benchmark_build.make_project(Path(tmp) / "p")
        result = pipeline.build(pipeline.Project(project))
        if not result.built:
            sys.exit(result.mkdocs_error or "\n".join(f.format() for f in result.findings.errors))
        ours = project / "site"
        vanilla = vanilla_site(project, Path(tmp) / "vanilla")
        extra, extra_requests = vanilla_extra(vanilla)
        print("| page type | lang | first visit raw / gzip / brotli | requests | repeat visit (HTML, brotli) |")
        print("|---|---|---|---|---|")
        for label, pattern in PAGE_TYPES.items():
            for i, lang in enumerate(result.content.codes):
                rel = pattern.format(p="" if i == 0 else f"{lang}/")
                if not (ours / rel).exists():
                    continue
                row(f"{label} (Ventanilla)", lang, weight.page_load(ours, ours / rel))
                row(f"{label} (vanilla Material)", lang, weight.page_load(vanilla, vanilla / rel), extra, extra_requests)
        loads = [weight.page_load(ours, p) for p in weight.published_pages(ours)]
        totals = sorted(l.total.brotli for l in loads)
        print(f"\nVentanilla, all {len(loads)} pages: first visit brotli median {totals[len(totals) // 2] / 1024:.1f} KB, "
              f"max {totals[-1] / 1024:.1f} KB; max requests {max(l.requests for l in loads)}; "
              f"max HTML {max(l.html.brotli for l in loads) / 1024:.1f} KB brotli")


if __name__ == "__main__":
    main()
