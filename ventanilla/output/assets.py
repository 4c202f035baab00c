"""One stylesheet and fingerprinted asset names, with every page pointed at them.

- assets/site.<hash>.css: Material's main.css cut down (css.py) + overrides' CSS;
- assets/app.js, assets/search.js and lunr get a content hash in their names, so a
  host can cache them for a year while HTML stays short-lived;
- whatever Material copied that no page references any more (its bundle, workers,
  stylesheets, images) is removed from the site.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..render import theme
from . import css

HASH_LENGTH = 10
# (file in site/assets as the templates reference it, template reference)
FINGERPRINTED = ("app.js", "search.js", "vendor/lunr-2.3.9/lunr.min.js")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def _hashed_name(path: Path, data: bytes) -> str:
    stem, dot, ext = path.name.rpartition(".")
    return f"{stem}.{digest(data)}.{ext}"


def _material_css(site: Path) -> str:
    sheets = sorted(site.glob(theme.STYLESHEETS))
    if not sheets:
        raise theme.ThemeChanged(f"El tema ya no escribe su hoja de estilo en {theme.STYLESHEETS} (ventanilla/render/theme.py)")
    return sheets[0].read_text(encoding="utf-8")


def build_assets(site: Path, own_css: Path, used: css.UsedNames) -> dict[str, str]:
    """Write the fingerprinted files; return {reference in HTML: hashed reference}.
    `used`: the names the pages use (css.collect, per page), which decide the CSS kept."""
    assets = site / "assets"
    stylesheet = (css.purge(_material_css(site), used) + "\n"
                  + css.without_comments(own_css.read_text(encoding="utf-8"))).encode("utf-8")
    renames = {}
    name = f"site.{digest(stylesheet)}.css"
    (assets / name).write_bytes(stylesheet)
    renames["assets/site.css"] = f"assets/{name}"
    for rel in FINGERPRINTED:
        path = assets / rel
        if not path.exists():
            continue
        data = path.read_bytes()
        hashed = path.with_name(_hashed_name(path, data))
        path.rename(hashed)
        renames[f"assets/{rel}"] = f"assets/{hashed.relative_to(assets).as_posix()}"
    return renames


def remove_unreferenced(site: Path, referenced: set[str]) -> None:
    """Delete Material's files that nothing points at any more (`referenced`: the
    href/src values the pages hold, from pages.py)."""
    names = {Path(ref.split("?")[0]).name for ref in referenced}
    for folder in theme.ASSET_FOLDERS:
        target = site / "assets" / folder
        if target.exists() and not any(p.name in names for p in target.rglob("*") if p.is_file()):
            shutil.rmtree(target)
    own = site / "assets" / "ventanilla.css"
    if own.exists():
        own.unlink()
