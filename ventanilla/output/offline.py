"""Offline reading and installation: the service worker and one web app manifest
per language (`manifest.<lang>.webmanifest` at the site root, linked from every page
of that language).

The worker (sw.js) is told each language's offline page (routes.OFFLINE, written by the
generator in every language of content/sitio.yml) and the assets it uses: it saves them
on install and shows the offline page of the address's language for a page not saved."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from importlib import resources
from pathlib import Path

from lxml import html as lxml_html

from ..content import routes
from ..render.pagecontext import PageContext

_FINGERPRINTED = re.compile(r"[^:]+\.[0-9a-f]{10}\.(?:css|js)")  # a local asset's address (assets.py)


def _site_version(site: Path, leave_out: frozenset[str] = frozenset()) -> str:
    """Changes whenever any published file changes: old caches are then dropped.
    `leave_out`: top folders written after the worker (see Finisher.finish_later)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != "sw.js"
                       and p.relative_to(site).parts[0] not in leave_out):
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def offline_pages(site: Path) -> dict[str, str]:
    """{language folder ("" for the first language, "en", …): its offline page's address},
    from the built site: every language the build wrote (content/sitio.yml's `idiomas`)."""
    page = routes.url(routes.OFFLINE)
    found = {"": page} if (site / page / "index.html").is_file() else {}
    for folder in sorted(p.name for p in site.iterdir() if p.is_dir()):
        if (site / folder / page / "index.html").is_file():
            found[folder] = f"{folder}/{page}"
    return found


def offline_assets(site: Path, pages: dict[str, str]) -> list[str]:
    """The fingerprinted stylesheet and scripts the offline pages use, from the site's root."""
    found = set()
    for page in pages.values():
        doc = lxml_html.parse(str(site / page / "index.html"))  # the stylesheet's href, the scripts' src
        for url in doc.xpath("//@href | //@src"):
            if _FINGERPRINTED.fullmatch(url):
                found.add(posixpath.normpath(posixpath.join(page, url)))
    return sorted(found)


def write_service_worker(site: Path, leave_out: frozenset[str] = frozenset()) -> None:
    source = (resources.files("ventanilla.output") / "sw.js").read_text(encoding="utf-8")
    pages = offline_pages(site)
    source = (source.replace("__VERSION__", _site_version(site, leave_out))
              .replace("__OFFLINE__", json.dumps(pages, sort_keys=True))
              .replace("__ASSETS__", json.dumps(offline_assets(site, pages))))
    (site / "sw.js").write_text(source, encoding="utf-8")


def write_manifests(site: Path, content) -> None:
    for lang in content.codes:
        ctx = PageContext(content, lang, "index.md")
        name = ctx.plain(content.site["nombre"])
        start = "./" + routes.language_prefix(content.codes, lang)
        manifest = {
            "name": name,
            "short_name": ctx.ui("nombre_corto"),
            "lang": lang,
            "start_url": start,
            "scope": "./",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#3f51b5",
            "icons": [
                {"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
                {"src": "assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
            ],
        }
        (site / f"manifest.{lang}.webmanifest").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
