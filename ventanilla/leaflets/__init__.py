"""Printable leaflets: PDF per procedure, risk topic, desk and service, and desk packs.

Built with WeasyPrint from the Jinja2 templates in overrides/leaflets/, in every
language, before the MkDocs step; unchanged leaflets come from a cache. One job per
module:

documents.py  the document model: which leaflets exist and what each one holds
kits.py       activity kits (facilitator sheets, posters) built on documents.py
catalogue.py  every leaflet of every language: documents.py's and kits.py's
texts.py      localised texts for the templates (fallback to Spanish, dates, phones)
render.py     HTML from the templates, PDF from WeasyPrint, fitting the page limits
binding.py    desk packs cut from one PDF per language: each section page painted once
cache.py      rendered PDFs keyed by a hash of their inputs
build.py      build every leaflet, publish the PDFs, tell pages what to link

Where each leaflet lives is ventanilla/content/leaflet_locations.py; what web pages carry
for printing is ventanilla/render/leaflet_links.py; QR codes are ventanilla/render/qrcodes.py;
the `ventanilla leaflets` command is ventanilla/cli/leaflets.py.
"""

from .build import LeafletBuild, build_all, publish

__all__ = ["LeafletBuild", "build_all", "publish"]
