"""What a browser downloads for a page of the built site, and how many bytes.

Resolves, from a page's HTML (read with lxml, so attribute order and quoting do not
matter), the files it makes the browser fetch at load: stylesheets, preloads, scripts
(src), the web app manifest, icons and images that are not data: URLs. Sizes are raw, gzip -9 and brotli 11 (the precompressed .gz/.br beside a
file when the build wrote them). Used by scripts/benchmark_weight.py and by the
budget tests.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import brotli
from lxml import html as lxml_html

FETCHED_LINKS = {"stylesheet", "manifest", "icon", "preload", "modulepreload"}


def loads(text: str) -> list[str]:
    """Addresses a page makes the browser fetch at load, in document order, each once."""
    doc = lxml_html.fromstring(text)
    found = []
    for element in doc.iter("link", "script", "img", "source", "iframe"):
        if element.tag == "link":
            if FETCHED_LINKS & set((element.get("rel") or "").lower().split()):
                found.append(element.get("href"))
        elif element.tag == "img" and element.get("loading") == "lazy":
            continue  # fetched only when scrolled into view
        else:
            found.append(element.get("src") or element.get("srcset", "").split(" ")[0])
    return list(dict.fromkeys(ref for ref in found if ref))


@dataclass(frozen=True)
class Sizes:
    raw: int
    gzip: int
    brotli: int

    def __add__(self, other: Sizes) -> Sizes:
        return Sizes(self.raw + other.raw, self.gzip + other.gzip, self.brotli + other.brotli)


ZERO = Sizes(0, 0, 0)


def file_sizes(path: Path) -> Sizes:
    data = path.read_bytes()
    gz = path.with_name(path.name + ".gz")
    br = path.with_name(path.name + ".br")
    return Sizes(len(data),
                 gz.stat().st_size if gz.exists() else len(gzip.compress(data, 9)),
                 br.stat().st_size if br.exists() else len(brotli.compress(data, quality=11)))


@dataclass
class PageLoad:
    page: str
    html: Sizes
    total: Sizes
    requests: int
    external: list[str]


def page_load(site: Path, page: Path) -> PageLoad:
    rel = page.relative_to(site).as_posix()
    url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    html = file_sizes(page)
    total, requests, external = html, 1, []
    for ref in loads(page.read_text(encoding="utf-8")):
        if ref.startswith("data:"):
            continue
        target = urljoin(url, ref)
        if urlparse(target).netloc:
            external.append(ref)
            requests += 1
            continue
        path = site / urlparse(target).path.lstrip("/")
        requests += 1
        if path.is_file():
            total = total + file_sizes(path)
    return PageLoad(rel, html, total, requests, external)


NOT_PUBLISHED_FOR_MIGRANTS = ("admin",)  # the editors' form editor (ventanilla/cms/admin.py)


def published_pages(site: Path) -> list[Path]:
    """Every HTML page people visiting the portal may load: the editors' /admin/ is not one."""
    return [p for p in sorted(Path(site).rglob("*.html"))
            if p.relative_to(site).parts[0] not in NOT_PUBLISHED_FOR_MIGRANTS]
