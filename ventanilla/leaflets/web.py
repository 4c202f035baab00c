"""What the web pages carry for printing: leaflet links and a print-only QR code.

`page_head` is raw HTML placed before a page's heading: a QR code of the page's
public URL with the URL printed beside it, hidden on screen by
overrides/assets/ventanilla.css and shown on paper. `page_foot` is the Markdown of
the links to the page's leaflets, with their size ("Descargar folleto (PDF, 18 KB)").
Light on purpose (segno only, no WeasyPrint): the page generator imports it.
"""

from __future__ import annotations

from markupsafe import escape

from .. import routes
from ..markdown import link
from ..pagecontext import PageContext
from . import locations, qrcodes

NO_PRINT_QR = {routes.NOT_FOUND}  # served at any address: a QR code to /404/ helps nobody


def page_head(content, lang: str, path: str) -> str:
    if path in NO_PRINT_QR:
        return ""
    url = locations.page_url(content, lang, path)
    label = PageContext(content, lang, path).ui("pagina_en_linea")
    svg = qrcodes.svg(url, css_class="vn-print-qr__code")
    return (f'<div class="vn-print-qr vn-nosearch" aria-hidden="true">{svg}'
            f'<p>{escape(label)}:<br><strong>{escape(locations.printed(url))}</strong></p></div>\n\n')


def page_foot(content, lang: str, path: str, downloads) -> str:
    """Markdown links from the page at `path` to its leaflets (docs paths)."""
    if not downloads:
        return ""
    ctx = PageContext(content, lang, path)
    items = "".join(f"- {link(d.label, ctx.href(d.file))}\n" for d in downloads)
    return f'\n<div class="vn-downloads vn-nosearch" markdown>\n\n{items}\n</div>\n'
