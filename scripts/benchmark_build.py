#!/usr/bin/env python3
"""Benchmark the build: prints numbers, asserts nothing.

For the bundled content and for synthetic directories of N services (default 500,
1000 and 2000, each in three languages, generated in a temporary folder and never
committed), it prints:
- `ventanilla build` wall time (median of --runs runs) cold (no build/ folder: every
  leaflet PDF laid out) and warm (leaflet cache of the previous run, content
  unchanged), and peak memory (largest RSS of the process tree);
- plain MkDocs + Material + i18n building the same generated Markdown (median), and
  the ratio of the warm build to it (both build the same pages; the cold build adds
  the PDFs, which plain MkDocs does not make);
- pages per language and first-visit bytes of one procedure page (HTML + CSS + JS
  it references, raw and gzip).

Usage: .venv/bin/python scripts/benchmark_build.py [--runs 3] [--sizes 500,1000,2000]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of a command and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss


def median_run(cmd, cwd, runs, clean: Path | None = None):
    """Median wall time and peak RSS of `runs` runs; `clean` is removed before each (a cold build)."""
    results = []
    for _ in range(runs):
        if clean is not None and clean.exists():
            shutil.rmtree(clean)
        results.append(timed(cmd, cwd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def make_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "content", folder / "content")
    return folder


def add_synthetic_services(project: Path, count: int) -> None:
    """`count` services spread over states and categories, texts in es/en/fr."""
    catalogs = yaml.safe_load((project / "content/catalogos.yml").read_text(encoding="utf-8"))
    states, categories = list(catalogs["entidades"]), list(catalogs["categorias"])
    folder = project / "content/servicios"
    (project / "content/organizaciones/sintetica.yml").write_text(
        "id: sintetica\nnombre: Organización sintética (benchmark)\ntipo: sociedad_civil\n"
        "fuentes: [{titulo: Datos sintéticos del benchmark, consultado: 2026-11-01}]\n", encoding="utf-8")
    for i in range(count):
        state, category = states[i % len(states)], categories[i % len(categories)]
        (folder / f"sintetico-{i:05d}.yml").write_text(f"""id: sintetico-{i:05d}
estatus: sin_verificar
nombre: {{es: Servicio sintético {i}, en: Synthetic service {i}, fr: Service synthétique {i}}}
organizacion: sintetica
descripcion:
  es: Servicio de prueba número {i} para medir la construcción. Atiende en {state}.
  en: Test service number {i} to measure the build. It helps in {state}.
  fr: Service de test numéro {i} pour mesurer la construction. Il aide à {state}.
categorias: [{category}]
poblaciones: [todas]
cobertura: {{entidades: [{state}]}}
costo: {{gratuito: true}}
telefonos: [{{numero: "+52 55 5387 2400"}}]
horario: [{{dias: [lun, mar, mie, jue, vie], abre: "09:00", cierra: "17:00"}}]
ubicaciones: [{{entidad: {state}, municipio: Municipio {i}, direccion: Calle sintética {i}}}]
fuentes: [{{titulo: Datos sintéticos del benchmark, consultado: 2026-11-01}}]
verificado_el: 2026-11-01
""", encoding="utf-8")


def first_visit_bytes(site: Path, page: Path) -> tuple[int, int, int]:
    """(raw, gzip, requests) for a page's HTML plus the CSS/JS files it references."""
    html = page.read_text(encoding="utf-8")
    files = [page]
    for ref in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', html):
        target = (page.parent / ref).resolve()
        if target.exists():
            files.append(target)
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return raw, gz, len(files)


def measure(label: str, project: Path, runs: int) -> None:
    venv_bin = Path(sys.executable).parent
    build = [str(venv_bin / "ventanilla"), "build", "-q"]
    # cold: no build/ folder, so every leaflet (PDF) is laid out; warm: the leaflet cache of the last run
    cold_s, cold_rss = median_run(build, project, runs, clean=project / "build")
    build_s, build_rss = median_run(build, project, runs)
    plain_s, plain_rss = median_run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml"], project, runs)
    pdfs = len(list((project / "site").rglob("*.pdf")))
    site = project / "site"
    pages = {lang: len(list((site / ("" if lang == "es" else lang)).rglob("index.html"))) for lang in ("es", "en", "fr")}
    pages["es"] -= pages["en"] + pages["fr"]
    procedure = next((site / "tramites").glob("*/index.html"))
    raw, gz, requests = first_visit_bytes(site, procedure)
    print(f"| {label} | {pages['es']}/{pages['en']}/{pages['fr']} | {pdfs} | {cold_s:.1f} s | {build_s:.2f} s "
          f"| {max(cold_rss, build_rss) / 1024:.0f} MiB | {plain_s:.2f} s | {build_s / plain_s:.2f}× "
          f"| {raw / 1024:.1f} KB / {gz / 1024:.1f} KB, {requests} req |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="500,1000,2000")
    args = parser.parse_args()
    print(f"Build benchmark, median of {args.runs} runs, {os.cpu_count()} CPU(s)\n")
    print("| content | pages es/en/fr | PDFs | cold build | warm build | peak RSS | plain MkDocs | warm ratio "
          "| procedure page first visit raw / gzip |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "bundled")
        measure("bundled", project, args.runs)
        for size in [int(s) for s in args.sizes.split(",") if s]:
            project = make_project(Path(tmp) / f"synthetic-{size}")
            add_synthetic_services(project, size)
            measure(f"+{size} services", project, args.runs)


if __name__ == "__main__":
    main()
