"""QR codes as inline SVG (vector), made with segno.

One function for leaflets and web pages alike. The SVG has a viewBox and no size,
so CSS sets its printed size; the quiet zone (the white margin a scanner needs) is
part of the drawing, so it survives any layout.

A build draws two codes per page (the page's print-only code and its leaflet's): at
2,000 services about 12,600 codes, 3-7 ms each (mostly segno choosing the best mask).
The codes are a pure function of their input, so `kept_in` keeps them between builds in
one file of the build folder: a rebuild draws only the codes of new addresses.
"""

from __future__ import annotations

import contextlib
import json
from importlib import metadata
from pathlib import Path

import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks

# Drawn codes, by (data, css class, border). A memo of a pure function: what it holds
# never changes what a build writes, only how long it takes.
_drawn: dict[tuple[str, str, int], str] = {}
_used: set[tuple[str, str, int]] = set()


def svg(data: str, *, css_class: str = "qr", border: int = QUIET_ZONE) -> str:
    """An <svg> element encoding `data` (error correction M or better, never micro)."""
    key = (data, css_class, border)
    _used.add(key)
    drawn = _drawn.get(key)
    if drawn is None:
        code = segno.make(data, error="m", micro=False)
        drawn = _drawn[key] = code.svg_inline(border=border, omitsize=True, svgclass=css_class, lineclass=None)
    return drawn


def used() -> dict[tuple[str, str, int], str]:
    """The codes used since `kept_in` began (a worker process sends them to the builder)."""
    return {key: _drawn[key] for key in _used if key in _drawn}


def keep(codes: dict[tuple[str, str, int], str]) -> None:
    """Codes a worker process used: kept with this process's, as if drawn here."""
    _drawn.update(codes)
    _used.update(codes)


def _version() -> str:
    return f"segno {metadata.version('segno')}, {QUIET_ZONE}"


def load(path: Path) -> None:
    """Take the codes drawn by earlier builds from `path` (a file `kept_in` wrote)."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
        if stored.get("version") == _version():
            _drawn.update({(d, c, int(b)): s for d, c, b, s in stored["codes"]})
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no file yet, or a damaged one: the codes are drawn again


_loaded: dict[str, int] = {}  # file: its modification time when `begin` last read it


def begin(path: Path | None = None) -> None:
    """A worker process kept between builds (`ventanilla serve`) starts a build's share:
    what `used` returns starts empty, and the codes the last build kept in `path` (those of
    every language, written by `kept_in`) are taken once each time the file changes."""
    if path is not None:
        try:
            stamp = Path(path).stat().st_mtime_ns
        except OSError:
            stamp = None
        if stamp is not None and _loaded.get(str(path)) != stamp:
            load(path)
            _loaded[str(path)] = stamp
    _used.clear()


@contextlib.contextmanager
def kept_in(path: Path):
    """Take the codes drawn by earlier builds from `path`, and write back the ones this
    build used (codes of addresses that no longer exist are dropped)."""
    path = Path(path)
    load(path)
    _used.clear()
    try:
        yield
    finally:
        codes = sorted([*key, _drawn[key]] for key in _used if key in _drawn)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"version": _version(), "codes": codes}, ensure_ascii=False), encoding="utf-8")
