"""`ventanilla serve`: build, serve site/ on localhost, rebuild when sources change, and
reload the open browser tabs.

- Rebuilds are incremental (incremental.py): the serve process keeps the content files it
  read, MkDocs' output, the finished pages and the worker processes that write the
  languages' pages between builds and redoes only what changed;
  the result is the same, byte for byte, as a full `ventanilla build`. The tabs reload as
  soon as the new site is in place; the service worker, the offline zip and the compressed
  copies (which no page shown here uses) are written just after, before the next build.
- Leaflets leave the critical path: after a save the pages are rebuilt first, linking the
  leaflets of the last build; another process then lays out the leaflets that changed and
  the site is rebuilt with the right links (a second reload, seconds later). The first build
  takes the PDFs the cache already has; asking for one not laid out yet gets a page that says
  it is being prepared (and reloads itself when it is ready).
- Live reload: every HTML page the server sends (never the files in site/) gets a small
  script that waits on /__ventanilla/estado and reloads the page after each new build.
  A build with errors keeps the last good site, prints the errors in the terminal and
  shows them over the page in the browser.
Sources are polled (no extra dependency) five times a second. Ctrl+C, closing the terminal
(SIGHUP) and `kill` (SIGTERM) stop it cleanly; its worker processes also leave by themselves
within seconds if it is killed outright.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from .. import pipeline
from ..generator.incremental import Incremental
from ..pages.generate import PagePool

STATE = "/__ventanilla/estado"  # long poll: answers when the build version changes
SCRIPT = "/__ventanilla/recarga.js"
POLL = 0.2  # seconds between looks at the sources
WAIT = 25  # seconds a long poll is held open
TAG = f'<script src="{SCRIPT}"></script>'.encode()

RELOAD_JS = """(function () {
  var version = null;
  function overlay(text) {
    var box = document.getElementById("ventanilla-errores");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "ventanilla-errores";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,0,0,.92);" +
        "color:#fff;font:14px/1.5 monospace;padding:1.5em;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Hay errores en el contenido: se sigue mostrando la última versión buena.\\n" +
      "Corrígelos y guarda; esta página se recargará sola.\\n\\n" + text;
  }
  function ask() {
    fetch("__STATE__?v=" + (version === null ? "" : version), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version) { location.reload(); return; }
        version = state.version;
        overlay(state.errores);
        ask();
      })
      .catch(function () { setTimeout(ask, 1000); });  /* the server restarts */
  }
  ask();
})();
""".replace("__STATE__", STATE)

PREPARING = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Folleto en preparación</title></head>
<body><p>Este folleto (PDF) se está preparando. La página se recargará sola cuando esté listo.</p></body></html>"""


class LiveState:
    """What the browser tabs wait on: a version that grows with each new site, the errors of
    the last build (empty when it built) and the PDFs still being laid out."""

    def __init__(self):
        self.version = 0
        self.errors = ""
        self.pending: set[str] = set()  # site paths of PDFs not laid out yet
        self.changed = threading.Condition()

    def publish(self, errors: str = "", built: bool = True, pending: set[str] | None = None) -> None:
        with self.changed:
            if built:
                self.version += 1
                self.pending = pending or set()
            self.errors = errors
            self.changed.notify_all()

    def wait(self, seen: str) -> dict:
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != seen or self.errors, timeout=WAIT)
            return {"version": self.version, "errores": self.errors}


class Handler(http.server.SimpleHTTPRequestHandler):
    """site/ as it is, plus the live reload script in every HTML page sent."""

    state: LiveState

    def log_message(self, *args) -> None:  # quiet: the terminal is for the build's messages
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == STATE:
            seen = parse_qs(url.query).get("v", [""])[0]
            self._send(json.dumps(self.state.wait(seen)).encode(), "application/json")
        elif url.path == SCRIPT:
            self._send(RELOAD_JS.encode(), "text/javascript")
        else:
            target = Path(self.translate_path(url.path))
            if target.is_dir() and url.path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                self._send(inject(target.read_bytes()), "text/html; charset=utf-8")
            elif not target.exists() and unquote(url.path).lstrip("/") in self.state.pending:
                self._send(inject(PREPARING.encode()), "text/html; charset=utf-8", status=503)
            else:
                super().do_GET()

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def inject(page: bytes) -> bytes:
    """The live reload script before </body> (or at the end)."""
    at = page.rfind(b"</body>")
    return page + TAG if at < 0 else page[:at] + TAG + page[at:]


def _snapshot(project: pipeline.Project) -> dict:
    watched = [project.content, project.root / "overrides", project.root / "mkdocs.yml"]
    stamps = {}
    for path in watched:
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        for file in files:
            try:
                stamps[file] = (file.stat().st_mtime_ns, file.stat().st_size)
            except OSError:  # deleted meanwhile: seen on the next look
                pass
    return stamps


class Previewer:
    """The build side of serve: incremental builds, and the leaflets laid out by another
    process while the pages are already shown."""

    def __init__(self, project: pipeline.Project, state: LiveState):
        self.project, self.state = project, state
        self.incremental = Incremental(project.work)
        self.incremental.page_pool = PagePool(project.work / pipeline.QR_CODES)
        self.leaflets: subprocess.Popen | None = None
        self.failed_leaflets = False  # the last layout failed: not retried until the content changes
        self.linked = None  # leaflets.LeafletBuild: those of the last build that looked them up
        self.behind = False  # the site may link leaflets of an older content: a leaflet pass is due
        self.handed = project.work / "folletos-serve.pickle"  # what the leaflet process hands back
        self.leaflets_seen: dict = {}

    def build(self, changed: bool = True) -> pipeline.Result:
        """After a save (`changed`), the pages link the leaflets of the last build: working out
        which leaflets a change touches means rendering all of their HTML, seconds on a large
        directory. Another process then lays out what changed, and the build that follows
        (`changed=False`) links exactly the leaflets of the content, as a full build does."""
        from .common import STAGE_NAMES
        from .common import print_findings as _print_findings
        if changed:
            self.failed_leaflets = False
        quick = changed and self.linked is not None
        handed = None if changed else self.handed_leaflets()
        started = time.perf_counter()
        result = pipeline.build(self.project, incremental=self.incremental, leaflets_later=True,
                                leaflets_from=self.linked if quick else handed)
        _print_findings(result, quiet=True)
        if result.built:
            if quick:
                self.behind, paths, note = True, set(), "; los folletos PDF se revisan aparte"
            else:
                self.linked = result.leaflets
                pending = result.leaflets.pending
                self.behind = bool(pending)
                paths = {_site_path(result.content, l) for l in pending}
                note = f"; {len(pending)} folletos PDF se preparan aparte" if pending else ""
            self.state.publish(pending=paths)
            stages = ", ".join(f"{STAGE_NAMES.get(k, k)} {v:.1f}" for k, v in result.timings.items())
            print(f"Sitio actualizado ({time.perf_counter() - started:.1f} s: {stages}{note}).", flush=True)
            if self.behind:
                self._lay_out_leaflets()
        else:
            if result.mkdocs_error:
                print("MkDocs falló:\n" + result.mkdocs_error, flush=True)
                errors = "MkDocs falló:\n" + result.mkdocs_error
            else:
                errors = "\n".join(f.format() for f in result.findings.sorted() if f.severity == "error")
            print("Hay errores: se sigue mostrando la versión anterior.", flush=True)
            self.state.publish(errors=errors or "Hay errores.", built=False)
        return result

    def _lay_out_leaflets(self) -> None:
        if self.leaflets is not None or self.failed_leaflets:
            return
        self.handed.unlink(missing_ok=True)
        self.leaflets_seen = _snapshot(self.project)  # the content the process reads, or newer
        self.leaflets = subprocess.Popen(
            [sys.executable, "-m", "ventanilla.cli.serve", "--folletos", str(self.project.root),
             str(self.project.content), str(self.project.work), str(self.handed)],
            env=dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(__file__).parent.parent),
                                                                      os.environ.get("PYTHONPATH")]))))

    def leaflets_done(self) -> bool:
        """True once the leaflet process has finished (the site then needs their links)."""
        if self.leaflets is None or self.leaflets.poll() is None:
            return False
        if self.leaflets.returncode != 0:
            print("No se pudieron preparar los folletos PDF (ver arriba).", flush=True)
            self.failed_leaflets = True
        self.leaflets = None
        return True

    def handed_leaflets(self):
        """The leaflets the process laid out or found (a LeafletBuild), when it read the content
        as it is now: the next build links them without working them out again."""
        if not self.handed.exists() or _snapshot(self.project) != self.leaflets_seen:
            return None
        try:
            with self.handed.open("rb") as file:
                return pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def stop(self) -> None:
        self.incremental.settle()  # never leave a half-written compressed copy in site/
        self.incremental.page_pool.close()
        if self.leaflets is not None:
            self.leaflets.terminate()
            self.leaflets.wait()


def _site_path(content, leaflet) -> str:
    from ..content import leaflet_locations as locations
    return locations.language_prefix(content, leaflet.lang) + leaflet.file  # "" or "en/"


def lay_out_leaflets(root: str, content: str, work: str, handed: str | None = None) -> int:
    """In a process of its own (`python -m ventanilla.cli.serve --folletos ROOT CONTENT WORK [FILE]`):
    lay out the leaflets the cache lacks, keeping the cache's other entries (serve copies
    them meanwhile); FILE: where to leave the result (a pickled LeafletBuild) for serve."""
    from ..render import qrcodes
    project = pipeline.Project(root=Path(root), content=Path(content), work=Path(work))
    result = pipeline.check(project)
    if result.content is None or result.findings.errors:
        return 0  # the next build reports them
    result.draft = bool(result.gate and result.gate.errors)
    if result.draft:
        from ..content import placeholders
        placeholders.preview_catalogs(result.content)
    started = time.perf_counter()
    with qrcodes.kept_in(project.work / "qr-codes-folletos.json"):
        built = pipeline.build_leaflets(project, result, prune=False)
    if handed:
        partial = Path(handed).with_suffix(".tmp")
        with partial.open("wb") as file:
            pickle.dump(built, file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(handed)
    print(f"Folletos PDF listos ({built.laid_out} preparados, {time.perf_counter() - started:.1f} s).", flush=True)
    return 0


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def serve(project: pipeline.Project, port: int, host: str) -> int:
    # closing the terminal or `kill` stops it as Ctrl+C does: the worker processes end too
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    state = LiveState()
    previewer = Previewer(project, state)
    server = None
    try:
        previewer.build()
        project.site.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(type("LiveHandler", (Handler,), {"state": state}), directory=str(project.site))
        server = http.server.ThreadingHTTPServer((host, port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Sirviendo en http://{host}:{port}/ (Ctrl+C para salir)", flush=True)
        seen = _snapshot(project)
        while True:
            time.sleep(POLL)
            now = _snapshot(project)
            if now != seen:
                seen = now
                print("Cambios detectados, reconstruyendo…", flush=True)
                previewer.build()
            elif previewer.leaflets_done():
                previewer.build(changed=False)  # the content's PDFs, linked with their size
    except KeyboardInterrupt:
        return 0
    finally:
        previewer.stop()
        if server is not None:
            server.shutdown()


if __name__ == "__main__" and sys.argv[1:2] == ["--folletos"]:
    sys.exit(lay_out_leaflets(*sys.argv[2:6]))
