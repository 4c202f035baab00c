"""For desk staff: the referral finder and the materials to print.

`personal/` lists the states; `personal/<state>` is the referral finder of one state:
its open services grouped by need, each with the populations it serves, its number,
its hours and its referral slip (PDF). Plain links and anchors: it works without
JavaScript and, once visited, offline. Then the desk packs and the activity kits.
Services come from content.directory (open ones only).
"""

from __future__ import annotations

from ..content import directory, routes


def write(site) -> None:
    """Write routes.STAFF and routes.staff_state(s) (site: generate.LanguageSite)."""
    content = site.c
    states = routes.served_states(content)
    ctx = site.ctx(routes.STAFF)
    packs = [(ctx.plain(d.data["nombre"]), [dl for dl in site.downloads.get(routes.desk(d.id), [])
                                            if dl.kind == "paquete"])
             for d in sorted(content.desks().values(), key=lambda d: (d.data["entidad"], d.data["municipio"]))]
    body = site.render("staff.md.j2", ctx, states=states, packs=[(name, files) for name, files in packs if files])
    site.write(ctx, ctx.ui("personal"), body, description=ctx.ui("personal_lead"))
    for state in states:
        ctx = site.ctx(routes.staff_state(state))
        local = site.services_in_state(state)
        needs = []
        for category in content.catalogs.get("categorias", {}):
            rows = [_row(site, s, state) for s in local if category in (s.get("categorias") or [])]
            if rows:
                needs.append((category, rows))
        national = [_row(site, s) for s in sorted(content.directory.national(),
                                                   key=lambda s: ctx.plain(s["nombre"]).casefold())]
        body = site.render("staff_state.md.j2", ctx, state=state, needs=needs, national=national)
        site.write(ctx, ctx.ui("referir_en", entidad=ctx.catalog("entidades", state)), body,
                   description=ctx.ui("personal_lead"))


def _row(site, service: dict, state: str | None = None) -> dict:
    slips = [d for d in site.downloads.get(routes.service(service["id"]), []) if d.kind == "referencia"]
    return {"s": service, "number": directory.call_number(service, state), "slip": slips[0] if slips else None}
