"""What a browser downloads for a page of the built site, and how many bytes.

Resolves, from a page's HTML, the files it makes the browser fetch at load:
stylesheets, scripts (src), the web app manifest and icons that are not data:
URLs. Sizes are raw, gzip -9 and brotli 11 (the precompressed .gz/.br beside a
file when the build wrote them). Used by scripts/benchmark_weight.py and by the
budget tests.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import brotli

LOADS = re.compile(r'<(?:link[^>]*rel="?(?:stylesheet|manifest|icon)"?[^>]*href|script[^>]*src)="?([^" >]+)')


@dataclass(frozen=True)
class Sizes:
    raw: int
    gzip: int
    brotli: int

    def __add__(self, other: "Sizes") -> "Sizes":
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
    for ref in dict.fromkeys(LOADS.findall(page.read_text(encoding="utf-8"))):
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
