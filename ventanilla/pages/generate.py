"""Write the Markdown of every page, in every language, before any site generator runs.

Input: the validated content model. Output: `<out>/<lang>/<route>.md` for every
language, mirrored trees with the same paths, so MkDocs (or any other generator)
only has to render them. Generating on disk, not inside MkDocs hooks, avoids the
mkdocs-static-i18n pitfalls listed in ../shared/notes/tooling-findings.md.

Every page in every language exists: a missing translation is served in Spanish,
wrapped in `lang="es"`, under a notice in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import os
import pickle
import shutil
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .. import activities as calendar
from .. import opendata
from ..activities import pages as activity_pages
from ..content import Content, directory, localize, native_review, routes
from ..monitoring import page as monitoring_page
from ..opendata import jsonld
from ..render import leaflet_links as leaflet_web
from ..render import qrcodes
from ..render.markdown import Md, environment, escape, link
from ..render.pagecontext import PageContext
from ..search import text as search_text
from . import awareness, organizations, statemap, tasks
from . import staff as staff_pages
from . import urgent as urgent_pages

ABOUT = routes.plain_page("acerca")

# Statuses that need more than the one-line trust label (trust_line)
STATUS_NOTICES = {
    "cerrado": ("danger", "cerrado_titulo", "cerrado_texto"),
    "suspendido": ("danger", "suspendido_titulo", "suspendido_texto"),
    "sintetico": ("warning", "monitoreo_sinteticos_titulo", "monitoreo_sinteticos_texto"),
}


@dataclass
class ListItem:
    title: str
    summary: str
    path: str


class LanguageSite:
    """All pages of one language."""

    def __init__(self, content: Content, lang: str, env, draft: bool = False, downloads: dict | None = None,
                 schedule=None):
        self.c = content
        self.schedule = schedule  # activities.Schedule: upcoming and past activities at the build date
        self.downloads = downloads or {}  # docs path -> printable leaflets to link (leaflets/build.py)
        self.lang = lang
        self.env = env
        self.draft = draft  # a preview the publishing gate refuses: every page says so
        self.pages: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------
    def ctx(self, path: str) -> PageContext:
        return PageContext(self.c, self.lang, path)

    def language_names(self, codes) -> str:
        return localize.language_names(self.c, codes)

    def render(self, template: str, ctx: PageContext, **values) -> str:
        return self.env.get_template(template).render(ctx=ctx, language_names=self.language_names, **values)

    def write(self, ctx: PageContext, title, body: str, *, status: str | None = None,
              description: str = "", whole_page_lang: str | None = None, checked: str | None = None,
              list_downloads: bool = True, heading_class: str | None = None, review_pending: bool = False) -> None:
        """Wrap a rendered body with front matter, heading and notices.

        `title` is a plain string, or a content text ({es:…, en:…}) picked here so that
        a Spanish fallback in the heading is marked too.
        """
        title_lang = whole_page_lang
        if isinstance(title, dict):
            picked = localize.pick(title, self.lang, self.c.fallbacks(self.lang))
            title = picked.value
            if picked.fallback:
                ctx.fallback_used = True
                title_lang = picked.lang
        notices = [trust_line(ctx, status, checked)] if checked else []
        if review_pending or native_review.interface_pending(self.c, self.lang):
            language = next(lang.name for lang in self.c.languages if lang.code == self.lang)
            notices.append(f"{escape(ctx.ui('traduccion_sin_revisar', idioma=language))}\n{{: .vn-review .vn-nosearch }}\n\n")
        if status in STATUS_NOTICES:
            kind, title_key, text_key = STATUS_NOTICES[status]
            notices.append(self._notice(kind, ctx.ui(title_key), ctx.ui(text_key)))
        if ctx.fallback_used or whole_page_lang:
            notices.append(self._notice("info", ctx.ui("traduccion_falta_titulo"), ctx.ui("traduccion_falta_texto")))
        if whole_page_lang:
            body = f'<div lang="{whole_page_lang}" markdown>\n\n{body}\n\n</div>\n'
        if title_lang:
            heading = f'# <span lang="{title_lang}">{escape(title)}</span>'
        else:
            heading = f"# {escape(title)}"
        if heading_class:
            heading += f" {{: .{heading_class} }}"
        meta = {"title": title}
        if description:
            meta["description"] = description
        if checked:
            meta["checked"] = checked
        if self.draft:
            meta["borrador"] = ctx.ui("borrador")  # shown by overrides/main.html as a banner
            if _has_about(ctx):
                meta["borrador_enlace"] = [ctx.ui("borrador_enlace"), ctx.url_href(ABOUT)]
        meta["pie"] = footer(ctx)  # overrides/partials/copyright.html
        meta["nombre_corto"] = ctx.plain(self.c.site.get("nombre_corto") or self.c.site["nombre"])
        front = json.dumps(meta, ensure_ascii=False, sort_keys=True)  # JSON is valid YAML, and fast
        print_qr = leaflet_web.page_head(self.c, self.lang, ctx.path)  # shown on paper only
        self.pages[ctx.path] = (f"---\n{front}\n---\n\n{print_qr}{heading}\n\n" + "".join(notices) + body
                                + (leaflet_web.page_foot(self.c, self.lang, ctx.path, self.downloads.get(ctx.path))
                                   if list_downloads else ""))

    @staticmethod
    def _notice(kind: str, title: str, text: str) -> str:
        safe_title = str(escape(title)).replace('"', "&quot;")
        return f'!!! {kind} "{safe_title}"\n    {escape(text)}\n\n'

    def services(self, ids) -> list[dict]:
        """The open services among `ids` (content.directory), in the editor's order."""
        return self.c.directory.by_ids(ids)

    def localized_page(self, page):
        """(front matter, body, language served) of a page in this language, with fallback."""
        served = page.served(self.lang, self.c.fallbacks(self.lang))
        doc = page.docs[served]
        return doc.data, Md(doc.body.strip()), served

    def page_items(self, kind: str) -> list[ListItem]:
        items = []
        for page_id, page in self.c.pages[kind].items():
            if self.c.source_lang not in page.docs:
                continue
            data, _, _ = self.localized_page(page)
            items.append(ListItem(data["titulo"], data.get("resumen", ""), routes.PAGE_ROUTES[kind](page_id)))
        return sorted(items, key=lambda item: item.title.casefold())

    def stages(self, kind: str) -> list[tuple[str, list[ListItem]]]:
        """(etapa id, its procedures and then its risk topics) for every stage of migration
        in catalogos.yml `etapas`: what a person thinking of migrating, in transit, staying
        or back in Mexico should read (the pages' `etapas` field)."""
        found = []
        for stage in self.c.catalogs.get("etapas", {}):
            items = []
            for page_kind in (kind, "riesgo"):
                for item, page_id in zip(self.page_items(page_kind), self._page_ids(page_kind)):
                    if stage in (self.c.pages[page_kind][page_id].shared(self.c.source_lang).get("etapas") or []):
                        items.append(item)
            if items:
                found.append((stage, items))
        return found

    def _page_ids(self, kind: str) -> list[str]:
        """Page ids in the order of page_items(kind) (sorted by title)."""
        pairs = []
        for page_id, page in self.c.pages[kind].items():
            if self.c.source_lang in page.docs:
                pairs.append((self.localized_page(page)[0]["titulo"].casefold(), page_id))
        return [page_id for _, page_id in sorted(pairs)]

    def desks_by_state(self):
        groups = defaultdict(list)
        for desk in self.c.desks().values():
            groups[desk.data["entidad"]].append(desk.data)
        return sorted(((state, sorted(desks, key=lambda d: d["municipio"])) for state, desks in groups.items()),
                      key=lambda pair: pair[0])

    def services_in_state(self, state_id: str) -> list[dict]:
        return sorted(self.c.services_in_state(state_id), key=lambda s: localize_key(s, self))

    # -- pages ---------------------------------------------------------------
    def home(self):
        ctx = self.ctx(routes.HOME)
        body = self.render("home.md.j2", ctx, tasks=tasks.home_tasks(self.c, ctx),
                           states=routes.served_states(self.c), emergency=self.emergency_number(),
                           stages=[stage for stage, _ in self.stages("tramite")])
        self.write(ctx, self.c.site["nombre"], body, description=ctx.ui("inicio_lead"), heading_class="vn-home-title")

    def emergency_number(self) -> str | None:
        """The one number to call first in danger (the first open emergency service's)."""
        for service in self.c.directory.emergency():
            number = directory.call_number(service)
            if number:
                return number
        return None

    def desks(self):
        ctx = self.ctx(routes.DESKS)
        body = self.render("desks.md.j2", ctx, by_state=self.desks_by_state(), site=self.c.site,
                           has_about="acerca" in self.c.pages["pagina"])
        body += statemap.section(ctx, [d.data for d in self.c.desks().values()])
        self.write(ctx, ctx.ui("ventanillas"), body, description=ctx.ui("ventanillas_lead"))
        for desk in self.c.desks().values():
            d = desk.data
            ctx = self.ctx(routes.desk(desk.id))
            body = self.render("desk.md.j2", ctx, d=d, state_services=self.services_in_state(d["entidad"]),
                               activities=activity_pages.upcoming_for_desk(ctx, self.schedule, desk.id))
            body += jsonld.block(jsonld.desk(self.c, d, self.lang, jsonld.page_url(self.c, self.lang, ctx.path)))
            self.write(ctx, d["nombre"], body, status=d.get("estatus"), checked=d.get("verificado_el"),
                       review_pending=native_review.entity_pending(d, self.lang))

    def directory(self):
        catalogs = self.c.catalogs
        by_category = {c: self.c.directory.in_category(c) for c in catalogs.get("categorias", {})}
        national = sorted(self.c.directory.national(), key=lambda s: localize_key(s, self))

        ctx = self.ctx(routes.DIRECTORY)
        states_with = [(state, len(self.services_in_state(state))) for state in catalogs.get("entidades", {})]
        body = self.render(
            "directory.md.j2", ctx,
            categories=[(c, len(by_category[c])) for c in catalogs.get("categorias", {})],
            states=[(s, n) for s, n in states_with if n or self.c.desks_in_state(s)],
        )
        self.write(ctx, ctx.ui("directorio"), body, description=ctx.ui("directorio_lead"))

        for category in catalogs.get("categorias", {}):
            ctx = self.ctx(routes.category(category))
            # who can be reached comes first: a list that opens with 'no known contact' reads as a dead end
            services = sorted(by_category[category], key=lambda s: (not directory.reachable(s), localize_key(s, self)))
            body = self.render("service_list.md.j2", ctx, desks=[], groups=[(ctx.ui("directorio"), services)] if services else [],
                               state=None)
            self.write(ctx, catalogs["categorias"][category], body)

        served = set(routes.served_states(self.c))
        for state in catalogs.get("entidades", {}):
            ctx = self.ctx(routes.state(state))
            local = self.services_in_state(state)
            groups = [(ctx.catalog("categorias", c), [s for s in local if c in (s.get("categorias") or [])])
                      for c in catalogs.get("categorias", {})]
            groups = [(heading, services) for heading, services in groups if services]
            body = self.render("service_list.md.j2", ctx, desks=self.c.desks_in_state(state), groups=groups,
                               state=state if state in served else None, national=national)
            self.write(ctx, ctx.ui("estado_titulo", **ctx.state(state)), body)

        for service in self.c.services().values():
            s = service.data
            ctx = self.ctx(routes.service(service.id))
            org = self.c.organizations().get(s.get("organizacion"))
            body = self.render("service.md.j2", ctx, s=s, org=org.data if org else None)
            body += jsonld.block(jsonld.service(self.c, s, self.lang, jsonld.page_url(self.c, self.lang, ctx.path)))
            self.write(ctx, s["nombre"], body, status=s.get("estatus"), checked=s.get("verificado_el"),
                       review_pending=native_review.entity_pending(s, self.lang))

    def localized_pages(self, kind: str, template: str, index_path: str | None, title_key: str, lead_key: str):
        if index_path:
            ctx = self.ctx(index_path)
            body = self.render("page_list.md.j2", ctx, lead=ctx.ui(lead_key), items=self.page_items(kind),
                               stages=self.stages(kind) if kind == "tramite" else [])
            self.write(ctx, ctx.ui(title_key), body, description=ctx.ui(lead_key))
        for page_id, page in self.c.pages[kind].items():
            if self.c.source_lang not in page.docs:
                continue
            data, body_md, served = self.localized_page(page)
            shared = page.shared(self.c.source_lang)
            ctx = self.ctx(routes.PAGE_ROUTES[kind](page_id))
            services = self.services(shared.get("servicios") or shared.get("ayuda"))
            myths = (awareness.myths(page, self.lang, self.c.source_lang, self.c.fallbacks(self.lang))
                     if kind == "comunidad" else [])
            if any(myth.lang != self.lang for myth in myths) and served == self.lang:
                ctx.fallback_used = True  # a myth not yet translated: shown in Spanish, with the notice
            cited = {f.get("url") or f.get("titulo") for myth in myths for f in myth.sources}
            sources = [f for f in shared.get("fuentes") or [] if (f.get("url") or f.get("titulo")) not in cited]
            body = self.render(template, ctx, p=data, shared=shared, body=body_md, services=services, myths=myths,
                               sources=sources)  # a source already cited under a myth is not listed twice
            self.write(ctx, data["titulo"], body, status=shared.get("estatus"),
                       description=data.get("resumen", ""), checked=shared.get("revisado_el"),
                       whole_page_lang=served if served != self.lang else None,
                       review_pending=served == self.lang and native_review.page_pending(data))

    def urgent(self):
        """The national urgent page (one block per situation) and one page per state."""
        urgent_pages.write(self)

    def search(self):
        """The search page: the box (search.js) and the A–Z list that works without it."""
        ctx = self.ctx(routes.SEARCH)
        items = [ListItem(ctx.ui("ayuda_urgente"), ctx.ui("tipo_pagina"), routes.URGENT)]
        for path, key in ((routes.DESKS, "ventanillas"), (routes.DIRECTORY, "directorio"),
                          (routes.PROCEDURES, "tramites"), (routes.RISKS, "riesgos"), (routes.COMMUNITY, "comunidad"),
                          (routes.ACTIVITIES, "actividades"), (routes.KITS, "materiales")):
            items.append(ListItem(ctx.ui(key), ctx.ui("tipo_pagina"), path))
        for kind, label in (("tramite", "tipo_tramite"), ("riesgo", "tipo_riesgo"), ("comunidad", "tipo_pagina"),
                            ("pagina", "tipo_pagina")):
            items += [ListItem(i.title, ctx.ui(label), i.path) for i in self.page_items(kind)]
        for desk in self.c.desks().values():
            items.append(ListItem(ctx.plain(desk.data["nombre"]),
                                  f'{ctx.ui("tipo_ventanilla")} · {ctx.catalog("entidades", desk.data["entidad"])}',
                                  routes.desk(desk.id)))
        for service in self.c.services().values():
            if not directory.is_open(service.data):
                continue  # a closed service is never offered, not even in the A–Z list
            # the type alone: the list names every entry, so each word costs bytes on every visit
            items.append(ListItem(ctx.plain(service.data["nombre"]), ctx.ui("tipo_servicio"), routes.service(service.id)))
        # Topics and states are one tap away on the directory page (listed above): leaving them
        # out keeps the list, read on every visit of this page, within the 6 KB budget.
        groups = defaultdict(list)
        for item in items:
            first = search_text.fold(item.title.strip())[:1].upper()
            groups[first if first.isalpha() else "#"].append(item)
        ordered = [(letter, "letra-" + ("num" if letter == "#" else letter.lower()),
                    sorted(groups[letter], key=lambda i: search_text.fold(i.title)))
                   for letter in sorted(groups)]
        assets = "../" * (1 + routes.language_prefix(self.c.codes, self.lang).count("/")) + "assets/"
        body = self.render("search.md.j2", ctx, groups=ordered, assets=assets)
        self.write(ctx, ctx.ui("buscar"), body)

    def not_found(self):
        ctx = self.ctx(routes.NOT_FOUND)
        self.write(ctx, ctx.ui("no_encontrada_titulo"), self.render("notfound.md.j2", ctx))

    def offline(self):
        """The page the service worker (output/sw.js) shows for a page not saved, opened offline."""
        ctx = self.ctx(routes.OFFLINE)
        body = self.render("offline.md.j2", ctx, emergency=self.emergency_number())
        self.write(ctx, ctx.ui("sin_conexion_titulo"), body, list_downloads=False)

    def build(self) -> dict[str, str]:
        self.home()
        self.urgent()
        self.desks()
        self.directory()
        organizations.write(self)
        self.localized_pages("tramite", "procedure.md.j2", routes.PROCEDURES, "tramites", "tramites_lead")
        self.localized_pages("riesgo", "risk.md.j2", routes.RISKS, "riesgos", "riesgos_lead")
        self.localized_pages("comunidad", "community.md.j2", routes.COMMUNITY, "comunidad", "comunidad_lead")
        activity_pages.write(self, self.schedule)
        self.localized_pages("pagina", "plain.md.j2", None, "acerca", "acerca")
        if self.c.monitoring is not None:
            monitoring_page.write(self, opendata.downloads(self.c, self.lang))
        staff_pages.write(self)
        self.search()
        self.not_found()
        self.offline()
        return self.pages


def trust_line(ctx: PageContext, status: str | None, day: str) -> str:
    """One line under the heading that says exactly what was done with the facts, and when:
    confirmed with the institution, or only taken from public sources (never "verified")."""
    key = "confianza_verificado" if status == "verificado" else "confianza_fuentes"
    text = escape(ctx.ui(key, fecha=ctx.date(day)))
    more = ctx.link(ctx.ui("que_significa"), ABOUT) if _has_about(ctx) else ""
    return f"{text} {more}\n{{: .vn-trust .vn-nosearch }}\n\n"


def _has_about(ctx: PageContext) -> bool:
    return "acerca" in ctx.content.pages.get("pagina", {})


def footer(ctx: PageContext) -> dict:
    """The footer's own line and links, in the reader's language (no "Made with" line)."""
    links = [(ctx.ui("personal"), routes.STAFF), (ctx.ui("ayuda_urgente"), routes.URGENT)]
    if _has_about(ctx):
        links.append((ctx.ui("acerca"), ABOUT))
    return {"texto": ctx.ui("pie_texto"), "enlaces": [[label, ctx.url_href(path)] for label, path in links]}


def localize_key(service: dict, site: LanguageSite) -> str:
    name = service.get("nombre")
    if isinstance(name, dict):
        name = name.get(site.lang) or name.get(site.c.source_lang) or ""
    return str(name).casefold()


def generate_pages(content: Content, draft: bool = False, downloads: dict | None = None,
                   today=None, workers: int = 1, pool=None, meanwhile=None) -> dict[str, dict[str, str]]:
    """{lang: {docs path: markdown}} for every configured language; `draft` marks every page;
    `downloads` ({lang: {docs path: [leaflets]}}) adds links to the printable leaflets;
    `today` (the build date) splits the activities into upcoming and past; `workers`
    processes write the languages side by side (where the system can fork). `pool`: worker
    processes kept between builds (`ventanilla serve`, PagePool), which write the languages
    instead: the job goes to them pickled. `meanwhile()`: this process's own work, done
    while the pool's workers write the pages (after the job is pickled: it may change the
    content's caches), else after the pages."""
    schedule = calendar.schedule(content, today or dt.date.today())
    job = (content, draft, downloads or {}, schedule)
    codes = list(content.codes)
    if pool is not None and len(codes) > 1:
        done = pool.map(job, codes, meanwhile=meanwhile)
        meanwhile = None
    # fork: the workers share the content model as it is, nothing is pickled on the way in;
    # only from a process without other threads (`serve` runs its web server in one)
    elif workers > 1 and len(codes) > 1 and "fork" in multiprocessing.get_all_start_methods() \
            and threading.active_count() == 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(codes)), mp_context=multiprocessing.get_context("fork"),
                                 initializer=_start_worker, initargs=(job,)) as forked:
            done = list(forked.map(_language_in_worker, codes))
    else:
        done = [(_language_pages(job, lang), {}) for lang in codes]  # its QR codes drawn here
    if meanwhile is not None:
        meanwhile()
    for _, codes_drawn in done:
        qrcodes.keep(codes_drawn)  # so that the next build finds them
    return {lang: pages for lang, (pages, _) in zip(codes, done)}


def _language_pages(job: tuple, lang: str) -> dict[str, str]:
    content, draft, downloads, schedule = job
    return LanguageSite(content, lang, _environment(), draft, downloads.get(lang), schedule).build()


_ENV: list = []


def _environment():
    """The templates' environment, made once per process: compiling the templates costs
    more than rendering a small site, and `ventanilla serve` generates the pages again at
    every save (Jinja still reloads a template whose file changed)."""
    if not _ENV:
        env = environment()
        env.globals.update(routes=routes, link=link)
        _ENV.append(env)
    return _ENV[0]


# Set in each worker process by its initializer (a forked copy); never in the process that builds.
_WORKER: dict = {}


def _start_worker(job: tuple) -> None:
    _WORKER["job"] = job


def _language_in_worker(lang: str) -> tuple[dict[str, str], dict]:
    pages = _language_pages(_WORKER["job"], lang)
    return pages, qrcodes.used()


def _watch_builder(builder: int) -> None:
    """In a kept worker: leave when the process that builds is gone (killed without closing
    the pool), instead of lingering."""
    def watch():
        while True:
            time.sleep(2)
            try:
                os.kill(builder, 0)
            except (ProcessLookupError, PermissionError):  # gone (or its number reused by another user)
                os._exit(0)
    threading.Thread(target=watch, name="ventanilla-vigia", daemon=True).start()


def _language_in_kept_worker(job: bytes, lang: str, qr_file: str) -> tuple[dict[str, str], dict]:
    qrcodes.begin(qr_file)
    return _language_pages(pickle.loads(job), lang), qrcodes.used()


class PagePool:
    """Worker processes kept between the builds of `ventanilla serve`, which writes the pages
    of the languages side by side with them (it cannot fork: its web server runs in a thread).
    They start clean (forkserver, or spawn where the system has no fork) and keep what
    makes a language's pages cheap the second time: the compiled templates and the drawn
    QR codes (taken from `qr_file` whenever the last build rewrote it: a worker may get
    another language than last time). Close it when done."""

    def __init__(self, qr_file: Path, workers: int | None = None):
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload([__name__])
        self.qr_file = str(qr_file)
        self._start = functools.partial(ProcessPoolExecutor, max_workers=max(1, workers or os.cpu_count() or 1),
                                        mp_context=context, initializer=_watch_builder, initargs=(os.getpid(),))
        self.executor = self._start()

    def map(self, job: tuple, codes: list[str], meanwhile=None) -> list[tuple[dict[str, str], dict]]:
        """Each language's pages, and the QR codes drawn; `meanwhile()` runs here once the
        job is handed to the workers."""
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)  # once, not once per language
        waiting = [meanwhile] if meanwhile is not None else []  # run once, even if the workers are replaced
        try:
            futures = self._submit(data, codes)
            while waiting:
                waiting.pop()()
            return [future.result() for future in futures]  # re-raises a worker's exception here
        except BrokenProcessPool:  # a worker died (killed, out of memory): new workers, once
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            futures = self._submit(data, codes)
            while waiting:
                waiting.pop()()
            return [future.result() for future in futures]

    def _submit(self, data: bytes, codes: list[str]) -> list:
        return [self.executor.submit(_language_in_kept_worker, data, lang, self.qr_file) for lang in codes]

    def close(self) -> None:
        self.executor.shutdown(cancel_futures=True)


def write_docs(pages: dict[str, dict[str, str]], out: Path) -> int:
    """Write the generated Markdown under out/<lang>/, replacing what was there."""
    if out.exists():
        shutil.rmtree(out)
    count = 0
    for lang, files in pages.items():
        for rel, text in files.items():
            target = out / lang / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count += 1
    return count
