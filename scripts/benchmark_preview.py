#!/usr/bin/env python3
"""Benchmark the preview: prints numbers, asserts nothing.

For the bundled content (and, with --services N, N synthetic services added, as in
benchmark_build.py), in a temporary copy of the project:
- first preview: from starting `ventanilla serve` with no build/ folder to the site being
  served (leaflets laid out afterwards, in the background), and to the leaflets being ready;
- save-to-reload: from saving one file to the served page showing the change, for a
  procedure text, a service's phone and an interface string (median of --runs saves,
  each edit then undone). It is what a tab open on the page waits: the server's long poll
  answers when the new site is in place (the tab then reloads), and the page is fetched.
Each save also gives the CPU seconds the serve process and the children it waited for
(MkDocs, worker pools) spent from the save to the reload, as wall-clock time is inflated
on a shared machine; the load average is printed at the start and the end.
--direct: the same saves rebuilt in this process, as `serve` does after a save
(pipeline.build with its incremental state, the last build's leaflets linked), without
the server and the leaflet layout: wall and CPU seconds of the rebuild up to the new site
being in place (what the reload waits for), and of the files written after it (service
worker, zip, compressed copies). Useful with --services 2000, whose first leaflet layout
takes a long time.
--before CODE_DIR: the same saves with another checkout's code (e.g. before this preview),
whose `serve` rebuilt with a full `ventanilla build`: the time of that build after each save
(the editor then reloaded by hand). Add --builds to also print benchmark_build.py's row (cold/warm `ventanilla build` and
plain MkDocs on the same pages) for the same content.

Usage: .venv/bin/python scripts/benchmark_preview.py [--runs 5] [--services 2000] [--builds] [--direct] [--no-bundled]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import benchmark_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# (label, file, page to watch, text in the file, replacement): each run swaps it back and forth
EDITS = [
    ("procedure text", "content/es/tramites/asilo-comar.md", "tramites/asilo-comar/",
     "resumen: Si temes volver a tu país", "resumen: Si tienes miedo de volver a tu país"),
    ("service phone", "content/servicios/casa-caridad-slp.yml", "directorio/casa-caridad-slp/", None, None),
    ("interface string", "content/es/interfaz.yml", "", "\ninicio_lead: \"Información gratuita",
     "\ninicio_lead: \"Información siempre gratuita"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`ventanilla serve` in a process of its own; its printed lines are collected."""

    def __init__(self, project: Path, port: int):
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1")
        self.port = port
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen([sys.executable, "-m", "ventanilla.cli", "serve", "-q", "--port", str(port)],
                                     cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, prefix: str, after: float = 0.0, timeout: float = 3600, without: str = "\0") -> float:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            for at, line in list(self.lines):
                if at >= after and line.startswith(prefix) and without not in line:
                    return at
            if self.proc.poll() is not None:
                sys.exit("serve stopped:\n" + "\n".join(l for _, l in self.lines[-30:]))
            time.sleep(0.05)
        sys.exit(f"timeout waiting for {prefix!r}")

    def get(self, path: str, timeout: float = 60) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=timeout) as response:
            return response.read()

    def cpu(self) -> float:
        """CPU seconds of the serve process and of the children it has waited for."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def version(self) -> int:
        return json.loads(self.get("__ventanilla/estado?v=x"))["version"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait()


def phone_edit(project: Path, file: str) -> tuple[str, str]:
    text = (project / file).read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if "numero:" in l)
    digits = line.rstrip().rstrip('"')
    return line, digits[:-1] + ("1" if digits[-1] != "1" else "2") + line.rstrip()[len(digits):]


def save_to_reload(serve: Serve, project: Path, edit, runs: int) -> tuple[float, float]:
    label, file, page, old, new = edit
    if old is None:
        old, new = phone_edit(project, file)
    path = project / file
    times, cpu = [], []
    for _run in range(runs):
        text = path.read_text(encoding="utf-8")
        before, after = (old, new) if old in text else (new, old)
        shown = serve.get(page)
        seen = serve.version()
        cpu_before = serve.cpu()
        started = time.perf_counter()
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
        # the tab's long poll: answers when the version changes
        while True:
            state = json.loads(serve.get(f"__ventanilla/estado?v={seen}"))
            if state["version"] != seen or state["errores"]:
                break
        body = serve.get(page)  # the reload
        elapsed = time.perf_counter() - started
        cpu.append(serve.cpu() - cpu_before)
        if state["errores"] or body == shown:
            sys.exit(f"{label}: the page does not show the change ({state['errores'][:300]})")
        times.append(elapsed)
        # the leaflets of the change, then the build that links them: before the next save
        serve.wait_for("Sitio actualizado", after=started + elapsed, without="se revisan aparte")
        time.sleep(0.5)
    return statistics.median(times), statistics.median(cpu)


def direct(label: str, project: Path, runs: int) -> None:
    """--direct: the rebuild after each save in this process (see the module's docstring)."""
    import resource
    import threading

    from ventanilla import pipeline
    from ventanilla.generator.incremental import Incremental
    from ventanilla.pages.generate import PagePool

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    # as in `serve`, a thread runs beside the builds (its web server): the pages are generated in this process
    threading.Thread(target=time.sleep, args=(10**6,), daemon=True).start()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    state = Incremental(project / "build")
    state.page_pool = PagePool(project / "build" / pipeline.QR_CODES)  # as `serve` does
    build = pipeline.Project(project)
    started = time.perf_counter()
    first = pipeline.build(build, incremental=state, leaflets_later=True)
    if not first.built:
        sys.exit(f"{label}: the first build failed: {first.mkdocs_error or first.findings.sorted()[:5]}")
    settle = getattr(state, "settle", lambda: None)  # (code before the files written after the swap: none)
    settle()
    cells = [f"{time.perf_counter() - started:.1f} s"]
    for edit_label, file, page, old, new in EDITS:
        if old is None:
            old, new = phone_edit(project, file)
        path, walls, cpus, later_walls, later_cpus = project / file, [], [], [], []
        for _run in range(runs):
            text = path.read_text(encoding="utf-8")
            before_text, after_text = (old, new) if old in text else (new, old)
            shown = (project / "site" / page / "index.html").read_bytes()
            cpu_before, started = cpu(), time.perf_counter()
            path.write_text(text.replace(before_text, after_text, 1), encoding="utf-8")
            result = pipeline.build(build, incremental=state, leaflets_from=first.leaflets)
            walls.append(time.perf_counter() - started)
            cpus.append(cpu() - cpu_before)
            if not result.built or (project / "site" / page / "index.html").read_bytes() == shown:
                sys.exit(f"{label}, {edit_label}: the page does not show the change")
            cpu_before, started = cpu(), time.perf_counter()
            settle()
            later_walls.append(time.perf_counter() - started)
            later_cpus.append(cpu() - cpu_before)
        cells.append(f"{statistics.median(walls):.2f} s / {statistics.median(cpus):.2f} s "
                     f"(+{statistics.median(later_walls):.2f} / {statistics.median(later_cpus):.2f} s)")
    print(f"| {label}, direct | " + " | ".join(cells) + " |", flush=True)


def before(code: Path, project: Path, runs: int) -> list[float]:
    """The old serve's rebuild: a full `ventanilla build` with `code` after each save."""
    env = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1")
    build = [sys.executable, "-m", "ventanilla.cli", "build", "-q"]
    subprocess.run(build, cwd=project, env=env, check=True, capture_output=True)  # warm: leaflet cache
    results = []
    for _label, file, _, old, new in EDITS:
        if old is None:
            old, new = phone_edit(project, file)
        path, times = project / file, []
        for _ in range(runs):
            text = path.read_text(encoding="utf-8")
            a, b = (old, new) if old in text else (new, old)
            started = time.perf_counter()
            path.write_text(text.replace(a, b, 1), encoding="utf-8")
            subprocess.run(build, cwd=project, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        results.append(statistics.median(times))
    return results


def measure(label: str, project: Path, runs: int, wait_leaflets: bool = True, leaflet_cache: Path | None = None) -> None:
    """`wait_leaflets`: save only once the first leaflets are laid out (otherwise the saves
    share the cores with that layout: minutes at 2,000 services). `leaflet_cache`: a build's
    build/leaflets/ copied in first (as on an editor's second `serve`): only what it lacks is laid out."""
    if leaflet_cache is not None:
        shutil.copytree(leaflet_cache, project / "build" / "leaflets", dirs_exist_ok=True)
    serve = Serve(project, free_port())
    try:
        started = time.perf_counter()
        served = serve.wait_for("Sirviendo en") - started
        ready = "not waited"
        # a leaflet process starts only when the cache lacks some PDFs (the first build says
        # "N folletos PDF se preparan aparte"); with a complete cache there is nothing to wait for
        first = next(line for _, line in serve.lines if line.startswith("Sitio actualizado"))
        if wait_leaflets and "se preparan aparte" in first:
            done = serve.wait_for("Folletos PDF listos", timeout=3600)
            serve.wait_for("Sitio actualizado", after=done)  # the rebuild with their links
            ready = f"{done - started:.1f} s"
        elif wait_leaflets:
            ready = "all in the cache"
        results = [f"{wall:.2f} s / {cpu:.2f} s" for wall, cpu in
                   (save_to_reload(serve, project, edit, runs) for edit in EDITS)]
    finally:
        serve.stop()
    print(f"| {label} | {served:.1f} s | {ready} | " + " | ".join(results) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--services", type=int, default=0, help="also measure with N synthetic services")
    parser.add_argument("--no-leaflet-wait", action="store_true",
                        help="save while the first leaflets are still being laid out")
    parser.add_argument("--direct", action="store_true",
                        help="rebuild after each save in this process (no server, no leaflet layout)")
    parser.add_argument("--bundled", action=argparse.BooleanOptionalAction, default=True,
                        help="measure the bundled content (--no-bundled: only the synthetic services)")
    parser.add_argument("--leaflet-cache", type=Path,
                        help="copy this build/leaflets/ folder into each project first (a warm leaflet cache)")
    parser.add_argument("--before", type=Path, help="also time the saves with this checkout's code (full rebuilds)")
    parser.add_argument("--builds", action="store_true", help="also run benchmark_build.py's measurement")
    args = parser.parse_args()
    print(f"Preview benchmark, median of {args.runs} saves, {os.cpu_count()} CPU(s), "
          f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}\n")
    if args.direct:
        print("Rebuild after a save in this process: wall / CPU seconds until the new site is in place "
              "(+ wall / CPU of the files written after it)\n")
        print("| content | first build | " + " | ".join(e[0] for e in EDITS) + " |")
        print("|---|---|" + "---|" * len(EDITS))
    else:
        print("Save to reload: wall / CPU seconds (serve and the children it waited for)\n")
        print("| content | serve: first pages | serve: leaflets ready | " + " | ".join(e[0] for e in EDITS) + " |")
        print("|---|---|---|" + "---|" * len(EDITS))
    with tempfile.TemporaryDirectory() as tmp:
        projects = [("bundled", benchmark_build.make_project(Path(tmp) / "bundled"))] if args.bundled else []
        if args.services:
            project = benchmark_build.make_project(Path(tmp) / f"synthetic-{args.services}")
            benchmark_build.add_synthetic_services(project, args.services)
            projects.append((f"+{args.services} services", project))
        for label, project in projects:
            if args.direct:
                direct(label, project, args.runs)
            else:
                measure(label, project, args.runs, wait_leaflets=not args.no_leaflet_wait,
                        leaflet_cache=args.leaflet_cache)
        if args.before:
            for label, project in projects:
                shutil.rmtree(project / "build", ignore_errors=True)
                times = before(args.before.resolve(), project, args.runs)
                print(f"| {label}, before ({args.before.name}: full rebuild) | | | "
                      + " | ".join(f"{t:.2f} s" for t in times) + " |", flush=True)
        if args.builds:
            print("\n| content | pages es/en/fr | PDFs | cold build | warm build | peak RSS | plain MkDocs | warm ratio "
                  "| procedure page first visit raw / gzip |")
            print("|---|---|---|---|---|---|---|---|---|")
            for label, project in projects:
                benchmark_build.measure(label, project, args.runs, args.runs)
    print(f"\nLoad average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
