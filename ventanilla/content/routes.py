"""Where every generated page lives, relative to one language's docs folder.

The generator writes these files and the link check resolves editors' links against
them, so a page can only move in one place. Paths are the same in every language
(mirrored trees), which is what keeps the language switcher on the same page.
"""

from __future__ import annotations

from .directory import EVERYONE

HOME = "index.md"
URGENT = "urgente.md"
DESKS = "ventanillas/index.md"
DIRECTORY = "directorio/index.md"
PROCEDURES = "tramites/index.md"
RISKS = "riesgos/index.md"
NOT_FOUND = "404.md"
SEARCH = "buscar.md"  # the search box and the A–Z list (search without JavaScript)
MONITORING = "monitoreo.md"  # monitoring figures (only when content/monitoreo/ has them)
COMMUNITY = "comunidad/index.md"  # topics for host communities
ACTIVITIES = "actividades/index.md"  # upcoming activities of the desks, by state and desk
ACTIVITIES_ARCHIVE = "actividades/archivo.md"  # past activities
KITS = "actividades/materiales.md"  # activity kits: facilitator sheets and posters per topic
STAFF = "personal/index.md"  # for desk staff: the referral finder, desk packs, activity kits
OFFLINE = "sin-conexion.md"  # shown by the service worker for a page not saved, opened offline


def desk(desk_id: str) -> str:
    return f"ventanillas/{desk_id}.md"


def service(service_id: str) -> str:
    return f"directorio/{service_id}.md"


def category(category_id: str) -> str:
    return f"directorio/categorias/{category_id}.md"


def state(state_id: str) -> str:
    return f"directorio/entidades/{state_id}.md"


def urgent_state(state_id: str) -> str:
    """Urgent help in one state: its numbers first, then the national ones."""
    return f"urgente/{state_id}.md"


def staff_state(state_id: str) -> str:
    """The referral finder of one state: its open services by need, with their slips."""
    return f"personal/{state_id}.md"


def staff_population(state_id: str, population: str) -> str:
    """The referral finder of one state, only the services that serve one population."""
    return f"personal/{state_id}/{population}.md"


def organization(org_id: str) -> str:
    """An organisation: how to reach its open services, then what it is."""
    return f"organizaciones/{org_id}.md"


def monitoring_state(state_id: str) -> str:  # the monitoring figures of one state
    return f"monitoreo/{state_id}.md"


def procedure(page_id: str) -> str:
    return f"tramites/{page_id}.md"


def risk(page_id: str) -> str:
    return f"riesgos/{page_id}.md"


def community(page_id: str) -> str:
    return f"comunidad/{page_id}.md"


def plain_page(page_id: str) -> str:
    return f"{page_id}.md"


PAGE_ROUTES = {"tramite": procedure, "riesgo": risk, "comunidad": community, "pagina": plain_page}


def language_prefix(codes: list[str], lang: str) -> str:
    """The one rule for where a language lives: the first language of sitio.yml at the site's
    root (""), every other in a folder named by its code ("en/"). Pages, leaflets, search,
    the sitemap, JSON-LD, the manifests and the server configuration all ask here."""
    return "" if lang == codes[0] else f"{lang}/"


def url(path: str) -> str:
    """Directory-style URL of a docs path, relative to the language root: tramites/x/."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def all_paths(content) -> set[str]:
    """Every docs path the generator writes for one language."""
    paths = {HOME, URGENT, DESKS, DIRECTORY, PROCEDURES, RISKS, NOT_FOUND, SEARCH,
             COMMUNITY, ACTIVITIES, ACTIVITIES_ARCHIVE, KITS, STAFF, OFFLINE}
    states = served_states(content)
    paths |= {urgent_state(i) for i in states} | {staff_state(i) for i in states}
    paths |= {desk(i) for i in content.desks()}
    paths |= {service(i) for i in content.services()}
    paths |= {organization(i) for i in content.organizations()}
    paths |= {staff_population(s, p) for s, p in staff_filters(content)}
    paths |= {category(i) for i in content.catalogs.get("categorias", {})}
    paths |= {state(i) for i in content.catalogs.get("entidades", {})}
    if getattr(content, "monitoring", None) is not None:
        paths |= {MONITORING} | {monitoring_state(content.desks()[d].data["entidad"]) for d in {k[1] for k in content.monitoring.counts}}
    for kind, pages in content.pages.items():
        paths |= {PAGE_ROUTES[kind](i) for i in pages}
    return paths


def served_states(content) -> list[str]:
    """States that get their own urgent and staff pages: those with a desk or an open service,
    in catalogue order. (National services alone do not make a state page.)"""
    with_desk = {d.data.get("entidad") for d in content.desks().values()}
    served = with_desk | content.directory.states_served()
    return [state for state in content.catalogs.get("entidades", {}) if state in served]


def staff_filters(content) -> list[tuple[str, str]]:
    """(state, population) pairs that get a filtered referral finder: every served state, and
    every population of catalogos.yml except "everyone" that at least one open service
    available there (in the state, or national) names. Catalogue order."""
    directory = content.directory
    national = directory.national()
    pairs = []
    for state_id in served_states(content):
        local = directory.in_state(state_id) + national
        named = {p for s in local for p in s.get("poblaciones") or []}
        pairs += [(state_id, p) for p in content.catalogs.get("poblaciones", {}) if p != EVERYONE and p in named]
    return pairs
