"""`ventanilla serve`: build, serve site/ on localhost, rebuild when sources change.

Polls modification times once a second (no extra dependency); a build with errors
keeps serving the last good site and prints what to fix.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time

from .. import pipeline


def _snapshot(project: pipeline.Project) -> dict:
    watched = [project.content, project.root / "overrides", project.root / "mkdocs.yml"]
    stamps = {}
    for path in watched:
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        for file in files:
            stamps[file] = file.stat().st_mtime_ns
    return stamps


def _build(project) -> None:
    from .common import print_findings as _print_findings
    result = pipeline.build(project)
    _print_findings(result, quiet=True)
    if result.built:
        print(f"Sitio actualizado ({sum(result.timings.values()):.1f} s).", flush=True)
    elif result.mkdocs_error:
        print("MkDocs falló:\n" + result.mkdocs_error, flush=True)
    else:
        print("Hay errores: se sigue mostrando la versión anterior.", flush=True)


def serve(project: pipeline.Project, port: int, host: str) -> int:
    _build(project)
    project.site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Sirviendo en http://{host}:{port}/ (Ctrl+C para salir)", flush=True)
    seen = _snapshot(project)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(project)
            if now != seen:
                seen = now
                print("Cambios detectados, reconstruyendo…", flush=True)
                _build(project)
    except KeyboardInterrupt:
        server.shutdown()
        return 0
