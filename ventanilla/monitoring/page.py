"""The Monitoreo / Trends / Tendances pages of one language: the national page and one page
per state with figures (routes.monitoring_state). For each published table a chart
(charts.py) and the same figures as an accessible table, all suppressed together
(tables.cube). Synthetic figures say so in the page notice and in every caption; the
date of the last import (content/monitoreo/importaciones.yml) when there is one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel import Locale
from babel.dates import format_date

from ..render.markdown import Md, html_attr
from ..render.pagecontext import babel_names_months
from . import charts, tables


def _month(iso: str, ctx, short: bool = False) -> str:
    """"mayo 2026" / "may 26"; in a language Babel has no month names for (Kreyòl), from the
    interface's `meses`."""
    day = dt.date(int(iso[:4]), int(iso[5:7]), 1)
    if babel_names_months(ctx.lang):
        return format_date(day, "MMM yy" if short else "MMMM y", locale=ctx.lang)
    names = [m.strip() for m in ctx.ui("meses").split(",")]
    if len(names) != 12:
        return iso
    name = names[day.month - 1]
    return f"{name[:4]} {iso[2:4]}" if short else f"{name} {day.year}"


def _ui(ctx, key: str, fallback: str | None = None, **values) -> str:
    """An interface string, or `fallback` when no language has it (a dimension added later)."""
    text = ctx.ui(key, **values)
    return text if text != key or fallback is None else fallback


def labels(ctx, table: tables.Published, row: tables.Row, short: bool = False) -> str:
    """The reader's-language label of a row."""
    lang = ctx.lang
    if row.level == 2:
        return ctx.ui("monitoreo_total")
    if table.name == "mes" or table.name.startswith("mes:"):
        return _month(row.key, ctx, short)
    if table.name == "ventanilla":
        state = ctx.catalog("entidades", row.values["entidad"])
        if row.level == 1:
            return ctx.ui("monitoreo_total_de", entidad=state)
        desk = ctx.content.desks()[row.values["ventanilla"]].data
        national = any(r.level == 1 for r in table.rows)  # a state's page names its desks alone
        return f'{desk["municipio"]} ({state})' if national and not short else desk["municipio"]
    if table.name == "nacionalidad":
        return Locale.parse(lang).territories.get(row.key, row.key)
    dim = table.name.split(":")[0]
    if dim == "situacion" and row.key in (ctx.content.catalogs.get("etapas") or {}):
        return ctx.catalog("etapas", row.key)
    if row.key in (ctx.content.catalogs.get("categorias") or {}):
        return ctx.catalog("categorias", row.key)
    return _ui(ctx, f"monitoreo_{dim}_{row.key}", row.key)


def _cell(row: tables.Row) -> str:
    return str(row.count) if row.count is not None else html_attr(row.mark)


def _share(ctx, row: tables.Row, total: tables.Row) -> str:
    """The row's percent of the people attended, from two published figures only (a hidden
    figure has no percent: it would give the figure away); "–" when either is hidden."""
    if row.count is None or total.count is None or not total.count:
        return "–"
    from babel.numbers import format_percent

    return format_percent(row.count / total.count, locale=ctx.lang)


def html_table(ctx, table: tables.Published, caption: str, first: str, unit: str) -> str:
    rows = []
    total = table.rows[-1]
    for row in table.rows:
        label = html_attr(labels(ctx, table, row))
        cells = [_cell(row)] + ([_share(ctx, row, total)] if table.share else [])
        if row.level:
            label, cells = f"<strong>{label}</strong>", [f"<strong>{c}</strong>" for c in cells]
        rows.append(f'<tr><th scope="row">{label}</th>{"".join(f"<td>{c}</td>" for c in cells)}</tr>')
    share = f'<th scope="col">{html_attr(ctx.ui("monitoreo_porcentaje"))}</th>' if table.share else ""
    return (f'<div class="vn-scroll"><table class="vn-figures vn-nosearch"><caption>{html_attr(caption)}</caption><thead><tr>'
            f'<th scope="col">{html_attr(first)}</th><th scope="col">{html_attr(unit)}</th>{share}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def chart(ctx, table: tables.Published) -> str:
    items = [(labels(ctx, table, r, short=True), r.count, r.mark) for r in table.rows if r.level == 0]
    return charts.columns(items) if table.name.split(":")[0] == "mes" else charts.bars(items)


SECTIONS = {  # table -> (heading, first column, unit)
    "mes": ("monitoreo_por_mes", "monitoreo_mes", "monitoreo_personas"),
    "ventanilla": ("monitoreo_por_ventanilla", "monitoreo_ventanilla", "monitoreo_personas"),
    "nacionalidad": ("monitoreo_por_nacionalidad", "monitoreo_nacionalidad", "monitoreo_personas"),
    "necesidad": ("monitoreo_por_necesidad", "monitoreo_necesidad", "monitoreo_atenciones"),
    "sexo": ("monitoreo_por_sexo", "monitoreo_sexo", "monitoreo_personas"),
    "edad": ("monitoreo_por_edad", "monitoreo_edad", "monitoreo_personas"),
    "canalizacion": ("monitoreo_por_canalizacion", "monitoreo_canalizacion", "monitoreo_canalizaciones"),
    "situacion": ("monitoreo_por_situacion", "monitoreo_situacion", "monitoreo_personas"),
    "idioma": ("monitoreo_por_idioma", "monitoreo_idioma", "monitoreo_personas"),
    "canalizada": ("monitoreo_por_canalizada", "monitoreo_canalizada", "monitoreo_personas"),
}


def _section(ctx, table: tables.Published, state: str | None) -> tuple[str, str, str]:
    """(heading, first column, unit) in the reader's language; any dimension has one."""
    if table.name.startswith("mes:"):
        desk = ctx.content.desks()[table.name[4:]].data
        return (ctx.ui("monitoreo_ventanilla_por_mes", ventanilla=desk["municipio"]),
                ctx.ui("monitoreo_mes"), ctx.ui("monitoreo_personas"))
    if table.name.startswith("situacion:"):
        desk = ctx.content.desks()[table.name.split(":", 1)[1]].data
        return (ctx.ui("monitoreo_ventanilla_por_situacion", ventanilla=desk["municipio"]),
                ctx.ui("monitoreo_situacion"), ctx.ui("monitoreo_personas"))
    if state and table.name == "ventanilla":
        return ctx.ui("monitoreo_estado_por_ventanilla"), ctx.ui("monitoreo_ventanilla"), ctx.ui("monitoreo_personas")
    if table.name in SECTIONS:
        heading, first, unit = SECTIONS[table.name]
        if unit == "monitoreo_personas" and not table.people:  # answers that do not add up to the people
            unit = "monitoreo_atenciones"
        return ctx.ui(heading), ctx.ui(first), ctx.ui(unit)
    unit = ctx.ui("monitoreo_personas" if table.people else "monitoreo_atenciones")
    return ctx.ui("monitoreo_por_dimension", dimension=table.name), table.name, unit


def _synthetic(data) -> bool:
    """Synthetic while sitio.yml says so or while any month of the data is synthetic."""
    return bool(getattr(data, "synthetic", False) or getattr(data, "synthetic_months", None))


def sections(ctx, data, published: list[tables.Published], state: str | None = None) -> list[dict]:
    """What the template shows: heading, chart and table of every published table."""
    mark = f' {ctx.ui("monitoreo_sintetico_marca")}' if _synthetic(data) else ""
    out = []
    for table in published:
        heading, first, unit = _section(ctx, table, state)
        out.append({"id": table.name.replace(":", "-"), "title": heading + mark,
                    "chart": Md(chart(ctx, table)),
                    "table": Md(html_table(ctx, table, heading + mark, first, unit))})
    return out


def last_import(data) -> str | None:
    """`ultima_importacion` of content/monitoreo/importaciones.yml (the importer writes it)."""
    import yaml

    path = Path(data.path).parent / "importaciones.yml"
    if not path.exists():
        return None
    try:
        value = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("ultima_importacion")
        return dt.date.fromisoformat(str(value)).isoformat() if value else None
    except (ValueError, AttributeError, yaml.YAMLError):
        return None


def write(site, downloads: list[tuple[str, str, str]]) -> None:
    """Write the national page and one page per state into the page writer `site`
    (pages.generate.LanguageSite); `downloads` are the open-data files (opendata.downloads)."""
    from ..content import routes

    data = site.c.monitoring
    desk_states = {i: e.data["entidad"] for i, e in site.c.desks().items()}
    months = tables.window(data)
    period = (_month(months[0], site.ctx(routes.MONITORING)), _month(months[-1], site.ctx(routes.MONITORING)))
    imported = last_import(data)
    status = "sintetico" if _synthetic(data) else None
    states = tables.states(data, desk_states)
    ctx = site.ctx(routes.MONITORING)
    state_links = [ctx.link(ctx.catalog("entidades", s), routes.monitoring_state(s)) for s in states]
    body = site.render("monitoring.md.j2", ctx, sections=sections(ctx, data, tables.published(data, desk_states)),
                       period=period, threshold=data.threshold, downloads=downloads,
                       imported=ctx.date(imported) if imported else None, states=state_links, state=None, national=None)
    site.write(ctx, ctx.ui("monitoreo"), body, description=ctx.ui("monitoreo_lead"), status=status)
    for state in states:
        ctx = site.ctx(routes.monitoring_state(state))
        words = ctx.state(state)
        body = site.render("monitoring.md.j2", ctx,
                           sections=sections(ctx, data, tables.state_tables(data, desk_states, state), state),
                           period=period, threshold=data.threshold,
                           downloads=[d for d in downloads if d[0].startswith("monitoreo-")],
                           imported=ctx.date(imported) if imported else None, states=[],
                           state=words, national=ctx.link(ctx.ui("monitoreo_todas"), routes.MONITORING))
        site.write(ctx, ctx.ui("monitoreo_estado_titulo", **words), body,
                   description=ctx.ui("monitoreo_estado_lead", **words), status=status)
