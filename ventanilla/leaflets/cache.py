"""Rendered leaflets kept between builds, keyed by a hash of everything that shapes them.

The key of a leaflet is a SHA-256 of its HTML (which holds every text, date and QR
code from the content and the templates), of the stylesheets and fonts in
overrides/leaflets/, of the paper size and of the WeasyPrint version. Unchanged
leaflets are linked from here instead of laid out again, so `ventanilla serve` stays
fast. Entries not used by a build are removed at its end.

Layout on disk: <folder>/<key>.pdf and <key>.json ({"pages": n, "fit": level}).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# Raise when the code that turns a leaflet into a PDF changes in a way the HTML does not show.
RENDERER_VERSION = "3"  # 2: leaflet.css given to WeasyPrint as a parsed stylesheet; 3: packs cut from a book (binding.py)
ASSET_SUFFIXES = {".css", ".woff2", ".woff", ".ttf", ".otf", ".svg", ".png"}


@dataclass(frozen=True)
class Entry:
    key: str
    pdf: Path
    pages: int
    fit: int
    size: int  # bytes of the PDF


def assets_digest(theme_dir: Path) -> str:
    """Hash of the stylesheets, fonts and images the templates load."""
    digest = hashlib.sha256()
    for path in sorted(Path(theme_dir).rglob("*")):
        if path.is_file() and path.suffix.lower() in ASSET_SUFFIXES:
            digest.update(path.relative_to(theme_dir).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class LeafletCache:
    def __init__(self, folder: Path, theme_dir: Path, paper: str):
        self.folder = Path(folder)
        try:
            weasyprint_version = metadata.version("weasyprint")
        except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
            weasyprint_version = "?"
        self.salt = "\n".join([RENDERER_VERSION, weasyprint_version, paper, assets_digest(theme_dir)])
        self.used: set[str] = set()

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()[:32]

    def get(self, key: str) -> Entry | None:
        self.used.add(key)
        pdf, info = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not (pdf.exists() and info.exists()):
            return None
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
            return Entry(key, pdf, int(data["pages"]), int(data["fit"]), pdf.stat().st_size)
        except (ValueError, KeyError, TypeError, OSError):
            return None  # a damaged entry is laid out again

    def put(self, key: str, pdf: bytes, pages: int, fit: int) -> Entry:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}.pdf"
        # a new file, never written into: published leaflets are hard links to these (build.publish)
        partial = path.with_name(f"{key}.{os.getpid()}.parcial")
        partial.write_bytes(pdf)
        os.replace(partial, path)
        (self.folder / f"{key}.json").write_text(json.dumps({"pages": pages, "fit": fit}), encoding="utf-8")
        return Entry(key, path, pages, fit, len(pdf))

    def prune(self) -> int:
        """Remove the entries this build did not use; returns how many."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            if path.suffix in (".pdf", ".json") and path.stem not in self.used:
                path.unlink()
                removed += path.suffix == ".pdf"
        return removed
