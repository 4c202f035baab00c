"""`ventanilla editar`: the form editor on an editor's own computer, over the working copy.

One local HTTP server (127.0.0.1 only) does two jobs:
- /admin/: our index.html, the vendored Decap CMS and a configuration generated now from the
  schemas, with Decap's `proxy` backend pointed at this server;
- /api/v1: Decap's proxy protocol (the one its Node `decap-server` speaks), so editors need no
  Node. Actions: info, entriesByFolder, entriesByFiles, getEntry, persistEntry, getMedia,
  getMediaFile, persistMedia, deleteFile, deleteFiles, getDeployPreview.

Every write goes through files.py (our conventions), and only under content/. After a write the
content is checked (`ventanilla check`): if the saved file now has errors, the previous file
is put back and the editor sees the check's messages in Decap's error notice. Warnings (e.g. a
translation now out of date) are printed in the terminal and do not stop the save.
Cases refused with a Spanish message (HTTP 4xx, shown by Decap): a path outside content/, an
unknown action, a body that is not JSON, data that cannot be written as our file.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

from .. import pipeline
from ..cms import admin, config, files

CONTENT = "content"


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Backend:
    """The proxy protocol over a project's working copy."""

    def __init__(self, project: pipeline.Project, log=print):
        self.project = project
        self.root = project.root
        self.log = log
        self.lock = threading.Lock()  # one write (and its check) at a time

    # --- paths: only content/, never outside it
    def _path(self, rel: str) -> Path:
        if not isinstance(rel, str) or not rel:
            raise Refused(400, "falta la ruta del archivo")
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or pure.parts[0] != CONTENT:
            raise Refused(403, f"el editor solo puede tocar archivos de content/, no «{rel}»")
        return self.root / pure

    def _entry(self, rel: str, label=None) -> dict:
        path = self._path(rel)
        try:
            raw = path.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}
        return {"data": raw.decode("utf-8-sig"),
                "file": {"path": rel, "label": label, "id": hashlib.sha256(raw).hexdigest()}}

    def _list(self, folder: str, extension: str, depth: int) -> list[str]:
        base = self._path(folder)
        if not base.is_dir():
            return []
        found = []
        for path in sorted(base.rglob(f"*{extension}" if extension else "*")):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and len(path.relative_to(base).parts) <= max(depth, 1):
                found.append(rel)
        return found

    # --- actions
    def handle(self, body: dict):
        action = body.get("action")
        params = body.get("params") or {}
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return [self._entry(rel) for rel in self._list(params.get("folder", ""), params.get("extension", ""),
                                                              int(params.get("depth") or 1))]
        if action == "entriesByFiles":
            return [self._entry(f.get("path"), f.get("label")) for f in params.get("files") or []]
        if action == "getEntry":
            return self._entry(params.get("path"))
        if action == "persistEntry":
            return self.persist(params)
        if action in ("getMedia",):
            return []
        if action == "getMediaFile":
            raise Refused(404, "no hay archivos de medios")
        if action == "persistMedia":
            raise Refused(422, "el editor no sube imágenes: el portal no las usa (cada byte cuenta)")
        if action in ("deleteFile", "deleteFiles"):
            raise Refused(422, "el editor no borra archivos: para dar de baja una entrada usa estatus: cerrado")
        if action == "getDeployPreview":
            return None
        raise Refused(422, f"acción desconocida: {action}")

    def persist(self, params: dict) -> dict:
        data_files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
        if params.get("assets"):
            raise Refused(422, "el editor no sube imágenes: el portal no las usa")
        with self.lock:
            before = {}
            saved = []
            try:
                for item in data_files:
                    if item.get("newPath") and item["newPath"] != item.get("path"):
                        raise Refused(422, "cambiar el id de una entrada cambia su archivo: hazlo a mano "
                                           "(ver GUIA-EDITORES.md)")
                    path = self._path(item.get("path"))
                    before[path] = path.read_bytes() if path.exists() else None
                    saved.append(files.save(self.root, item["path"], item.get("raw") or ""))
            except files.NotOurs as exc:
                self._restore(before)
                raise Refused(422, str(exc)) from None
            written = [s.path for s in saved if s.written]
            if not written:
                self.log("Sin cambios: no se escribió nada.")
                return {"message": "sin cambios"}
            problems = self.check(written)
            if problems:
                self._restore(before)
                raise Refused(422, "No se guardó: " + " | ".join(problems))
        for path in written:
            self.log(f"Guardado: {path.relative_to(self.root).as_posix()}")
        return {"message": "entry persisted"}

    def check(self, written: list[Path]) -> list[str]:
        """`ventanilla check`: the errors of the written files (they are refused); their warnings are printed."""
        result = pipeline.check(self.project)
        mine = {p.resolve() for p in written}
        errors = []
        for finding in result.findings.sorted():
            if (self.root / finding.file).resolve() not in mine:
                continue
            if finding.severity == "error":
                errors.append(finding.format())
            else:
                self.log(finding.format())
        return errors

    @staticmethod
    def _restore(before: dict) -> None:
        for path, raw in before.items():
            if raw is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(raw)


def make_handler(backend: Backend, admin_files: dict[str, bytes]):
    class Handler(BaseHTTPRequestHandler):
        server_version = "ventanilla-editar"

        def log_message(self, *args):  # the terminal shows what was saved, not every request
            pass

        def _send(self, status: int, body: bytes, kind: str, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, value) -> None:
            self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path in ("/", "/admin"):
                self._send(302, b"", "text/plain", {"Location": "/admin/"})
                return
            if path.startswith("/admin/"):
                rel = path[len("/admin/"):] or "index.html"
                if rel == "config.yml":
                    text = config.text(config.build(backend.project.content, local=True))
                    self._send(200, text.encode("utf-8"), "text/yaml; charset=utf-8")
                    return
                body = admin_files.get(rel)
                if body is not None:
                    kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
                    kind += "; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""
                    self._send(200, body, kind, admin.HEADERS)
                    return
            self._send(404, b"No existe.", "text/plain; charset=utf-8")

        def do_POST(self):
            if self.path.split("?", 1)[0] != config.LOCAL_API:
                self._send(404, b"", "text/plain")
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                if not isinstance(body, dict):
                    raise ValueError
            except ValueError:
                self._json(400, {"error": "la petición no es JSON"})
                return
            try:
                self._json(200, backend.handle(body))
            except Refused as exc:
                self._json(exc.status, {"error": str(exc)})

    return Handler


def make_server(project: pipeline.Project, host: str = "127.0.0.1", port: int = 8080, log=print) -> ThreadingHTTPServer:
    backend = Backend(project, log)
    server = ThreadingHTTPServer((host, port), make_handler(backend, admin.files()))
    server.daemon_threads = True
    return server


def serve(project: pipeline.Project, host: str, port: int) -> int:
    if not (project.content / "sitio.yml").is_file():
        print(f"No encuentro {project.content / 'sitio.yml'}: corre `ventanilla editar` en la carpeta del "
              "proyecto, o indica cuál con --project.")
        return 1
    try:
        server = make_server(project, host, port)
    except OSError as exc:
        print(f"No se pudo abrir el puerto {port} ({exc.strerror}): prueba con --port otro número.")
        return 1
    print(f"Editor de contenido en http://{host}:{server.server_address[1]}/admin/ (sobre {project.content}).")
    print("Lo que guardes se escribe en content/ y se revisa con `ventanilla check`. Ctrl+C para salir.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
