"""Search documents read from the built HTML of one language.

Reading the finished pages (not the Markdown) gives the real heading anchors and
text, whatever generator wrote them. Each page gives one document for its title and
opening text, and one per h2 section with an id ("sections"); a desk or service
page is one document with all its text ("whole": its sections are labels such as
"Opening hours"); pages that only list other entries give their title alone
("title"), so the same names are not indexed many times.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

SNIPPET = 70  # characters of text under a page's result; each one costs index bytes
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}
SKIP_TAGS = {"script", "style", "svg", "form", "nav", "button"}
# Repeated on many pages and not what people search for: notices, sources, dates.
SKIP_CLASSES = ("admonition", "vn-nosearch", "vn-checked")


@dataclass
class Section:
    anchor: str  # "" for the page itself
    heading: str
    text: list[str] = field(default_factory=list)


class _ArticleParser:
    """An lxml parser target: lxml (libxml2) reads the HTML, about ten times faster than
    html.parser, and calls start/end/data in document order."""

    def __init__(self):
        self.in_article = 0
        self.skip = 0
        self.title = ""
        self.sections: list[Section] = [Section("", "")]
        self._heading: tuple[str, str] | None = None  # (tag, id) while inside a heading
        self._heading_text: list[str] = []

    def start(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
            return
        if not self.in_article:
            return
        classes = attrs.get("class") or ""
        if self.skip or tag in SKIP_TAGS or any(c in classes for c in SKIP_CLASSES):
            if tag not in VOID_TAGS:
                self.skip += 1
        elif tag in ("h1", "h2"):  # h3 text belongs to its h2 section: fewer, fuller documents
            self._heading = (tag, attrs.get("id") or "")
            self._heading_text = []

    def end(self, tag):
        if tag == "article":
            self.in_article -= 1
            return
        if not self.in_article:
            return
        if self.skip:
            if tag not in VOID_TAGS:
                self.skip -= 1
        elif self._heading and tag == self._heading[0]:
            text = " ".join("".join(self._heading_text).split())
            level, anchor = self._heading
            if level == "h1":
                self.title = text
            elif anchor:
                self.sections.append(Section(anchor, text))
            else:
                self.sections[-1].text.append(text)
            self._heading = None

    def data(self, data):
        if not self.in_article or self.skip:
            return
        if self._heading:
            self._heading_text.append(data)
        else:
            self.sections[-1].text.append(data)

    def close(self):
        return self


@dataclass(frozen=True)
class SearchDocument:
    url: str  # relative to the language root, with #anchor for sections
    title: str  # page title
    heading: str  # section heading, "" for the page
    text: str
    snippet: str


def _snippet(text: str) -> str:
    if len(text) <= SNIPPET:
        return text
    cut = text[:SNIPPET].rsplit(" ", 1)[0]
    return cut + "…"


def page_documents(html: str | bytes, url: str, mode: str = "sections") -> list[SearchDocument]:
    """The search documents of one built page (its HTML), at `url` in its language."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    parser = etree.fromstring(html, etree.HTMLParser(target=_ArticleParser(), encoding="utf-8"))
    if not parser.title:
        return []
    texts = [" ".join(" ".join(s.text).split()) for s in parser.sections]
    if mode == "title":
        return [SearchDocument(url, parser.title, "", "", "")]
    if mode == "whole":
        whole = " ".join(t for t in texts if t)
        return [SearchDocument(url, parser.title, "", whole, _snippet(texts[0] or whole))]
    docs = []
    for section, text in zip(parser.sections, texts):
        if section.anchor and not text:
            continue
        anchor_url = f"{url}#{section.anchor}" if section.anchor else url
        # a section's result reads "Page › Heading": no snippet under it, which kept the
        # first search within its 40 KB once the portal had 30 procedures (3.8 KB brotli)
        snippet = "" if section.anchor else _snippet(text)
        docs.append(SearchDocument(anchor_url, parser.title, section.heading, text, snippet))
    return docs


def language_pages(lang_root: Path, skip: set[str]) -> list[tuple[Path, str]]:
    """(file, url) of every page under one language's folder of the built site.

    `lang_root` is site/ for the source language and site/<lang>/ for the others;
    other languages' folders inside site/ are passed in `skip`. The url is relative
    to `lang_root` ("directorio/x/").
    """
    found = []  # (folders from lang_root, url)
    for folder, dirs, files in os.walk(lang_root):
        parts = () if folder == str(lang_root) else tuple(os.path.relpath(folder, lang_root).split(os.sep))
        if not parts:
            dirs[:] = [name for name in dirs if name not in skip]  # other languages' folders: not walked
        if "index.html" in files:
            found.append((parts, "".join(part + "/" for part in parts)))
    found.sort(key=lambda page: page[0] + ("index.html",))  # the order of the pages' sorted paths
    return [(lang_root.joinpath(*parts, "index.html"), url) for parts, url in found]
