"""sitemap.xml for search engines, from the finished site.

Every page of every language (not the 404 pages: they are not content), with its
translations as `xhtml:link` alternates and `x-default` pointing at the source
language, as the pages' own <link rel="alternate"> do. `lastmod` is the build's date
(SOURCE_DATE_EPOCH, taken from the content: two builds of the same content give the
same file). Written here rather than by MkDocs because MkDocs builds the languages in
separate processes, none of which sees every page (mkdocs_languages.py).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..search import documents
from .pages import language_folder

NOT_LISTED = ("404/", "sin-conexion/")  # error pages, not content


def pages_by_language(site: Path, languages: list[str]) -> dict[str, tuple[str, list[str]]]:
    """{lang: (its folder in URLs, "" or "en/"; [page addresses relative to it, e.g. "tramites/x/"])}."""
    found = {}
    for lang in languages:
        root, others, prefix = language_folder(site, languages, lang)
        found[lang] = (prefix, [url for _, url in documents.language_pages(root, others) if url not in NOT_LISTED])
    return found


def render(base_url: str, languages: list[str], pages: dict[str, tuple[str, list[str]]], lastmod: str) -> str:
    base = base_url.rstrip("/") + "/"

    def address(lang: str, url: str) -> str:
        return base + pages[lang][0] + url

    urls = {lang: found for lang, (_, found) in pages.items()}
    present = {lang: set(found) for lang, found in urls.items()}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in languages:
        for url in urls[lang]:
            lines += ["  <url>", f"    <loc>{escape(address(lang, url))}</loc>", f"    <lastmod>{lastmod}</lastmod>"]
            translations = [other for other in languages if url in present[other]]
            if len(translations) > 1:
                for other in translations:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={quoteattr(address(other, url))}/>')
                if languages[0] in translations:
                    lines.append('    <xhtml:link rel="alternate" hreflang="x-default" '
                                 f'href={quoteattr(address(languages[0], url))}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(site: Path, content, lastmod: str) -> Path:
    languages = content.codes
    path = Path(site) / "sitemap.xml"
    path.write_text(render(content.site["url"], languages, pages_by_language(Path(site), languages), lastmod),
                    encoding="utf-8")
    return path
