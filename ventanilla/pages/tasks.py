"""The home page's main tasks: large buttons with an icon, listed by editors in sitio.yml.

`tareas` in content/sitio.yml names, in order, what people come for (asking for
asylum, a place to sleep, papers, work, health, their desk): a title in each
language, the page it leads to (a docs path the generator writes) and an icon from
Material Design Icons, which ships with the theme (Apache 2.0). Icons are inlined
as SVG: no request, a few hundred bytes each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import material

from ..content import routes
from ..render.markdown import Md, escape

ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"


@dataclass(frozen=True)
class Task:
    title: str
    href: str  # relative URL from the page that shows it
    svg: Md  # trusted markup from the icon library, not escaped again


@cache
def icon_svg(name: str) -> str | None:
    """The icon's SVG, decorative (aria-hidden), or None if Material has no such icon."""
    path = ICONS / f"{name}.svg"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        return None
    svg = path.read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def home_tasks(content, ctx) -> list[Task]:
    found = []
    for item in content.site.get("tareas") or []:
        svg = Md(icon_svg(item["icono"]) or "")
        found.append(Task(str(escape(ctx.plain(item["titulo"]))), ctx.url_href(item["enlace"]), svg))
    return found


def check(checker) -> None:
    """(crosscheck.Checker) Each task must lead to a page the build writes and name an icon that exists.
    Cases: `enlace` not a generated page (error `referencia-rota`); `icono` unknown
    (error `referencia-rota`, with the icon library's address)."""
    content, findings, site_doc = checker.c, checker.f, checker.site_doc
    if site_doc is None:
        return
    paths = routes.all_paths(content)
    for i, item in enumerate(content.site.get("tareas") or []):
        if item.get("enlace") not in paths:
            findings.error(site_doc.path, site_doc.line(("tareas", i, "enlace")), "referencia-rota",
                           f'la página "{item.get("enlace")}" no existe (usa, p. ej., tramites/asilo-comar.md, '
                           "directorio/categorias/albergue.md o ventanillas/index.md)")
        if icon_svg(str(item.get("icono", ""))) is None:
            findings.error(site_doc.path, site_doc.line(("tareas", i, "icono")), "referencia-rota",
                           f'el icono "{item.get("icono")}" no existe; elige uno en https://pictogrammers.com/library/mdi/')
