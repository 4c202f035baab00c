"""Check a built site: links, anchors, languages and third-party requests.

Cases handled (severity, code):
- error `enlace-roto`: an internal link (href) to a file that is not in the site
- error `ancla-rota`: a link to #fragment that is not an id on the target page
- error `cambia-idioma`: a link on a /en/ (or other language) page that leads to
  another language although the page exists in the reader's language; the language
  switcher (links with `hreflang`) is exempt
- error `recurso-externo`: the page loads something from another host: script src,
  img/iframe/audio/video/source src, link rel=stylesheet/icon/preload/manifest/
  modulepreload href, or url(...) in inline styles and in the site's CSS files
- error `sin-lang`: <html> without a lang attribute
- error `lang-incorrecto`: <html lang> differs from the language of the folder
Links to other hosts (<a href="https://…">) are navigation, not requests, and are
allowed; `tel:`, `mailto:`, `geo:` links are not checked.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import etree

from ..findings import ERROR, Finding

RESOURCE_RELS = {"stylesheet", "icon", "preload", "manifest", "modulepreload", "apple-touch-icon", "prefetch"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Page:
    """An lxml parser target (libxml2 reads the HTML, much faster than html.parser): the
    ids, links, resources and <html lang> of one page, from its start tags."""

    def __init__(self):
        self.ids: set[str] = set()
        self.links: list[tuple[str, bool]] = []  # (href, is language switcher)
        self.resources: list[str] = []
        self.html_lang: str | None = None

    def start(self, tag, a):
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and a.get("href") is not None:
            self.links.append((a["href"], "hreflang" in a))
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "track") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & RESOURCE_RELS:
                self.resources.append(a["href"])
        if a.get("style"):
            self.resources.extend(CSS_URL.findall(a["style"]))

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        return self


def _read_page(path: Path) -> _Page:
    data = path.read_bytes()
    if not data.strip():
        return _Page()  # libxml2 refuses an empty document; such a page has no lang: reported
    return etree.fromstring(data, etree.HTMLParser(target=_Page(), encoding="utf-8"))


def _is_external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or (parsed.scheme not in ("", "data") )


class SiteChecker:
    def __init__(self, site: Path, languages: list[str], site_url: str = "/"):
        self.site = Path(site)
        self.default = languages[0]
        self.others = languages[1:]
        self.base_path = urlparse(site_url).path or "/"
        self.findings: list[Finding] = []
        self._parsed: dict[Path, _Page] = {}

    def _parse(self, path: Path) -> _Page:
        if path not in self._parsed:
            self._parsed[path] = _read_page(path)
        return self._parsed[path]

    def _lang_of(self, rel: str) -> str:
        first = rel.split("/", 1)[0]
        return first if first in self.others else self.default

    def _target(self, page_url: str, href: str) -> tuple[Path | None, str]:
        """File behind an internal href, and its fragment."""
        url = urljoin(page_url, href)
        parsed = urlparse(url)
        path = unquote(parsed.path)
        if not path.startswith(self.base_path):
            return None, parsed.fragment
        rel = path[len(self.base_path):]
        target = self.site / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        return target, parsed.fragment

    def error(self, page: str, code: str, message: str):
        self.findings.append(Finding(page, 0, ERROR, code, message))  # a built page has no source line

    def check_page(self, path: Path):
        rel = path.relative_to(self.site).as_posix()
        page_url = self.base_path + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = self._parse(path)
        lang = self._lang_of(rel)
        if not parser.html_lang:
            self.error(rel, "sin-lang", "<html> no tiene atributo lang")
        elif parser.html_lang != lang:
            self.error(rel, "lang-incorrecto", f'<html lang="{parser.html_lang}"> en una página de {lang}')
        for resource in parser.resources:
            if _is_external(resource):
                self.error(rel, "recurso-externo", f"carga {resource} de otro sitio")
        for href, switcher in parser.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) and not href.startswith(("http://", "https://")):
                continue  # tel:, mailto:, geo:
            if urlparse(href).netloc:
                continue  # navigation to another host
            target, fragment = self._target(page_url, href)
            if target is None or not target.exists():
                self.error(rel, "enlace-roto", f"el enlace {href} no lleva a ningún archivo")
                continue
            target_rel = target.relative_to(self.site).as_posix()
            if not switcher and target.suffix == ".html":
                target_lang = self._lang_of(target_rel)
                if target_lang != lang:
                    mirrored = self._mirror(target_rel, target_lang, lang)
                    if mirrored and (self.site / mirrored).exists():
                        self.error(rel, "cambia-idioma", f"el enlace {href} lleva a {target_lang} aunque existe /{mirrored}")
            if fragment and target.suffix == ".html" and fragment not in self._parse(target).ids:
                self.error(rel, "ancla-rota", f"el enlace {href}: no existe #{fragment} en {target_rel}")

    def _mirror(self, target_rel: str, from_lang: str, to_lang: str) -> str | None:
        bare = target_rel if from_lang == self.default else target_rel.split("/", 1)[1]
        return bare if to_lang == self.default else f"{to_lang}/{bare}"

    def check_css(self, path: Path):
        for url in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if _is_external(url):
                self.error(path.relative_to(self.site).as_posix(), "recurso-externo", f"el CSS carga {url} de otro sitio")

    def run(self) -> list[Finding]:
        for path in sorted(self.site.rglob("*.html")):
            self.check_page(path)
        for path in sorted(self.site.rglob("*.css")):
            self.check_css(path)
        return self.findings


def check_site(site: Path, languages: list[str], site_url: str = "/") -> list[Finding]:
    return SiteChecker(site, languages, site_url).run()
