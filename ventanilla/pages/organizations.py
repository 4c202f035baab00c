"""One page per organisation, in every language: how to reach it first, then what it is.

An organisation has no phone of its own in the content (organizacion.schema.json: name,
type, description, website, sources), so its page opens with its open services, each a
button that calls (or writes to) that service, named on the button; a service without a
contact of its own is listed below them. With no reachable service, one line says so and
points to the desks of its services' states and the national lines (`respaldo`). Then the
description, the website and the sources, folded. Services come from content.directory
(open ones only: a closed or suspended service is never offered here).

Not in the A–Z list of the search page: that list is read on every visit of the page, and
the services it already lists link here (service.md.j2).
"""

from __future__ import annotations

from ..content import directory, native_review, routes

ORDER = ("telefono", "whatsapp", "correo")


def write(site) -> None:
    """Write routes.organization(id) for every organisation (site: generate.LanguageSite)."""
    for org_id, org in site.c.organizations().items():
        data = org.data
        ctx = site.ctx(routes.organization(org_id))
        services = sorted(site.c.directory.of_organization(org_id), key=lambda s: ctx.plain(s["nombre"]).casefold())
        calls, seen = [], set()
        # One button per number: offices often share a central line. A shared number is named
        # after the service that covers the whole country (COMAR's Mexico City line is not
        # "COMAR in Tapachula"), so national services claim their numbers first.
        for service in sorted(services, key=lambda s: not directory.is_national(s)):
            channel = next(iter(directory.channels(service)), None)
            if channel and (channel.kind, directory.dial_key(channel.value)) not in seen:
                seen.add((channel.kind, directory.dial_key(channel.value)))
                calls.append((service, channel))
        calls.sort(key=lambda pair: ORDER.index(pair[1].kind))  # calls first, as on desk pages
        states = sorted({state for s in services for state in directory.covered_states(s)})
        # where to turn when none of its services can be reached: its states' desks, the national lines
        elsewhere = {"id": org_id, "cobertura": {"entidades": states}}
        body = site.render("organization.md.j2", ctx, o=data, calls=calls, services=services, elsewhere=elsewhere)
        title = data["nombre"]
        if data.get("siglas") and data["siglas"] not in ctx.plain(title):
            title = f'{ctx.plain(title)} ({data["siglas"]})'
        site.write(ctx, title, body, description=ctx.plain(data.get("descripcion") or ""),
                   review_pending=native_review.entity_pending(data, site.lang))
