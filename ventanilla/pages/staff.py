"""For desk staff: the referral finder and the materials to print.

`personal/` lists the states; `personal/<state>` is the referral finder of one state:
its open services grouped by need, each with the populations it serves, its number,
its hours and its referral slip (PDF). `personal/<state>/<population>` is the same list
narrowed to the services that serve one population (they name it, or everyone): the
state page links one per population (routes.staff_filters). Plain links and anchors:
it works without JavaScript and, once visited, offline (the service worker keeps every
page read). Then the desk packs and the activity kits.
Services come from content.directory (open ones only).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from ..content import directory, routes


def write(site) -> None:
    """Write routes.STAFF, routes.staff_state(s) and routes.staff_population(s, p)
    (site: generate.LanguageSite)."""
    content = site.c
    states = routes.served_states(content)
    ctx = site.ctx(routes.STAFF)
    packs = [(ctx.plain(d.data["nombre"]), [dl for dl in site.downloads.get(routes.desk(d.id), [])
                                            if dl.kind == "paquete"])
             for d in sorted(content.desks().values(), key=lambda d: (d.data["entidad"], d.data["municipio"]))]
    body = site.render("staff.md.j2", ctx, states=states, packs=[(name, files) for name, files in packs if files])
    site.write(ctx, ctx.ui("personal"), body, description=ctx.ui("personal_lead"))
    filters = defaultdict(list)
    for state, population in routes.staff_filters(content):
        filters[state].append(population)
    national = sorted(content.directory.national(), key=lambda s: ctx.plain(s["nombre"]).casefold())
    row = _Rows(site)
    for state in states:
        local = site.services_in_state(state)
        for population in [None] + filters[state]:
            path = routes.staff_population(state, population) if population else routes.staff_state(state)
            ctx = site.ctx(path)
            keep = (lambda s, who=population: directory.serves(s, who)) if population else (lambda s: True)
            needs = []
            for category in content.catalogs.get("categorias", {}):
                rows = [row(ctx, s, state) for s in local if category in (s.get("categorias") or []) and keep(s)]
                if rows:
                    needs.append((category, rows))
            body = site.render("staff_state.md.j2", ctx, state=state, needs=needs, population=population,
                               populations=filters[state],
                               national=[row(ctx, s) for s in national if keep(s)])
            title = ctx.ui("referir_en", **ctx.state(state))
            if population:
                title = ctx.ui("referir_para", **ctx.state(state),
                               poblacion=ctx.catalog("poblaciones", population))
            site.write(ctx, title, body, description=ctx.ui("personal_lead"))


class _Rows:
    """A service's referral row, rendered once per folder of pages (its links are relative)
    and state (its number), as the national services fill every page of a language: the
    text is the same, and so is whether it shows a text in another language (the page
    then says so, PageContext.fallback_used)."""

    def __init__(self, site):
        self.site, self.done = site, {}

    def __call__(self, ctx, service: dict, state: str | None = None):
        key = (posixpath.dirname(ctx.path), id(service), state)
        if key not in self.done:
            macro = self.site.env.get_template("_staff_row.md.j2").make_module({"ctx": ctx}).referral_row
            was, ctx.fallback_used = ctx.fallback_used, False
            self.done[key] = (macro(_row(self.site, service, state)), ctx.fallback_used)
            ctx.fallback_used = was
        text, fallback = self.done[key]
        ctx.fallback_used = ctx.fallback_used or fallback
        return text


def _row(site, service: dict, state: str | None = None) -> dict:
    slips = [d for d in site.downloads.get(routes.service(service["id"]), []) if d.kind == "referencia"]
    return {"s": service, "number": directory.call_number(service, state), "slip": slips[0] if slips else None}
