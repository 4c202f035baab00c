#!/usr/bin/env python3
"""Benchmark the build: prints numbers, asserts nothing.

For the bundled content and for synthetic directories of N services (default 500,
1000 and 2000, each in three languages, generated in a temporary folder and never
committed), it prints:
- `ventanilla build` wall and CPU time (median of --runs runs) cold (no build/ folder:
  every leaflet PDF laid out) and warm (leaflet cache of the previous run, content
  unchanged), the load average (the machine may be busy with other work), peak memory
  (largest RSS of the process tree), and the number and total size of the PDFs;
- plain MkDocs + Material + i18n building the same generated Markdown (median), and
  the ratio of the warm build to it (both build the same pages; the cold build adds
  the PDFs, which plain MkDocs does not make);
- pages per language and first-visit bytes of the asylum procedure page (HTML and what
  it makes the browser fetch: CSS, JS, manifest; raw and gzip).

Usage: .venv/bin/python scripts/benchmark_build.py [--runs 3] [--cold-runs N] [--sizes 500,1000,2000] [--no-bundled]
(--cold-runs: runs of the cold build, --runs by default; a cold build of +2,000 services
lays out some 6,000 PDFs, minutes each run)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ventanilla.output import weight  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# the code beside this script, whatever the venv has installed
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and every process it started
    rss: int  # peak RSS (KiB) of the largest process
    load: float  # 1-minute load average when it ended (other work on the machine)
    printed: str


def timed(cmd: list[str], cwd: Path) -> Run:
    """Wall and CPU seconds, peak RSS of a command and its children, and what it printed."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{text[-2000:]}")
    # wait4's usage covers the command and the children it waited for (leaflet workers)
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.getloadavg()[0], text)


@dataclass
class Median:
    wall: float
    cpu: float
    rss: int
    load: float
    printed: str  # the last run's output

    def cell(self) -> str:
        return f"{self.wall:.1f} s ({self.cpu:.0f} s CPU, load {self.load:.1f})"


def median_run(cmd, cwd, runs, clean: Path | None = None) -> Median:
    """Medians of `runs` runs (peak RSS: the largest); `clean` is removed before each (a cold build)."""
    results = []
    for _ in range(runs):
        if clean is not None and clean.exists():
            shutil.rmtree(clean)
        results.append(timed(cmd, cwd))
    return Median(statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results),
                  max(r.rss for r in results), statistics.median(r.load for r in results), results[-1].printed)


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
    """(raw, gzip, requests) of a page's HTML plus what it makes the browser fetch at load
    (output/weight.py, the measurement the budget tests use)."""
    load = weight.page_load(site, page)
    return load.total.raw, load.total.gzip, load.requests


def measure(label: str, project: Path, runs: int, cold_runs: int) -> str:
    """Print one row of the table; return the stage times of the last warm build."""
    build = [sys.executable, "-m", "ventanilla.cli", "build", "-q"]
    # cold: no build/ folder, so every leaflet (PDF) is laid out; warm: the leaflet cache of the last run
    cold = median_run(build, project, cold_runs, clean=project / "build")
    warm = median_run(build, project, runs)
    stages = re.search(r"\d+\.\d s: ([^)]*)\)", warm.printed)  # the build prints seconds per stage
    cold_stages = re.search(r"\d+\.\d s: ([^)]*)\)", cold.printed)
    # measured on ventanilla's site, before plain MkDocs writes its own into site/
    site = project / "site"
    pdfs = len(list(site.rglob("*.pdf")))
    pages = {lang: len(list((site / ("" if lang == "es" else lang)).rglob("index.html"))) for lang in ("es", "en", "fr")}
    pages["es"] -= pages["en"] + pages["fr"]
    raw, gz, requests = first_visit_bytes(site, site / "tramites" / "asilo-comar" / "index.html")
    pdf_bytes = sum(path.stat().st_size for path in site.rglob("*.pdf"))
    plain = median_run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml"], project, runs)
    print(f"| {label} | {pages['es']}/{pages['en']}/{pages['fr']} | {pdfs} ({pdf_bytes / 2**20:.1f} MiB) "
          f"| {cold.cell()} | {warm.cell()} | {max(cold.rss, warm.rss) / 1024:.0f} MiB | {plain.cell()} "
          f"| {warm.wall / plain.wall:.2f}× | {raw / 1024:.1f} KB / {gz / 1024:.1f} KB, {requests} req |", flush=True)
    return (f"{label}, cold: {cold_stages.group(1) if cold_stages else '?'}; "
            f"warm: {stages.group(1) if stages else '?'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=None)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--no-bundled", action="store_true", help="only the synthetic directories")
    args = parser.parse_args()
    cold_runs = args.cold_runs or args.runs
    print(f"Build benchmark, median of {args.runs} runs (cold: {cold_runs}), {os.cpu_count()} CPU(s), "
          f"load at start {os.getloadavg()[0]:.1f}\n")
    print("Times: wall (CPU = user + system of every process; load = 1-minute load average at the end).\n")
    print("| content | pages es/en/fr | PDFs | cold build | warm build | peak RSS | plain MkDocs | warm ratio "
          "| procedure page first visit raw / gzip |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        stages = []
        if not args.no_bundled:
            stages.append(measure("bundled", make_project(Path(tmp) / "bundled"), args.runs, cold_runs))
        for size in [int(s) for s in args.sizes.split(",") if s]:
            project = make_project(Path(tmp) / f"synthetic-{size}")
            add_synthetic_services(project, size)
            stages.append(measure(f"+{size} services", project, args.runs, cold_runs))
    print("\nStages of the last cold and warm builds (seconds):")
    for line in stages:
        print(f"- {line}")


if __name__ == "__main__":
    main()
