"""Where each leaflet lives and which online page it belongs to.

Leaflets are files of the built site, in the folder of their language, like pages:
    folletos/tramites/<id>.pdf      procedure leaflet      -> tramites/<id>/
    folletos/riesgos/<id>.pdf       risk-topic leaflet     -> riesgos/<id>/
    folletos/ventanillas/<id>.pdf   desk leaflet           -> ventanillas/<id>/
    folletos/referencias/<id>.pdf   referral slip          -> directorio/<id>/
    folletos/paquetes/<id>.pdf      desk pack              -> ventanillas/<id>/
    folletos/fichas/<id>.pdf        facilitator sheet      -> riesgos/<id>/ or comunidad/<id>/
    folletos/carteles/<id>.pdf      poster (Letter or A4)  -> the same topic page
    folletos/carteles-grandes/<id>.pdf  large poster       -> the same topic page
Spanish (the source language) at /folletos/…, other languages at /<lang>/folletos/….
Paths here are docs paths (relative to one language's root), as in routes.py.
"""

from __future__ import annotations

from . import routes

FOLDER = "folletos"
KIND_FOLDERS = {
    "tramite": "tramites",
    "riesgo": "riesgos",
    "ventanilla": "ventanillas",
    "referencia": "referencias",
    "paquete": "paquetes",
    "ficha": "fichas",
    "cartel": "carteles",
    "cartel-grande": "carteles-grandes",
}


def leaflet_file(kind: str, item_id: str) -> str:
    """Docs path of a leaflet, e.g. folletos/tramites/asilo-comar.pdf."""
    return f"{FOLDER}/{KIND_FOLDERS[kind]}/{item_id}.pdf"


def language_prefix(content, lang: str) -> str:
    """'' for the source language (served at /), 'en/' for the others (routes.language_prefix)."""
    return routes.language_prefix(content.codes, lang)


def page_url(content, lang: str, docs_path: str) -> str:
    """Absolute public URL of a generated page, from content/sitio.yml `url`."""
    return content.site["url"] + language_prefix(content, lang) + routes.url(docs_path)


def printed(url: str) -> str:
    """The URL as printed for people to type: without https:// (the QR code has it)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url
