"""Activity kits: for every awareness topic (risk and community topics) and language, a
facilitator sheet and two posters, built like the other leaflets (documents.py).

- `ficha`          facilitator sheet, at most 2 pages: goal, audience, duration, key
                   messages, steps, questions to open the dialogue, what to hand out,
                   and the help numbers of the topic;
- `cartel`         poster on the configured paper (Letter or A4), 1 page;
- `cartel-grande`  the same poster on large paper (Tabloid 11 × 17 in with Letter,
                   A3 with A4), 1 page.
Their QR codes lead to the topic's online page; their download links are listed on
the activity kits page (routes.KITS), not on the topic page that migrants read.
"""

from __future__ import annotations

from ..content import leaflet_locations as locations
from ..content import routes
from ..pages import awareness
from .documents import Leaflet, calls
from .render import LARGE_PAPERS, paper_of
from .texts import LeafletTexts

KIT_KINDS = ("ficha", "cartel", "cartel-grande")


def kits(content, lang: str) -> list[Leaflet]:
    source = content.source_lang
    texts = LeafletTexts(content, lang)
    found = []
    for kit in awareness.kits(content, lang):
        page = content.awareness_topics()[kit.topic_id]
        shared = page.shared(source)
        served = page.served(lang, content.fallbacks(lang))
        topic_title = page.docs[served].data["titulo"]
        path = routes.PAGE_ROUTES[kit.topic_kind](kit.topic_id)
        # the editor's order (the topic's `ayuda`), not by name: the first numbers go on the poster
        helpers = content.directory.by_ids(shared.get("ayuda"))  # open services only
        values = {"kit": kit, "served": kit.lang, "topic": topic_title, "services": helpers, "calls": calls(helpers)}
        common = dict(lang=lang, title_lang=None, page=path, url=locations.page_url(content, lang, path),
                      checked=shared.get("revisado_el"), checked_label="revisado_el", status=shared.get("estatus"),
                      source=page.docs[source].path, listed_on=routes.KITS, group=kit.topic_id)
        found.append(Leaflet(kind="ficha", id=kit.topic_id, title=texts.ui("ficha_titulo", tema=topic_title),
                             template="ficha.html.j2", values=values,
                             file=locations.leaflet_file("ficha", kit.topic_id), **common))
        for kind, paper in (("cartel", paper_of(content)), ("cartel-grande", LARGE_PAPERS[paper_of(content).name])):
            found.append(Leaflet(kind=kind, id=kit.topic_id, title=texts.ui("cartel_titulo", tema=topic_title),
                                 template="cartel.html.j2", values={**values, "paper": paper},
                                 file=locations.leaflet_file(kind, kit.topic_id), **common))
    return found
