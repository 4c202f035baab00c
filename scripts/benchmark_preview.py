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
--before CODE_DIR: the same saves with another checkout's code (e.g. before this preview),
whose `serve` rebuilt with a full `ventanilla build`: the time of that build after each save
(the editor then reloaded by hand). Add --builds to also print benchmark_build.py's row (cold/warm `ventanilla build` and
plain MkDocs on the same pages) for the same content.

Usage: .venv/bin/python scripts/benchmark_preview.py [--runs 5] [--services 2000] [--builds]
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


def save_to_reload(serve: Serve, project: Path, edit, runs: int) -> float:
    label, file, page, old, new = edit
    if old is None:
        old, new = phone_edit(project, file)
    path = project / file
    times = []
    for _run in range(runs):
        text = path.read_text(encoding="utf-8")
        before, after = (old, new) if old in text else (new, old)
        shown = serve.get(page)
        seen = serve.version()
        started = time.perf_counter()
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
        # the tab's long poll: answers when the version changes
        while True:
            state = json.loads(serve.get(f"__ventanilla/estado?v={seen}"))
            if state["version"] != seen or state["errores"]:
                break
        body = serve.get(page)  # the reload
        elapsed = time.perf_counter() - started
        if state["errores"] or body == shown:
            sys.exit(f"{label}: the page does not show the change ({state['errores'][:300]})")
        times.append(elapsed)
        # the leaflets of the change, then the build that links them: before the next save
        serve.wait_for("Sitio actualizado", after=started + elapsed, without="se revisan aparte")
        time.sleep(0.5)
    return statistics.median(times)


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


def measure(label: str, project: Path, runs: int, wait_leaflets: bool = True) -> None:
    """`wait_leaflets`: save only once the first leaflets are laid out (otherwise the saves
    share the cores with that layout: minutes at 2,000 services)."""
    serve = Serve(project, free_port())
    try:
        started = time.perf_counter()
        served = serve.wait_for("Sirviendo en") - started
        ready = "not waited"
        if wait_leaflets:
            done = serve.wait_for("Folletos PDF listos", timeout=3600)
            serve.wait_for("Sitio actualizado", after=done)  # the rebuild with their links
            ready = f"{done - started:.1f} s"
        results = [f"{save_to_reload(serve, project, edit, runs):.2f} s" for edit in EDITS]
    finally:
        serve.stop()
    print(f"| {label} | {served:.1f} s | {ready} | " + " | ".join(results) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--services", type=int, default=0, help="also measure with N synthetic services")
    parser.add_argument("--no-leaflet-wait", action="store_true",
                        help="save while the first leaflets are still being laid out")
    parser.add_argument("--before", type=Path, help="also time the saves with this checkout's code (full rebuilds)")
    parser.add_argument("--builds", action="store_true", help="also run benchmark_build.py's measurement")
    args = parser.parse_args()
    print(f"Preview benchmark, median of {args.runs} saves, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| content | serve: first pages | serve: leaflets ready | " + " | ".join(e[0] for e in EDITS) + " |")
    print("|---|---|---|" + "---|" * len(EDITS))
    with tempfile.TemporaryDirectory() as tmp:
        projects = [("bundled", benchmark_build.make_project(Path(tmp) / "bundled"))]
        if args.services:
            project = benchmark_build.make_project(Path(tmp) / f"synthetic-{args.services}")
            benchmark_build.add_synthetic_services(project, args.services)
            projects.append((f"+{args.services} services", project))
        for label, project in projects:
            measure(label, project, args.runs, wait_leaflets=not args.no_leaflet_wait)
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
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
