"""The /admin/ folder: the form editor, served from our own files, out of the migrants' site.

Written into site/admin/ after everything else of the build, so it is not in the sitemap, the
search index, the service worker's cache (nor its version), the offline zip, the compressed
copies or the page-weight figures (output/weight.py `published_pages` leaves admin/ out).
It says noindex (meta and header) and has a Content-Security-Policy of its own: Decap needs
inline styles and talks to the git host's API, which the site's own policy forbids.
Without an `editor` block in sitio.yml, /admin/ only explains how to configure it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from . import config

FOLDER = "admin"
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "decap-cms"
STATIC = HERE / "static"
GIT_HOSTS = "https://api.github.com https://gitlab.com"


def csp(extra_hosts: str = "") -> str:
    hosts = f"{GIT_HOSTS} {extra_hosts}".strip()
    return ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: https://avatars.githubusercontent.com https://gitlab.com; "
            f"connect-src 'self' {hosts}; frame-src 'self' {hosts}; worker-src 'self' blob:; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'; object-src 'none'")


HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Content-Security-Policy": csp()}


def files(extra_hosts: str = "") -> dict[str, bytes]:
    """{path under /admin/: bytes}: our pages and scripts, and Decap's files."""
    out = {}
    for name in ("antes.js", "ventanilla-cms.js", "sin-configurar.html"):
        out[name] = (STATIC / name).read_bytes()
    out["index.html"] = (STATIC / "index.html").read_text(encoding="utf-8").replace(
        "__CSP__", csp(extra_hosts).replace("; frame-ancestors 'none'", "")).encode("utf-8")  # meta cannot
    for path in sorted(VENDOR.iterdir()):
        if path.is_file():
            out[f"decap-cms/{path.name}"] = path.read_bytes()
    return out


def _extra_hosts(content_dir: Path) -> str:
    try:
        site = yaml.safe_load((content_dir / "sitio.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return ""
    editor = site.get("editor") if isinstance(site, dict) else None
    return editor.get("url_base", "") if isinstance(editor, dict) else ""


def write(site: Path, content_dir: Path) -> Path:
    """site/admin/: the editor for the git host of sitio.yml, or the page that says it is not configured."""
    target = Path(site) / FOLDER
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    generated = config.build(content_dir, local=False)
    for rel, body in files(_extra_hosts(content_dir)).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if generated is None and rel == "index.html":
            continue
        path.write_bytes(body)
    if generated is None:
        (target / "index.html").write_bytes((STATIC / "sin-configurar.html").read_bytes())
        return target
    (target / "config.yml").write_text(config.text(generated), encoding="utf-8")
    return target
