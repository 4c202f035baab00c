"""The document model: which leaflets exist, and what each one holds, per language.

Kinds, for every configured language:
- `tramite`     one per procedure (at most 2 pages: steps first, then documents,
                where to go and contacts);
- `riesgo`      one per risk topic (1 page, poster-like, with the help numbers);
- `ventanilla`  one per desk (1 page: address, hours, phones, services, a QR code
                of the map link, the urgent numbers and the key services of its state);
- `referencia`  a referral slip per directory service (half a page, printed two to a
                sheet: name, address, hours, phone, what to bring, the reasons as tick
                boxes, blank lines for the referring desk, a first name and the date,
                written by hand; nothing personal is stored);
- `paquete`     a desk pack per desk: the desk leaflet, the urgent-help numbers, the
                services of its state and the procedures, to print a stack each day.
The urgent-help sheet (`urgencias`) and the state's services sheet (`servicios`)
exist only inside desk packs. Activity kits (`ficha`, `cartel`, `cartel-grande`) are
built in kits.py.

A Leaflet says what to print, not how: the templates in overrides/leaflets/ lay it out.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown as markdown_lib
from markupsafe import Markup

from ..content import directory, localize, routes
from ..content import leaflet_locations as locations

MAX_PAGES = {"tramite": 2, "riesgo": 1, "ventanilla": 1, "referencia": 1, "urgencias": 3, "servicios": 3,
             "ficha": 2, "cartel": 1, "cartel-grande": 1}


@dataclass
class Leaflet:
    kind: str
    id: str
    lang: str
    title: str  # plain text, also the PDF title
    title_lang: str | None  # set when the title is a Spanish fallback
    page: str  # docs path of the online page it prints (the QR code leads there)
    url: str  # absolute URL of that page
    template: str  # file in overrides/leaflets/
    values: dict = field(default_factory=dict)
    checked: str | None = None  # ISO date of the last verification or review
    checked_label: str = "verificado_el"  # interface string for that date
    status: str | None = None  # estatus of the content (sin_verificar, cerrado…)
    source: Path | None = None  # content file behind it, for findings
    file: str | None = None  # docs path of the published PDF; None inside packs only
    sections: list[Leaflet] = field(default_factory=list)  # desk packs
    listed_on: str | None = None  # docs path whose page links it, when not `page` (activity kits)
    group: str | None = None  # what it belongs to on that page (the topic of a kit)

    @property
    def trust_key(self) -> str:
        """The interface string of the one-line trust label, as on the web page
        (generate.trust_line): confirmed with the institution, or taken from public sources."""
        return "confianza_verificado" if self.status == "verificado" else "confianza_fuentes"

    @property
    def max_pages(self) -> int | None:
        return MAX_PAGES.get(self.kind)  # None: no limit (desk packs)

    @property
    def printed_url(self) -> str:
        return locations.printed(self.url)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.id, self.lang)


# -- helpers ------------------------------------------------------------------
def _title(value, lang: str, source: str) -> tuple[str, str | None]:
    picked = localize.pick(value, lang, source)  # source: the language's fallbacks (Content.fallbacks)
    if picked is None:
        return "", None
    return str(picked.value), (picked.lang if picked.fallback else None)


def _name_key(service: dict, lang: str, source: str) -> str:
    return localize.plain(service.get("nombre"), lang, source).casefold()


def emergency_numbers(content, state: str) -> list[dict]:
    """Open services of the `emergencias` category with a number that answers in `state`:
    the numbers to call first."""
    return [s for s in content.directory.emergency(state) if directory.call_number(s, state)]


def calls(services: list[dict], state: str | None = None) -> list[dict]:
    """The first phone of each service (in `state`, if given), one box per number: {numero, services}.

    Two services reached at the same number (911 and a rescue team that answers
    through 911) share a box instead of repeating the number.
    """
    boxes: dict[str, dict] = {}
    for service in services:
        number = directory.call_number(service, state)  # the same number the web pages offer
        if number:
            boxes.setdefault(directory.dial_key(number), {"numero": number, "services": []})["services"].append(service)
    return list(boxes.values())


def _near_first(services: list[dict], state: str, municipality: str) -> list[dict]:
    """Services with an office in the desk's municipality first (stable otherwise)."""
    def far(service):
        return not any(u.get("entidad") == state and u.get("municipio") == municipality
                       for u in service.get("ubicaciones") or [])
    return sorted(services, key=far)


def _by_name(services: list[dict], lang: str, source: str) -> list[dict]:
    """Sorted by name (the services come from content.directory: open ones only)."""
    return sorted(services, key=lambda s: _name_key(s, lang, source))


def _oldest(dates) -> str | None:
    dates = [str(d) for d in dates if d]
    return min(dates) if dates else None


def _status(items: list[dict]) -> str | None:
    return "sin_verificar" if any(i.get("estatus") == "sin_verificar" for i in items) else None


def map_url(coords: dict) -> str:
    """The OpenStreetMap link the pages show, for the desk leaflet's map QR code."""
    lat, lon = coords["lat"], coords["lon"]
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


_HREF = re.compile(r'href="([^"]*)"')


def body_html(content, lang: str, page_path: str, text: str) -> Markup:
    """A page's Markdown body as HTML; links to other pages become their public URLs.

    Editors' bodies hold no HTML (crosscheck rejects it), so the output is safe.
    """
    if not text.strip():
        return Markup("")
    html = markdown_lib.markdown(text)

    def absolute(match):
        href = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("#"):
            return match.group(0)
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
        if not target.endswith(".md"):
            return match.group(0)
        url = locations.page_url(content, lang, target) + (f"#{fragment}" if fragment else "")
        return f'href="{url}"'

    return Markup(_HREF.sub(absolute, html))


# -- one builder per kind ------------------------------------------------------
def _localized(content, lang: str, kind: str):
    """(page id, page, data in this language, served language) of procedures or risks."""
    source = content.source_lang
    for page_id, page in sorted(content.pages[kind].items()):
        if source not in page.docs:
            continue  # reported by the cross-check; no page is generated either
        served = page.served(lang, content.fallbacks(lang))
        yield page_id, page, page.docs[served], served


def _page_leaflet(content, lang: str, kind: str, page_id: str, page, doc, served: str, shared: dict,
                  values: dict) -> Leaflet:
    """The leaflet of a procedure or risk page (template `<kind>.html.j2`): title, review
    date and status from its files, the page's own values beside `values`."""
    path = routes.PAGE_ROUTES[kind](page_id)
    return Leaflet(
        kind=kind, id=page_id, lang=lang, title=doc.data["titulo"],
        title_lang=served if served != lang else None, page=path,
        url=locations.page_url(content, lang, path), template=f"{kind}.html.j2",
        values={"p": doc.data, "shared": shared, "served": served, **values},
        checked=shared.get("revisado_el"), checked_label="revisado_el", status=shared.get("estatus"),
        source=page.docs[content.source_lang].path, file=locations.leaflet_file(kind, page_id))


def procedures(content, lang: str) -> list[Leaflet]:
    found = []
    for page_id, page, doc, served in _localized(content, lang, "tramite"):
        shared = page.shared(content.source_lang)
        services = _by_name(content.directory.by_ids(shared.get("servicios")), lang, content.source_lang)
        body = body_html(content, lang, routes.procedure(page_id), doc.body)
        found.append(_page_leaflet(content, lang, "tramite", page_id, page, doc, served, shared,
                                   {"services": services, "body": body}))
    return found


def risks(content, lang: str) -> list[Leaflet]:
    found = []
    for page_id, page, doc, served in _localized(content, lang, "riesgo"):
        shared = page.shared(content.source_lang)
        helpers = _by_name(content.directory.by_ids(shared.get("ayuda")), lang, content.source_lang)
        found.append(_page_leaflet(content, lang, "riesgo", page_id, page, doc, served, shared,
                                   {"services": helpers, "calls": calls(helpers)}))
    return found


def desks(content, lang: str) -> list[Leaflet]:
    found = []
    for desk_id, desk in sorted(content.desks().items()):
        d = desk.data
        title, title_lang = _title(d["nombre"], lang, content.fallbacks(lang))
        path = routes.desk(desk_id)
        state_services = _near_first(_by_name(content.services_in_state(d["entidad"]), lang, content.fallbacks(lang)),
                                     d["entidad"], d["municipio"])
        found.append(Leaflet(
            kind="ventanilla", id=desk_id, lang=lang, title=title, title_lang=title_lang, page=path,
            url=locations.page_url(content, lang, path), template="ventanilla.html.j2",
            values={"d": d, "state_services": state_services,
                    "state_url": locations.page_url(content, lang, routes.state(d["entidad"])),
                    "emergency": calls(_by_name(emergency_numbers(content, d["entidad"]), lang, content.fallbacks(lang)), d["entidad"]),
                    "map_url": map_url(d["coordenadas"]) if d.get("coordenadas") else None},
            checked=d.get("verificado_el"), status=d.get("estatus"), source=desk.doc.path,
            file=locations.leaflet_file("ventanilla", desk_id)))
    return found


def _first_number(service: dict) -> dict | None:
    """The number a slip asks to call (or write on WhatsApp) before going, as
    {kind, numero, nota, lugar}: `lugar` names the office whose number it is when the
    service has several. None when the service has only an e-mail: the slip then
    never says "call"."""
    channel = next((c for c in directory.channels(service) if c.kind in ("telefono", "whatsapp")), None)
    if channel is None:
        return None
    offices = service.get("ubicaciones") or []
    key = directory.dial_key(channel.value)
    own = any(directory.dial_key(p["numero"]) == key for p in service.get("telefonos") or [])
    place = None
    if not own and len(offices) > 1:
        place = next((u for u in offices if any(directory.dial_key(p["numero"]) == key
                                                 for p in u.get("telefonos") or [])), None)
    return {"kind": channel.kind, "numero": channel.value, "nota": channel.note,
            "lugar": place["municipio"] if place else None}


def slips(content, lang: str) -> list[Leaflet]:
    """A referral slip per open service with a phone, WhatsApp or e-mail: what the service
    does as tick boxes (its `categorias`, plus "other"), the number to call first, its
    offices, hours and what to bring, and blank lines for the referring desk, the date and
    a first name, written by hand."""
    found = []
    for service_id, service in sorted(content.services().items()):
        s = service.data
        if not directory.reachable(s):
            continue  # closed, or no phone, WhatsApp or e-mail: nothing to refer a person to
        title, title_lang = _title(s["nombre"], lang, content.fallbacks(lang))
        org = content.organizations().get(s.get("organizacion"))
        path = routes.service(service_id)
        known = content.catalogs.get("categorias") or {}
        found.append(Leaflet(
            kind="referencia", id=service_id, lang=lang, title=title, title_lang=title_lang, page=path,
            url=locations.page_url(content, lang, path), template="referencia.html.j2",
            values={"s": s, "org": org.data if org else None,
                    "call": _first_number(s),
                    "reasons": [c for c in s.get("categorias") or [] if c in known]},
            checked=s.get("verificado_el"), status=s.get("estatus"), source=service.doc.path,
            # the page's own trust line: confirmed with the institution, or taken from public sources
            checked_label="confianza_verificado" if s.get("estatus") == "verificado" else "confianza_fuentes",
            file=locations.leaflet_file("referencia", service_id)))
    return found


def urgent_sheet(content, lang: str, state_id: str) -> Leaflet:
    """Urgent-help numbers for one state: what to do in each situation, whom to call."""
    source = content.source_lang
    emergency = _by_name(emergency_numbers(content, state_id), lang, content.fallbacks(lang))
    boxed = {s["id"] for s in emergency}  # in the boxes at the top: not repeated under each situation
    situations, listed = [], []
    for u in sorted(content.urgencies().values(), key=lambda e: (e.data.get("orden", 0), e.id)):
        national = [s for s in _by_name(content.directory.by_ids(u.data.get("servicios")), lang, content.fallbacks(lang)) if s["id"] not in boxed]
        local = [s for s in _by_name(content.directory.by_ids((u.data.get("por_entidad") or {}).get(state_id)), lang, content.fallbacks(lang))
                 if s["id"] not in boxed]
        situations.append({"u": u.data, "national": national, "local": local})
        listed += national + local
    dates = [s["u"].get("revisado_el") for s in situations] + [s.get("verificado_el") for s in listed + emergency]
    ui = content.ui.get(lang) or {}
    title = ui.get("ayuda_urgente") or content.ui[source].get("ayuda_urgente", "")
    return Leaflet(
        kind="urgencias", id=state_id, lang=lang, title=title, title_lang=None, page=routes.URGENT,
        url=locations.page_url(content, lang, routes.URGENT), template="urgencias.html.j2",
        values={"situations": situations, "emergency": calls(emergency, state_id), "state": state_id},
        checked=_oldest(dates), checked_label="revisado_el", status=_status(listed + emergency))


def state_services_sheet(content, lang: str, state_id: str) -> Leaflet:
    """Every service of one state, then the national ones: the state's directory page."""
    local = _by_name(content.services_in_state(state_id), lang, content.fallbacks(lang))
    local_ids = {s["id"] for s in local}
    national = [s for s in _by_name(content.directory.national(), lang, content.fallbacks(lang)) if s["id"] not in local_ids]
    state_name = localize.plain(content.catalogs.get("entidades", {}).get(state_id, state_id), lang, content.fallbacks(lang))
    path = routes.state(state_id)
    return Leaflet(
        kind="servicios", id=state_id, lang=lang, title=state_name, title_lang=None, page=path,
        url=locations.page_url(content, lang, path), template="servicios.html.j2",
        values={"local": local, "national": national, "state": state_id},
        checked=_oldest(s.get("verificado_el") for s in local + national), checked_label="verificado_el",
        status=_status(local + national))


def packs(content, lang: str, desk_leaflets: list[Leaflet], procedure_leaflets: list[Leaflet]) -> list[Leaflet]:
    source = content.source_lang
    found, urgent, services = [], {}, {}
    for desk in desk_leaflets:
        state = desk.values["d"]["entidad"]
        if state not in urgent:
            urgent[state] = urgent_sheet(content, lang, state)
            services[state] = state_services_sheet(content, lang, state)
        sections = [desk, urgent[state], services[state], *procedure_leaflets]
        ui = content.ui.get(lang) or {}
        label = ui.get("paquete_titulo") or content.ui[source].get("paquete_titulo", "{ventanilla}")
        found.append(Leaflet(
            kind="paquete", id=desk.id, lang=lang, title=label.format(ventanilla=desk.title), title_lang=None,
            page=desk.page, url=desk.url, template="", checked=desk.checked, status=desk.status,
            source=desk.source, file=locations.leaflet_file("paquete", desk.id), sections=sections))
    return found
