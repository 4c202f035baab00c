"""schema.org JSON-LD for desk and service pages: name, organisation, address, geo,
opening hours and telephone, only the facts the content has (nothing is made up).

A `<script type="application/ld+json">` data block: browsers never run it, so the
Content-Security-Policy (no inline scripts) is unaffected."""

from __future__ import annotations

import json

from ..content import directory
from ..content.localize import plain

DAYS = {"lun": "Monday", "mar": "Tuesday", "mie": "Wednesday", "jue": "Thursday", "vie": "Friday",
        "sab": "Saturday", "dom": "Sunday"}


def _address(content, data: dict, lang: str) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "MX"}
    if data.get("direccion"):
        address["streetAddress"] = plain(data["direccion"], lang, content.fallbacks(lang))
    if data.get("municipio"):
        address["addressLocality"] = data["municipio"]
    state = content.catalogs.get("entidades", {}).get(data.get("entidad"))
    if state:
        address["addressRegion"] = plain(state, lang, content.fallbacks(lang))
    return address


def _place(content, data: dict, lang: str) -> dict:
    place = {"address": _address(content, data, lang)}
    point = data.get("coordenadas") or {}
    if "lat" in point and "lon" in point:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": point["lat"], "longitude": point["lon"]}
    return place


def _hours(data: dict) -> list[dict]:
    if data.get("abierto_24h"):
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(DAYS.values()),
                 "opens": "00:00", "closes": "23:59"}]
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [DAYS[d] for d in r["dias"]],
             "opens": r["abre"], "closes": r["cierra"]} for r in data.get("horario") or []]


def _phones(data: dict) -> list[str]:
    """The entry's own phones, none for a closed one (directory.channels: never offered)."""
    return [c.value for c in directory.channels(data) if c.kind == "telefono"]


def desk(content, data: dict, lang: str, url: str) -> dict:
    item = {"@context": "https://schema.org", "@type": ["Organization", "Place"],
            "name": plain(data["nombre"], lang, content.fallbacks(lang)), "url": url, **_place(content, data, lang)}
    if data.get("institucion"):
        item["parentOrganization"] = {"@type": "Organization",
                                      "name": plain(data["institucion"], lang, content.fallbacks(lang))}
    if _hours(data):
        item["openingHoursSpecification"] = _hours(data)
    if _phones(data):
        item["telephone"] = _phones(data)[0]
    if data.get("correo"):
        item["email"] = data["correo"]
    return item


def service(content, data: dict, lang: str, url: str) -> dict:
    item = {"@context": "https://schema.org", "@type": "Service",
            "name": plain(data["nombre"], lang, content.fallbacks(lang)), "url": url}
    org = content.organizations().get(data.get("organizacion"))
    if org:
        item["provider"] = {"@type": "Organization", "name": plain(org.data["nombre"], lang, content.fallbacks(lang))}
        if org.data.get("sitio_web"):
            item["provider"]["url"] = org.data["sitio_web"]
    coverage = data.get("cobertura") or {}
    if coverage.get("nacional"):
        item["areaServed"] = {"@type": "Country", "name": "México"}
    elif coverage.get("entidades"):
        item["areaServed"] = [{"@type": "State", "name": plain(content.catalogs["entidades"].get(e, e), lang,
                                                                content.fallbacks(lang))} for e in coverage["entidades"]]
    if _hours(data):
        item["hoursAvailable"] = _hours(data)
    channel = {"@type": "ServiceChannel"}
    if _phones(data):
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": _phones(data)[0]}
    places = [{"@type": "Place", "name": plain(p.get("nombre"), lang, content.fallbacks(lang)) if p.get("nombre") else item["name"],
               **_place(content, p, lang)} for p in data.get("ubicaciones") or []]
    if places:
        channel["serviceLocation"] = places[0] if len(places) == 1 else places
    if len(channel) > 1:
        item["availableChannel"] = channel
    return item


def block(item: dict) -> str:
    """The data block to append to a page's Markdown (raw HTML, one line)."""
    text = json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # no markup can appear inside the block, not even as text
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'\n\n<script type="application/ld+json">{text}</script>\n'


def page_url(content, lang: str, path: str) -> str:
    """The public address of a generated page (sitio.yml `url`)."""
    from ..content import routes

    return content.site["url"] + routes.language_prefix(content.codes, lang) + routes.url(path)
