"""Urgent help that fits on a phone: the national page and one page per state.

Each situation (content/urgencias/) is one block: the one number to call first as a
`tel:` button, then, folded, what to do and the other contacts. The numbers come from
`content.directory.urgent_contacts`: only open services with a phone or WhatsApp of
their own: the situation's national line first, then the state's services, then the
other national ones, each number once. The emergency
number at the top of the page is set apart from the situations by a line of links.
"""

from __future__ import annotations

from ..content import directory, routes


def write(site) -> None:
    """Write routes.URGENT and routes.urgent_state(s) for every served state (site: generate.LanguageSite)."""
    emergency = site.emergency_number()
    states = routes.served_states(site.c)
    ctx = site.ctx(routes.URGENT)
    body = site.render("urgent.md.j2", ctx, situations=_situations(site.c, None),
                       states=states, emergency=emergency)
    site.write(ctx, ctx.ui("ayuda_urgente"), body, description=ctx.ui("urgente_lead"))
    for state in states:
        ctx = site.ctx(routes.urgent_state(state))
        body = site.render("urgent_state.md.j2", ctx, state=state, emergency=emergency,
                           situations=_situations(site.c, state), desks=_desks(site, ctx, state))
        words = ctx.state(state)
        site.write(ctx, ctx.ui("ayuda_urgente_en", **words), body,
                   description=ctx.ui("urgente_estado_lead", **words))


def _situations(content, state: str | None) -> list[dict]:
    found = []
    for entity in sorted(content.urgencies().values(), key=lambda e: (e.data.get("orden", 0), e.id)):
        u = dict(entity.data)
        local = (u.get("por_entidad") or {}).get(state, []) if state else []
        u["calls"] = content.directory.urgent_contacts(u.get("servicios"), local, state)  # the editor's order
        found.append(u)
    return found


def _desks(site, ctx, state: str) -> list[tuple[str, str, str | None]]:
    return [(ctx.plain(d["nombre"]), routes.desk(d["id"]), directory.call_number(d))
            for d in site.c.desks_in_state(state) if directory.reachable(d)]
