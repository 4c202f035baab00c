#!/usr/bin/env python3
"""Benchmark search: prints numbers, asserts nothing.

For the bundled content and a synthetic directory of N extra services (default
2000; generated in a temporary folder, never committed), per language:
- index size raw / gzip / brotli;
- bytes a first search downloads (search.js + lunr.min.js + index), brotli;
- questions of tests/search_questions.yml with their page in the top 3 (lunr.py through
  ventanilla/search/query.py, which search.js mirrors; bundled content only);
- in headless Chromium (Debian's chromium via Playwright): time to fetch and load
  the index, and median time from a query to rendered results once loaded.

Usage: .venv/bin/python scripts/benchmark_search.py [--sizes 2000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark_build  # noqa: E402  (shared project helpers)

from ventanilla import pipeline  # noqa: E402
from ventanilla.search import compact, query  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "search_questions.yml"

QUERIES = {"es": ["asilo", "tramite", "trabajo", "tapachula", "trata de persomas"],
           "en": ["asylum", "work", "trafficking", "tijuana", "procedure"],
           "fr": ["asile", "travail", "traite", "tijuana", "demarches"]}


def sizes(data: bytes) -> tuple[int, int, int]:
    return len(data), len(gzip.compress(data, 9)), len(brotli.compress(data, quality=11))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser_times(site: Path, langs: list[str]) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for i, lang in enumerate(langs):
            page = browser.new_page()
            page.goto(base + ("" if i == 0 else lang + "/") + "buscar/")
            load_ms = page.evaluate("""() => { const t = performance.now();
                return window.vnSearch('x').then(() => performance.now() - t); }""")
            # the promise above may have been started by the page itself; time a fresh load too
            fresh = page.evaluate("""() => { const f = document.querySelector('form.vn-search'); const t = performance.now();
                return fetch(f.dataset.index, {cache: 'no-store'}).then(r => r.json())
                  .then(d => { lunr.Index.load(window.vnExpand(d.index)); return performance.now() - t; }); }""")
            query_ms = []
            for q in QUERIES.get(lang, ["a"]) * 4:
                query_ms.append(page.evaluate("""q => { const input = document.querySelector('#vn-q');
                    const t = performance.now(); input.value = q; input.dispatchEvent(new Event('input'));
                    return new Promise(r => requestAnimationFrame(() => r(performance.now() - t))); }""", q))
            out[lang] = (max(load_ms, fresh), statistics.median(query_ms))
            page.close()
        browser.close()
    httpd.shutdown()
    return out


def hit_rate(index_file: bytes, lang: str) -> str:
    """Questions of tests/search_questions.yml whose page is in the top 3, as "n/N"."""
    import json

    import yaml
    from lunr.index import Index
    asked = (yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")) or {}).get(lang) or {}
    if not asked:
        return "–"
    data = json.loads(index_file)
    index = Index.load(compact.unpack(data["index"]))
    hits = 0
    for question, expected in asked.items():
        expected = expected if isinstance(expected, list) else [expected]
        top = [r["url"].split("#")[0] for r in query.search(index, data, question)[:3]]
        hits += bool(set(expected) & set(top))
    return f"{hits}/{len(asked)} ({hits / len(asked):.0%})"


def report(label: str, project: Path) -> None:
    result = pipeline.build(pipeline.Project(project))
    if not result.built:
        sys.exit(result.mkdocs_error or "\n".join(f.format() for f in result.findings.errors))
    site = project / "site"
    # fingerprinted names (search.<hash>.js), beside their .gz and .br copies
    script = next((site / "assets").glob("search.*.js")).read_bytes()
    lunr_js = next((site / "assets" / "vendor" / "lunr-2.3.9").glob("lunr.min.*.js")).read_bytes()
    times = browser_times(site, result.content.codes)
    for lang in result.content.codes:
        index = next((site / "search").glob(f"{lang}.*.json")).read_bytes()
        raw, gz, br = sizes(index)
        first = sizes(script)[2] + sizes(lunr_js)[2] + br
        load_ms, query_ms = times[lang]
        rate = hit_rate(index, lang) if label == "bundled" else "–"
        print(f"| {label} | {lang} | {raw / 1024:.1f} / {gz / 1024:.1f} / {br / 1024:.1f} KB | {first / 1024:.1f} KB "
              f"| {load_ms:.0f} ms | {query_ms:.1f} ms | {rate} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000")
    args = parser.parse_args()
    print("| content | lang | index raw / gzip / brotli | first search (script + lunr + index, brotli) "
          "| load index | query to results (median) | questions, page in top 3 |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        report("bundled", benchmark_build.make_project(Path(tmp) / "bundled"))
        for size in [int(s) for s in args.sizes.split(",") if s]:
            project = benchmark_build.make_project(Path(tmp) / f"s{size}")
            benchmark_build.add_synthetic_services(project, size)
            report(f"+{size} services", project)


if __name__ == "__main__":
    main()
