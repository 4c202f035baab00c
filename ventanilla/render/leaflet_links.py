"""What the web pages carry for printing: leaflet links and a print-only QR code.

`page_head` is raw HTML placed before a page's heading: a QR code of the page's
public URL with the URL printed beside it, hidden on screen by
overrides/assets/ventanilla.css and shown on paper. `page_foot` is the Markdown of
the links to the page's leaflets, with their size ("Descargar folleto (PDF, 18 KB)").
`printed_links` gives the links of a built page their printed address (data-vn-url).
Light on purpose (segno only, no WeasyPrint): the page generator imports it.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from markupsafe import escape

from ..content import leaflet_locations as locations
from ..content import routes
from . import qrcodes, theme
from .markdown import link
from .pagecontext import PageContext

# 404 and the offline page: served at any address, a QR code to them helps nobody.
# The search page: a box and
# an A–Z list made for the screen, whose every byte counts (a QR code is ~0.6 KB brotli).
# First URL folders of pages made for the screen alone (the search page's A–Z list: every
# byte counts on each visit); their links get no printed address.
NOT_PRINTED = {"buscar"}
NO_PRINT_QR = {routes.NOT_FOUND, routes.OFFLINE, routes.SEARCH}


def page_head(content, lang: str, path: str) -> str:
    if path in NO_PRINT_QR:
        return ""
    url = locations.page_url(content, lang, path)
    label = PageContext(content, lang, path).ui("pagina_en_linea")
    svg = qrcodes.svg(url, css_class="vn-print-qr__code")
    return (f'<div class="vn-print-qr vn-nosearch" aria-hidden="true">{svg}'
            f'<p>{escape(label)}:<br><strong>{_breakable(locations.printed(url))}</strong></p></div>\n\n')


def _breakable(url: str) -> str:
    """The URL, allowed to wrap after each slash (not in the middle of a word)."""
    return "/<wbr>".join(str(escape(part)) for part in url.split("/"))


def page_foot(content, lang: str, path: str, downloads) -> str:
    """Markdown links from the page at `path` to its leaflets (docs paths)."""
    if not downloads:
        return ""
    ctx = PageContext(content, lang, path)
    items = "".join(f"- {link(d.label, ctx.href(d.file))}\n" for d in downloads)
    return f'\n<div class="vn-downloads vn-nosearch" markdown>\n\n{items}\n</div>\n'



_ARTICLE = re.compile(f"({re.escape(theme.ARTICLE_OPEN)})(.*?)({re.escape(theme.ARTICLE_CLOSE)})", re.DOTALL)
_RELATIVE_LINK = re.compile(r'<a href="((?![a-z][a-z0-9+.-]*:|#|/)[^"]*)"')


def printed_links(html: str, page_url: str, base: str) -> str:
    """Give every link between pages inside a page's text its printed address.

    Links in the built HTML are relative ("../../directorio/x/"), which means nothing
    on paper: the print stylesheet prints `data-vn-url` after each link instead. Links
    to files (the leaflets) and within the page are left alone. `page_url` is the
    page's public address, `base` the site's.
    """
    def mark(match):
        href = match.group(1)
        target = urljoin(page_url, href)
        if not target.startswith(base) or not target.split("#")[0].endswith("/"):
            return match.group(0)
        return f'<a data-vn-url="{escape(locations.printed(target))}" href="{href}"'

    return _ARTICLE.sub(lambda m: m.group(1) + _RELATIVE_LINK.sub(mark, m.group(2)) + m.group(3), html, count=1)
