"""Lay out leaflets: Jinja2 HTML from overrides/leaflets/, then PDF with WeasyPrint.

A leaflet that does not fit its page limit is laid out again, tighter: each `fit`
level is a template decision (smaller type down to 11 pt, then dropping what the
online page has anyway, with a pointer to it). Desk packs take the pages of already
laid-out leaflets (binding.py), so nothing is laid out twice in one build.

WeasyPrint is imported on first use (about 0.6 s): a build whose leaflets all come
from the cache never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..render import qrcodes
from ..render.markdown import OptionalUndefined
from .documents import Leaflet
from .texts import LeafletTexts

STYLESHEET = "leaflet.css"  # in overrides/leaflets/, applied to every leaflet
FIT_LEVELS = 6  # 0: roomy, 1: smaller type, 2: without the extra prose, 3: 11 pt, 4-5: shorter lists


@dataclass(frozen=True)
class Paper:
    name: str  # as in content/sitio.yml
    css: str  # CSS @page size
    width_mm: float
    height_mm: float


PAPERS = {
    "carta": Paper("carta", "letter", 215.9, 279.4),
    "a4": Paper("a4", "A4", 210.0, 297.0),
}
# Large posters: the bigger sheet of each family (office copy shops print both).
LARGE_PAPERS = {
    "carta": Paper("tabloide", "11in 17in", 279.4, 431.8),
    "a4": Paper("a3", "A3", 297.0, 420.0),
}
DEFAULT_PAPER = "carta"


def paper_of(content) -> Paper:
    return PAPERS[content.site.get("papel") or DEFAULT_PAPER]


def css_string(text: str) -> Markup:
    """A CSS string literal, e.g. for `content:` in a page margin box."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(f'"{escaped}"'.replace("<", "\\3C ").replace(">", "\\3E "))


def css_page_counter(template: str) -> Markup:
    """'Página {n} de {total}' -> "Página " counter(page) " de " counter(pages)."""
    parts, rest = [], str(template)
    while rest:
        positions = [(rest.find(token), token) for token in ("{n}", "{total}") if token in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, token = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(Markup("counter(page)" if token == "{n}" else "counter(pages)"))
        rest = rest[index + len(token):]
    return Markup(" ").join(parts)


NEARLY_EMPTY = 0.2  # a last page filled less than this is worth a tighter layout


def last_page_fill(document) -> float:
    """How much of the last page's content area its text uses, from 0 to 1.

    Reads WeasyPrint's laid-out boxes (pinned version); page margins (footers) do not count.
    """
    from weasyprint.formatting_structure import boxes

    page = document.pages[-1]._page_box
    top, height = page.content_box_y(), page.height
    bottom = top
    for child in page.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
                bottom = max(bottom, box.position_y + box.height)
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0


@dataclass
class Laid:
    """A leaflet laid out: the WeasyPrint document, its page count and the fit level used."""

    document: object
    pages: int
    fit: int


class Renderer:
    def __init__(self, content, theme_dir: Path, draft: bool = False):
        self.content = content
        self.draft = draft  # a preview the publishing gate refuses: every leaflet says so
        self.theme_dir = Path(theme_dir).resolve()
        self.paper = paper_of(content)
        self.env = Environment(
            loader=FileSystemLoader(str(self.theme_dir)),
            autoescape=True,
            undefined=OptionalUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(qr=lambda data, **kw: Markup(qrcodes.svg(data, **kw)),
                                css_string=css_string, css_page_counter=css_page_counter)
        self.env.globals["m"] = self.env.get_template("_macros.html.j2").module
        self._font_config = None
        self._stylesheet = None  # leaflet.css, parsed once per build instead of once per leaflet

    # -- HTML ---------------------------------------------------------------
    def html(self, leaflet: Leaflet, fit: int = 0) -> str:
        texts = LeafletTexts(self.content, leaflet.lang)
        template = self.env.get_template(leaflet.template)
        values = {"paper": self.paper, **leaflet.values}  # a poster brings its own (large) paper
        return template.render(l=leaflet, t=texts, fit=fit, draft=self.draft, **values)

    # -- PDF ----------------------------------------------------------------
    def _render(self, html: str):
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        if self._font_config is None:
            self._font_config = FontConfiguration()  # fonts are read once per build
            # Parsing the stylesheet was a third of a referral slip's layout time. Given here
            # it is a user stylesheet: the template's own <style> (page size, fit) still wins.
            self._stylesheet = weasyprint.CSS(filename=str(self.theme_dir / STYLESHEET), font_config=self._font_config)
        return weasyprint.HTML(string=html, base_url=self.theme_dir.as_uri() + "/").render(
            font_config=self._font_config, stylesheets=[self._stylesheet])

    def lay_out(self, leaflet: Leaflet) -> Laid:
        """Lay out at the roomiest fit level within the page limit (or the tightest).

        A last page holding only a few lines is avoided where a tighter level saves it.
        """
        previous, laid = None, None
        for fit in range(FIT_LEVELS):
            html = self.html(leaflet, fit)
            if html == previous:
                continue  # this template has nothing tighter at this level
            previous = html
            document = self._render(html)
            attempt = Laid(document, len(document.pages), fit)
            if laid is not None and attempt.pages >= laid.pages and self._fits(leaflet, laid):
                break  # tighter did not save the nearly empty page: keep the roomier one
            laid = attempt
            if self._fits(leaflet, laid) and not (laid.pages > 1 and last_page_fill(document) < NEARLY_EMPTY):
                break
        return laid

    @staticmethod
    def _fits(leaflet: Leaflet, laid: Laid) -> bool:
        return leaflet.max_pages is None or laid.pages <= leaflet.max_pages

    def bind(self, title: str, lang: str, documents: list) -> object:
        """One document of the pages of several laid-out leaflets (a desk pack)."""
        from weasyprint.document import DocumentMetadata

        pages = [page for document in documents for page in document.pages]
        bound = documents[0].copy(pages)
        bound.metadata = DocumentMetadata(title=title, lang=lang)
        return bound

    @staticmethod
    def pdf(document) -> bytes:
        return document.write_pdf()
