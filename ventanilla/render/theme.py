"""The contract with the theme (Material for MkDocs): what Ventanilla relies on from its HTML
and files, in one place.

Post-processing (output/), the search index (search/documents.py) and the printed link
addresses (leaflet_links.py) read the HTML that Material writes; our buttons use its classes;
assets.py cuts down its stylesheet. If a theme upgrade (or a move to Zensical, whose
stylesheet lives elsewhere) changes one of these, each step would silently do nothing and
publish a site without styles, search or printed addresses. `broken` names what changed, and
the build stops with that message instead (pipeline.py).
"""

from __future__ import annotations

from pathlib import Path

# The page's text: search indexes it, printed addresses are added inside it.
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'
ARTICLE_CLOSE = "</article>"
# Material's stylesheet, which assets.py cuts down to the selectors the pages use.
STYLESHEETS = "assets/stylesheets/main.*.min.css"
# Material's asset folders; what no page references any more is removed (assets.py).
ASSET_FOLDERS = ("javascripts", "stylesheets", "images")
# Material's button classes, used for the call, WhatsApp and e-mail buttons (pagecontext.py).
BUTTON = "md-button"
BUTTON_PRIMARY = "md-button--primary"


class ThemeChanged(Exception):
    """The theme's HTML or files no longer match this contract; the message says what."""


def broken(site: Path, page: Path) -> list[str]:
    """What of the contract a built site breaks, in Spanish: `page` is one built content page."""
    problems = []
    if not list(Path(site).glob(STYLESHEETS)):
        problems.append(f"el tema ya no escribe su hoja de estilo en {STYLESHEETS}")
    if ARTICLE_OPEN not in Path(page).read_text(encoding="utf-8"):
        problems.append(f"la página {Path(page).relative_to(site).as_posix()} no tiene {ARTICLE_OPEN}")
    return problems


def require(site: Path, page: Path) -> None:
    """Raise ThemeChanged when the built site breaks the contract."""
    problems = broken(site, page)
    if problems:
        raise ThemeChanged("El tema (Material for MkDocs) cambió y Ventanilla ya no puede terminar el sitio: "
                           + "; ".join(problems) + ". Revisa ventanilla/render/theme.py.")
