"""An inline SVG map of Mexico's states for the desk list: no tiles, no script.

States with a desk are filled and link to their state page (routes.state); each desk
is a dot placed from its coordinates. Outlines: @svg-maps/mexico 2.0.0 by Victor
Cazanave, CC BY 4.0 (LICENSE-svg-maps-mexico.md), simplified once into
mexico-estados.json (whole-number coordinates, tiny islands left out); the page
credits the source.

The outlines are in a Mercator projection whose box runs from Isla Guadalupe (west)
to Isla Mujeres (east) and from the Colorado river (north) to the Suchiate (south);
`project` maps longitude and latitude into it (checked in tests/test_map.py: each
desk falls in its own state).
"""

from __future__ import annotations

import functools
import json
import math
from html import escape
from pathlib import Path

from ...content import routes

WEST, EAST, NORTH, SOUTH = -118.37, -86.71, 32.718, 14.541
SOURCE_URL = "https://github.com/VictorCazanave/svg-maps/tree/master/packages/mexico"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FILL, ACTIVE, DOT = "#d4d4d4", "#1f5f8b", "#b3261e"


@functools.lru_cache(maxsize=1)
def outlines() -> dict:
    return json.loads((Path(__file__).parent / "mexico-estados.json").read_text(encoding="utf-8"))


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def project(lon: float, lat: float) -> tuple[float, float]:
    x0, y0, x1, y1 = outlines()["bbox"]
    x = x0 + (lon - WEST) / (EAST - WEST) * (x1 - x0)
    y = y0 + (_merc(NORTH) - _merc(lat)) / (_merc(NORTH) - _merc(SOUTH)) * (y1 - y0)
    return round(x, 1), round(y, 1)


def svg(ctx, desks: list[dict]) -> str:
    """The map as one line of raw HTML (inside the Markdown of the desk list)."""
    data = outlines()
    with_desks: dict[str, int] = {}
    for d in desks:
        with_desks[d["entidad"]] = with_desks.get(d["entidad"], 0) + 1
    plain = "".join(f'<path d="{d}"/>' for state, d in sorted(data["states"].items()) if state not in with_desks)
    links = "".join(
        f'<a href="{escape(ctx.url_href(routes.state(state)))}" aria-label="{escape(ctx.ui("mapa_estado", **ctx.state(state), n=n))}">'
        f'<path d="{data["states"][state]}"/></a>'
        for state, n in sorted(with_desks.items()) if state in data["states"])
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="6"/>' for x, y in sorted(
        project(d["coordenadas"]["lon"], d["coordenadas"]["lat"]) for d in desks if d.get("coordenadas")))
    return (f'<svg class="vn-map" viewBox="{data["viewBox"]}" width="100%" stroke="#fff" stroke-width="1">'
            f'<g fill="{FILL}" aria-hidden="true">{plain}</g><g fill="{ACTIVE}">{links}</g>'
            f'<g fill="{DOT}" stroke-width="2" aria-hidden="true">{dots}</g></svg>')


def section(ctx, desks: list[dict]) -> str:
    """Heading, map and credit, as Markdown to append to the desk list."""
    credit = ctx.ui("mapa_credito", fuente=f'<a href="{SOURCE_URL}">@svg-maps/mexico</a> (Victor Cazanave)',
                    licencia=f'<a href="{LICENCE_URL}">CC BY 4.0</a>')
    return (f'\n\n<div class="vn-nosearch" markdown>\n\n## {escape(ctx.ui("mapa_titulo"))} {{ #mapa }}\n\n'
            f'{escape(ctx.ui("mapa_texto"))}\n\n'
            f'<figure class="vn-figure" markdown="0">{svg(ctx, desks)}<figcaption>{credit}</figcaption></figure>\n\n</div>\n')
