"""The built pages, finished in two passes, each page read and written once a pass.

Per language, as soon as the generator has written it (`finish_language`, which can
run while the generator writes the next language):
- links between pages get their printed address (render/leaflet_links.py);
- indentation is collapsed, Material's script hooks dropped and the
  Content-Security-Policy put in a <meta> (html.py, headers.py);
- the names the page uses (css.py) and its search documents are collected, and the
  language's search index is written (search/).
Then, once the generator is done, each language's 404 page is copied to <lang>/404.html
with absolute links, as static hosts serve that file at any address that does not
exist (`copy_not_found`); and once the stylesheet's fingerprinted name is known
(`point_at_assets`), every page is pointed at the fingerprinted assets, on all cores.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlparse

from lxml import etree
from lxml import html as lxml_html

from ..render import leaflet_links as web
from ..render import theme
from ..search import documents
from ..search import index as search_index
from . import css, headers, html

PARALLEL_FROM = 200  # pages; below this, starting worker processes costs more than it saves
CHUNK = 64
REFERENCE = re.compile(r'(?:href|src|data-lunr|data-index)="([^"]+)"')


def _finish_pages(job: tuple[list[tuple[Path, str]], str, str]) -> tuple[css.UsedNames, list[documents.SearchDocument]]:
    """Finish some pages of one language: [(file, url in the language)], the site's public
    address and the language's folder in it ("" or "en/"); returns the names the pages
    use and their search documents."""
    pages, base, prefix = job
    used = css.UsedNames()
    docs = []
    for path, url in pages:
        text = path.read_text(encoding="utf-8")
        if url.split("/")[0] not in web.NOT_PRINTED:  # a page made for the screen: no printed addresses
            text = web.printed_links(text, base + prefix + url, base)
        text = html.add_head_meta(html.drop_material_hooks(html.collapse(text)), headers.META)
        path.write_text(text, encoding="utf-8")
        data = text.encode("utf-8")
        css.collect(data, used)
        if search_index.indexed(url):
            docs.extend(documents.page_documents(data, url, search_index.document_mode(url)))
    return used, docs


@dataclass
class Remembered:
    """What `ventanilla serve` (generator/incremental.py) keeps of one build's finishing, for
    the next: each step's result by the hash of its input, so that an unchanged page is
    finished as it was without the work, and the pages that may be carried over as they are.

    `finished`: key of a page's HTML, address and language -> (finished text, names used,
    search documents); `pointed`: key of a finished text and the renames -> (the text
    pointed at the fingerprinted assets, or None if the same; its references); `pages`:
    site-relative path -> (finished key, pointed key) of each page whose file, at the end,
    was exactly what those two steps made of it (no other step wrote into it: not the search
    page, which names the index); `renames`: the assets' names the pages were pointed at.
    """

    finished: dict = field(default_factory=dict)
    pointed: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    renames: dict | None = None


@dataclass
class Memo:
    """The memo of one incremental finishing: the last build's (`last`), this build's
    (`kept`), and the pages of the staged site that are the last site's files, linked in
    by incremental.stage (`carried`, site-relative paths): they are neither read nor
    written unless the assets' names changed, and then replaced, never written into
    (the same file is being served)."""

    site: Path
    last: Remembered
    kept: Remembered
    carried: frozenset[str] = frozenset()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.site).as_posix()

    def finished_text(self, path: Path) -> str:
        """A page's text between finishing and pointing at the assets, for a step that reads it
        then: a carried page's file holds the last build's final text, already pointed."""
        rel = self.rel(path)
        if rel in self.carried:
            return self.last.finished[self.last.pages[rel][0]][0]
        return path.read_text(encoding="utf-8")


def _finish_remembered(job: tuple[list[tuple[Path, str]], str, str], memo: Memo):
    """`_finish_pages` for `ventanilla serve`: a page whose HTML, address and language are the
    same as in the last build is finished as it was then, without the work; a carried page
    is not even read."""
    pages, base, prefix = job
    used_all, docs = [], []
    for path, url in pages:
        rel = memo.rel(path)
        if rel in memo.carried:
            key = memo.last.pages[rel][0]
            text, used, page_docs = memo.last.finished[key]
        else:
            raw = path.read_bytes()
            key = hashlib.sha256(b"\0".join([raw, base.encode(), prefix.encode(), url.encode()])).hexdigest()
            if key in memo.last.finished:
                text, used, page_docs = memo.last.finished[key]
                path.write_text(text, encoding="utf-8")
            else:
                used, page_docs = _finish_pages(([(path, url)], base, prefix))
                text = path.read_text(encoding="utf-8")
        memo.kept.finished[key] = (text, used, page_docs)
        memo.kept.pages[rel] = (key, None)
        used_all.append(used)
        docs.extend(page_docs)
    return css.merge(used_all), docs


def language_folder(site: Path, languages: list[str], lang: str) -> tuple[Path, set[str], str]:
    """A language's folder in the site, the folders in it that hold other languages, and
    its path in URLs ("" or "en/")."""
    root, others = search_index.language_root(site, languages, lang)
    return root, others, (root.relative_to(site).as_posix() + "/" if root != site else "")


def finish_language(site: Path, content, lang: str, workers: int = 1, memo: Memo | None = None) -> css.UsedNames:
    """Finish one language's pages (see the module's docstring) with `workers` processes
    (1: in this one); returns the names they use. `memo`: `ventanilla serve`'s, see
    `_finish_remembered`."""
    languages = content.codes
    root, others, prefix = language_folder(site, languages, lang)
    pages = documents.language_pages(root, others)
    if pages:  # what the steps below read from the theme's HTML is still there
        theme.require(site, pages[0][0])
    jobs = [(pages[i:i + CHUNK], content.site["url"], prefix) for i in range(0, len(pages), CHUNK)]
    if memo is not None:
        done = [_finish_remembered(job, memo) for job in jobs]
    elif workers > 1 and len(pages) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_finish_pages, jobs))  # in order: the index lists pages as before
    else:
        done = [_finish_pages(job) for job in jobs]
    docs = [doc for _, chunk_docs in done for doc in chunk_docs]
    search_index.publish_language(site, languages, lang, docs, content.synonyms.get(lang, {}),
                                  search_index.place_words(content, lang))
    return css.merge([used for used, _ in done])


def copy_not_found(site: Path, content, memo: Memo | None = None) -> None:
    """Each language's 404 page also at <lang>/404.html, with absolute links. Once the
    generator is done (MkDocs writes no 404.html: mkdocs_languages.py); `memo`: `ventanilla
    serve`'s (Memo.finished_text)."""
    base_path = urlparse(content.site["url"]).path or "/"
    for lang in content.codes:
        root, _, prefix = language_folder(site, content.codes, lang)
        page = root / "404" / "index.html"
        if page.exists():
            text = memo.finished_text(page) if memo is not None else page.read_text(encoding="utf-8")
            (root / "404.html").write_text(_absolute_urls(text, f"{base_path}{prefix}404/"), encoding="utf-8")


# the attributes of the 404 page that hold addresses, and the <meta> app.js takes the
# language's home from (overrides/main.html)
URL_ATTRIBUTES = ("href", "src", "action")
HOME_META = "vn-home"


def _relative(url: str) -> bool:
    return bool(url) and not re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", url)


def _addresses(text: str) -> list[tuple[int, str, str]]:
    """(line where its tag ends, attribute, value) of each address in the page, in order."""
    found = []
    for element in lxml_html.document_fromstring(text).iter(etree.Element):
        names = URL_ATTRIBUTES + (("content",) if element.tag == "meta" and element.get("name") == HOME_META else ())
        found.extend((element.sourceline, name, element.get(name)) for name in names if element.get(name) is not None)
    return found


def _absolute_urls(text: str, page_url: str) -> str:
    """404 pages are served at any address, so their links must not be relative.

    lxml reads the page and says which attributes hold a relative address, and on which
    line their tag ends; exactly those attribute values are replaced in the text, so every
    other byte stays as written (lxml's own serialisation would change some: escaped data:
    URIs, lower-case SVG attributes, closed empty elements). The result is read again: its
    addresses must be the expected ones, else ValueError."""
    found = _addresses(text)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    out, cursor, tag_from = [], 0, 1
    for line, name, value in found:
        if _relative(value):
            written = f'{name}="{escape(value, quote=False)}"'
            at = text.find(written, cursor)
            # the attribute must be in its own tag: after the end of the tag before it
            if at < 0 or not tag_from <= bisect.bisect_right(line_starts, at) <= line:
                raise ValueError(f"404: {written} not found in its tag (line {line})")
            out.append(text[cursor:at] + f'{name}="{escape(urljoin(page_url, value), quote=False)}"')
            cursor = at + len(written)
        tag_from = line
    result = "".join(out) + text[cursor:]
    expected = [(name, urljoin(page_url, value) if _relative(value) else value) for _, name, value in found]
    if [(name, value) for _, name, value in _addresses(result)] != expected:
        raise ValueError("404: the rewritten page does not hold the expected addresses")
    return result


def _rename_remembered(pages: list[Path], renames: dict[str, str], memo: Memo) -> set[str]:
    """`point_at_assets` in this process, a page whose text and renames are those of the
    last build taking its result from then (most pages, after one save); a carried page
    already holds it, unless the renames changed."""
    names = "\0".join(f"{k}\0{v}" for k, v in sorted(renames.items())).encode()
    same_names = memo.last.renames == renames
    memo.kept.renames = dict(renames)
    referenced: set[str] = set()
    for path in pages:
        rel = memo.rel(path)
        finished_key = memo.kept.pages.pop(rel, (None,))[0]
        if rel in memo.carried:
            if same_names:  # its file already is what this build would make of it
                pointed_key = memo.last.pages[rel][1]
                memo.kept.pointed[pointed_key] = memo.last.pointed[pointed_key]
                memo.kept.pages[rel] = memo.last.pages[rel]
                referenced.update(memo.last.pointed[pointed_key][1])
                continue
            raw = memo.finished_text(path).encode("utf-8")
        else:
            raw = path.read_bytes()
        key = ("assets", hashlib.sha256(raw + b"\0\0" + names).hexdigest())
        if key not in memo.last.pointed:
            memo.last.pointed[key] = _renamed(raw.decode("utf-8"), renames)
        text, found = memo.last.pointed[key]
        if rel in memo.carried:  # the file is the last site's: replaced, not written into
            path.unlink()
            path.write_bytes(text.encode("utf-8") if text is not None else raw)
        elif text is not None:
            path.write_text(text, encoding="utf-8")
        memo.kept.pointed[key] = (text, found)
        if finished_key is not None and raw == memo.kept.finished[finished_key][0].encode("utf-8"):
            memo.kept.pages[rel] = (finished_key, key)  # nothing wrote into it between the two steps
        referenced.update(found)
    return referenced


def _renamed(text: str, renames: dict[str, str]) -> tuple[str | None, set[str]]:
    """(the page pointed at the fingerprinted assets, or None if unchanged; its references)."""
    if renames:
        pattern = re.compile("(" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True)) + ')(?=")')
        new = pattern.sub(lambda m: renames[m.group(1)], text)
        if new != text:
            return new, set(REFERENCE.findall(new))
    return None, set(REFERENCE.findall(text))


def _rename(job: tuple[dict[str, str], list[Path]]) -> set[str]:
    renames, paths = job
    pattern = re.compile("(" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True)) + ')(?=")') \
        if renames else None
    referenced: set[str] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if pattern is not None:
            new = pattern.sub(lambda m: renames[m.group(1)], text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                text = new
        referenced.update(REFERENCE.findall(text))
    return referenced


def point_at_assets(site: Path, renames: dict[str, str], memo: Memo | None = None) -> set[str]:
    """Point every page of `site` at the fingerprinted assets ({reference: hashed
    reference}); return the references (href, src…) the pages hold. `memo`: `ventanilla
    serve`'s, see `_rename_remembered`."""
    pages = sorted(Path(site).rglob("*.html"))
    if memo is not None:
        return _rename_remembered(pages, renames, memo)
    jobs = [(renames, pages[i:i + CHUNK]) for i in range(0, len(pages), CHUNK)]
    if len(pages) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            found = list(pool.map(_rename, jobs))
    else:
        found = [_rename(job) for job in jobs]
    return set().union(*found)
