"""Printable leaflets: PDF per procedure, risk topic, desk and service, and desk packs.

Built with WeasyPrint from the Jinja2 templates in overrides/leaflets/, in every
language, before the MkDocs step; unchanged leaflets come from a cache. One job per
module:

locations.py  where each leaflet lives in the site and which page it prints
documents.py  the document model: which leaflets exist and what each one holds
texts.py      localised texts for the templates (fallback to Spanish, dates, phones)
qrcodes.py    QR codes as inline SVG (segno)
render.py     HTML from the templates, PDF from WeasyPrint, fitting the page limits
cache.py      rendered PDFs keyed by a hash of their inputs
build.py      build every leaflet, publish the PDFs, tell pages what to link
web.py        what web pages carry for printing: leaflet links, a print-only QR code
command.py    the `ventanilla leaflets` command (rebuild on demand)
"""

from . import web
from .build import LeafletBuild, build_all, publish

__all__ = ["LeafletBuild", "build_all", "publish", "web"]
