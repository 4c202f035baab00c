"""The inline SVG map of the desk list (ventanilla/map/): every state with a desk is
linked to its state page, each desk's dot falls in its own state, the outlines' source
is credited, and the map stays small."""

from __future__ import annotations

import re

import brotli

from ventanilla.content import routes
from ventanilla.pages import statemap


def rings(d: str) -> list[list[tuple[float, float]]]:
    """The polygons of a simplified path (M x y l dx dy … z)."""
    out = []
    for part in re.findall(r"M[^z]+z", d):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        x, y = nums[0], nums[1]
        ring = [(x, y)]
        for dx, dy in zip(nums[2::2], nums[3::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        out.append(ring)
    return out


def inside(point, ring) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def near(point, ring, distance) -> bool:
    """Within `distance` of the ring's outline."""
    px, py = point
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / ((dx * dx + dy * dy) or 1)))
        if ((px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2) ** 0.5 <= distance:
            return True
    return False


def test_every_desk_dot_falls_in_its_state(bundled_build):
    _, result = bundled_build
    states = statemap.outlines()["states"]
    assert set(states) == set(result.content.catalogs["entidades"])
    for desk_id, desk in result.content.desks().items():
        d = desk.data
        point = statemap.project(d["coordenadas"]["lon"], d["coordenadas"]["lat"])
        own = rings(states[d["entidad"]])
        # the outlines are simplified by 1.5 units: a border town may sit just outside
        assert any(inside(point, r) for r in own) or any(near(point, r, 4) for r in own), (desk_id, point)
        others = [s for s, path in states.items() if s != d["entidad"] and any(inside(point, r) for r in rings(path))]
        assert others == [], (desk_id, others)


def test_states_with_desks_are_linked_to_their_state_page(bundled_build):
    root, result = bundled_build
    states_with = {d.data["entidad"] for d in result.content.desks().values()}
    for lang in ("", "en", "fr"):
        page = root / "site" / lang / "ventanillas" / "index.html"
        svg = re.search(r'<svg class="vn-map".*?</svg>', page.read_text(encoding="utf-8"), re.S).group(0)
        linked = set(re.findall(r'<a [^>]*href="\.\./directorio/entidades/([a-z-]+)/"', svg))
        assert linked == states_with
        for state in linked:
            assert (root / "site" / lang / routes.url(routes.state(state)) / "index.html").exists()
        assert svg.count("<circle") == len(result.content.desks())
        assert len(re.findall(r"<path ", svg)) == 32


def test_the_map_is_small_and_credits_its_source(bundled_build):
    root, _ = bundled_build
    html = (root / "site" / "ventanillas" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="vn-map".*?</svg>', html, re.S).group(0)
    assert len(brotli.compress(svg.encode("utf-8"))) <= 30 * 1024
    assert "@svg-maps/mexico" in html and "CC BY 4.0" in html
    assert (statemap.Path(statemap.__file__).parent / "LICENSE-svg-maps-mexico.md").exists()
