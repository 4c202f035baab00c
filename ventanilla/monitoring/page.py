"""The Monitoreo / Trends / Tendances page of one language: for each published table a
chart (charts.py) and the same figures as an accessible table, all suppressed
(tables.py). Synthetic figures say so in the page notice and in every caption."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel import Locale
from babel.dates import format_date

from ..markdown import Md, html_attr
from . import charts, tables


def _month(iso: str, lang: str, short: bool = False) -> str:
    day = dt.date(int(iso[:4]), int(iso[5:7]), 1)
    return format_date(day, "MMM yy" if short else "MMMM y", locale=lang)


def labels(ctx, table: tables.Published, row: tables.Row, short: bool = False) -> str:
    """The reader's-language label of a row."""
    lang = ctx.lang
    if row.level == 2:
        return ctx.ui("monitoreo_total")
    if table.name == "mes":
        return _month(row.key, lang, short)
    if table.name == "ventanilla":
        state = ctx.catalog("entidades", row.values["entidad"])
        if row.level == 1:
            return ctx.ui("monitoreo_total_de", entidad=state)
        desk = ctx.content.desks()[row.values["ventanilla"]].data
        return f'{desk["municipio"]} ({state})' if not short else desk["municipio"]
    if table.name == "nacionalidad":
        return Locale.parse(lang).territories.get(row.key, row.key)
    return ctx.catalog("categorias", row.key)


def _cell(row: tables.Row) -> str:
    return str(row.count) if row.count is not None else html_attr(row.mark)


def html_table(ctx, table: tables.Published, caption: str, first: str, unit: str) -> str:
    rows = []
    for row in table.rows:
        label = html_attr(labels(ctx, table, row))
        value = _cell(row)
        if row.level:
            label, value = f"<strong>{label}</strong>", f"<strong>{value}</strong>"
        rows.append(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>')
    return (f'<div class="vn-scroll"><table class="vn-figures vn-nosearch"><caption>{html_attr(caption)}</caption><thead><tr>'
            f'<th scope="col">{html_attr(first)}</th><th scope="col">{html_attr(unit)}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def chart(ctx, table: tables.Published) -> str:
    items = [(labels(ctx, table, r, short=True), r.count, r.mark) for r in table.rows if r.level == 0]
    return charts.columns(items) if table.name == "mes" else charts.bars(items)


SECTIONS = {  # table -> (heading, first column, unit)
    "mes": ("monitoreo_por_mes", "monitoreo_mes", "monitoreo_personas"),
    "ventanilla": ("monitoreo_por_ventanilla", "monitoreo_ventanilla", "monitoreo_personas"),
    "nacionalidad": ("monitoreo_por_nacionalidad", "monitoreo_nacionalidad", "monitoreo_personas"),
    "necesidad": ("monitoreo_por_necesidad", "monitoreo_necesidad", "monitoreo_atenciones"),
}


def sections(ctx, data, published: list[tables.Published]) -> list[dict]:
    """What the template shows: heading, chart and table of every published table."""
    mark = f' {ctx.ui("monitoreo_sintetico_marca")}' if data.synthetic else ""
    out = []
    for table in published:
        heading, first, unit = SECTIONS[table.name]
        out.append({"id": table.name, "title": ctx.ui(heading) + mark,
                     "chart": Md(chart(ctx, table)),
                     "table": Md(html_table(ctx, table, ctx.ui(heading) + mark, ctx.ui(first), ctx.ui(unit)))})
    return out


def write(site) -> None:
    """Write the page into a generate._LanguageSite (called from its build())."""
    from .. import routes

    data = site.c.monitoring
    ctx = site.ctx(routes.MONITORING)
    desk_states = {i: e.data["entidad"] for i, e in site.c.desks().items()}
    published = tables.published(data, desk_states)
    months = data.months
    body = site.render("monitoring.md.j2", ctx, sections=sections(ctx, data, published),
                       period=(_month(months[0], site.lang), _month(months[-1], site.lang)),
                       threshold=data.threshold, downloads=downloads(site.c, site.lang))
    site.write(ctx, ctx.ui("monitoreo"), body, description=ctx.ui("monitoreo_lead"),
               status="sintetico" if data.synthetic else None)


DOWNLOADS = [  # (file in datos/, interface string)
    ("monitoreo-mes.csv", "monitoreo_por_mes"), ("monitoreo-ventanilla.csv", "monitoreo_por_ventanilla"),
    ("monitoreo-nacionalidad.csv", "monitoreo_por_nacionalidad"), ("monitoreo-necesidad.csv", "monitoreo_por_necesidad"),
    ("directorio.hsds.json", "datos_directorio_hsds"), ("directorio.csv", "datos_directorio_csv"),
    ("ventanillas.geojson", "datos_ventanillas_geojson"),
]


def downloads(content, lang: str) -> list[tuple[str, str, str]]:
    """(file, interface string, size) of every open-data download (ventanilla/opendata/)."""
    from babel.numbers import format_decimal

    from .. import opendata

    made = opendata.files(content)
    kinds = {".csv": "CSV", ".json": "JSON", ".geojson": "GeoJSON"}
    return [(name, key, kinds[Path(name).suffix] + ", " + format_decimal(round(len(made[name]) / 1024, 1), locale=lang) + " KB")
            for name, key in DOWNLOADS if name in made]
