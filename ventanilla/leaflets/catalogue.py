"""Every leaflet the build lays out: documents.py's leaflets, then kits.py's, per language."""

from __future__ import annotations

from . import documents, kits
from .documents import Leaflet


def all_leaflets(content) -> list[Leaflet]:
    """Every published leaflet of every language (pack sections are inside the packs)."""
    leaflets = []
    for lang in content.codes:
        procedure_list = documents.procedures(content, lang)
        desk_list = documents.desks(content, lang)
        leaflets += procedure_list + documents.risks(content, lang) + desk_list + documents.slips(content, lang)
        leaflets += documents.packs(content, lang, desk_list, procedure_list)
        leaflets += kits.kits(content, lang)
    return leaflets
