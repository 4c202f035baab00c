"""The pages of the activities calendar and of the activity kits, in one language:

- actividades/             upcoming activities by state and desk, with the .ics feeds
- actividades/archivo/     past activities, newest first
- actividades/materiales/  the activity kits: facilitator sheet and posters per topic
and the plain-text description of an activity that the .ics feeds carry.
`site` is generate.LanguageSite (ctx, render, write).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import leaflet_locations as locations
from ..content import localize, routes
from ..render.pagecontext import PageContext
from . import ics
from . import schedule as make_schedule

NOTICE_KEYS = {"ejemplo": "actividad_ejemplo_texto", "cancelada": "actividad_cancelada_texto",
               "sin_verificar": "actividad_sin_verificar_texto"}


@dataclass
class ActivityView:
    """What a page or a feed says about one activity, in one language."""

    title: object  # Md, Spanish marked where the translation is missing
    when: str  # "jueves, 3 de diciembre de 2026, 10:00 a 11:30"
    place: str
    topic_title: str | None
    topic_path: str | None
    audience: str
    languages: str
    cost: object
    signup: object
    desk_name: str
    desk_path: str
    label: str | None  # "Ejemplo", "Cancelada"
    notice: str | None


def view(ctx, activity) -> ActivityView:
    d = activity.data
    hours = d["hora_inicio"]
    if d.get("hora_fin"):
        hours = ctx.ui("actividad_hora", inicio=d["hora_inicio"], fin=d["hora_fin"])
    place = d["lugar"]
    parts = [ctx.plain(place["nombre"]), place.get("direccion"), place.get("municipio"),
             ctx.catalog("entidades", activity.state)]
    topic = ctx.content.awareness_topics().get(activity.topic)
    topic_title = topic_path = None
    if topic is not None and ctx.content.source_lang in topic.docs:
        doc = topic.docs.get(ctx.lang) or topic.docs[ctx.content.source_lang]
        topic_title, topic_path = doc.data["titulo"], routes.PAGE_ROUTES[topic.kind](topic.id)
    cost = ctx.ui("actividad_gratuita") if d.get("gratuito") else ctx.text(d.get("costo_nota"))
    label = {"ejemplo": "actividad_ejemplo_etiqueta", "cancelada": "actividad_cancelada_etiqueta"}.get(activity.status)
    notice = NOTICE_KEYS.get(activity.status)
    return ActivityView(
        title=ctx.text(d["titulo"]),
        when=f'{ctx.date(activity.day.isoformat(), format="full")}, {hours}',
        place=", ".join(p for p in parts if p),
        topic_title=topic_title, topic_path=topic_path,
        audience=", ".join(ctx.catalog("publicos_actividad", a) for a in d.get("publico") or []),
        languages=localize.language_names(ctx.content, d.get("idiomas") or []),
        cost=cost, signup=ctx.text(d.get("inscripcion")),
        desk_name=ctx.plain(activity.desk["nombre"]), desk_path=routes.desk(activity.desk_id),
        label=ctx.ui(label) if label else None, notice=ctx.ui(notice) if notice else None)


def describe(ctx, activity) -> list[str]:
    """Plain-text lines of an activity for the .ics DESCRIPTION."""
    v = view(ctx, activity)
    lines = [v.notice] if v.notice else []
    if v.topic_title:
        lines.append(f'{ctx.ui("actividad_tema")}: {v.topic_title}')
    lines += [f'{ctx.ui("actividad_publico")}: {v.audience}', f'{ctx.ui("actividad_idiomas")}: {v.languages}',
              f'{ctx.ui("actividad_costo")}: {v.cost}']
    if v.signup:
        lines.append(f'{ctx.ui("actividad_inscripcion")}: {v.signup}')
    lines.append(f'{ctx.ui("actividad_organiza")}: {v.desk_name}')
    return [str(line) for line in lines]


def _by_state_and_desk(ctx, activities):
    groups: dict[str, dict[str, list]] = {}
    for a in activities:
        groups.setdefault(a.state, {}).setdefault(a.desk_id, []).append(a)
    return [(state, ctx.catalog("entidades", state),
             [(ctx.plain(ctx.content.desks()[desk].data["nombre"]), routes.desk(desk),
               [view(ctx, a) for a in items]) for desk, items in desks.items()])
            for state, desks in sorted(groups.items(), key=lambda pair: ctx.catalog("entidades", pair[0]))]


def write(site, schedule) -> None:
    ctx = site.ctx(routes.ACTIVITIES)
    feeds = [(ctx.ui("calendario_todas"), ics.feed_file())]
    feeds += [(ctx.ui("calendario_entidad", **ctx.state(s)), ics.feed_file(s)) for s in schedule.states]
    body = site.render("activities.md.j2", ctx, groups=_by_state_and_desk(ctx, schedule.upcoming), feeds=feeds)
    site.write(ctx, ctx.ui("actividades"), body, description=ctx.ui("actividades_lead"))

    ctx = site.ctx(routes.ACTIVITIES_ARCHIVE)
    body = site.render("activities_archive.md.j2", ctx, items=[view(ctx, a) for a in schedule.past])
    site.write(ctx, ctx.ui("actividades_archivo"), body, description=ctx.ui("actividades_archivo_lead"))

    ctx = site.ctx(routes.KITS)
    downloads = (site.downloads or {}).get(routes.KITS, [])
    topics = []
    for kind in ("comunidad", "riesgo"):
        for item in site.page_items(kind):
            page_id = item.path.rsplit("/", 1)[-1][: -len(".md")]
            files = [d for d in downloads if d.group == page_id]
            if files:
                topics.append((item, files))
    body = site.render("kits.md.j2", ctx, topics=topics)
    site.write(ctx, ctx.ui("materiales"), body, description=ctx.ui("materiales_lead"), list_downloads=False)


def upcoming_for_desk(ctx, schedule, desk_id: str, limit: int = 5) -> list[ActivityView]:
    return [view(ctx, a) for a in schedule.upcoming_for_desk(desk_id)[:limit]]


def publish_feeds(content, docs, today) -> int:
    """Write the .ics feeds of every language beside its pages (docs/<lang>/actividades/)."""
    found = make_schedule(content, today)
    count = 0
    for lang in content.codes:
        ctx = PageContext(content, lang, routes.ACTIVITIES)
        writer = ics.FeedWriter(ctx, describe=lambda a, ctx=ctx: describe(ctx, a),
                                page_url=lambda a, lang=lang: locations.page_url(content, lang, routes.ACTIVITIES))
        for path, data in writer.feeds(found).items():
            target = docs / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
    return count
