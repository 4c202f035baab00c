"""The thin last step: hand the generated Markdown to MkDocs + Material + i18n.

Everything MkDocs-specific lives here: writing build/mkdocs.yml from the base
mkdocs.yml plus content/sitio.yml, running `mkdocs build --strict`, and the few
repairs its output needs:
- no `.map` files in the published site;
- the languages after the first built side by side on every core, and each reported
  as soon as it is written (see `MkDocsRun` and mkdocs_languages.py), so the rest of the
  build can work on it while MkDocs writes the others.
Moving to another generator (e.g. Zensical) means replacing this module only.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..content import Content, routes
from ..render.pagecontext import PageContext
from . import mkdocs_languages

NAV = [  # (interface string, docs path): the same menu in every language
    ("inicio", routes.HOME),
    ("ayuda_urgente", routes.URGENT),
    ("ventanillas", routes.DESKS),
    ("directorio", routes.DIRECTORY),
    ("tramites", routes.PROCEDURES),
    ("riesgos", routes.RISKS),
    ("comunidad", routes.COMMUNITY),
    ("actividades", routes.ACTIVITIES),
    ("personal", routes.STAFF),  # desk staff: the referral finder and what to print
]


class MkDocsFailed(Exception):
    """MkDocs reported warnings or errors; the message lists them."""


# interfaz.yml keys -> Material's own labels, for a language Material ships no partial for
THEME_TEXTS = {"tema_saltar": "action.skip", "tema_contenido": "toc", "tema_navegacion": "nav",
               "tema_cabecera": "header", "tema_pie": "footer", "tema_buscar": "search",
               "tema_idioma": "select.language", "tema_arriba": "top"}


def _nav(content: Content, lang: str) -> list[dict]:
    ctx = PageContext(content, lang, routes.HOME)
    nav = [{ctx.ui(key): path} for key, path in NAV]
    if getattr(content, "monitoring", None) is not None:
        nav.append({ctx.ui("monitoreo"): routes.MONITORING})
    if "acerca" in content.pages["pagina"]:
        nav.append({ctx.ui("acerca"): routes.plain_page("acerca")})
    return nav


def _theme_dir(content: Content, project: Path, work: Path) -> Path:
    """overrides/ plus a Material language partial for each language Material lacks.

    Adding a language (e.g. Haitian Creole, "ht") must need no code change; Material
    ships partials for many languages but not all. A missing one gets a partial that
    declares the language code and takes the theme's own few labels ("Skip to
    content", the menu's "Table of contents"…) from that language's interfaz.yml
    (THEME_TEXTS), or else from the source language.
    """
    import material

    theme = work / "theme"
    if theme.exists():
        shutil.rmtree(theme)
    # overrides/leaflets holds the PDF templates: not part of the web theme
    shutil.copytree(project / "overrides", theme, ignore=shutil.ignore_patterns("leaflets"))
    shipped = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for lang in content.codes:
        if not (shipped / f"{lang}.html").exists():
            own = {"language": lang, "direction": "ltr"}
            ui = content.ui.get(lang, {})
            own.update({material_key: ui[key] for key, material_key in THEME_TEXTS.items() if ui.get(key)})
            partial = theme / "partials" / "languages" / f"{lang}.html"
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(
                f'{{% import "partials/languages/{content.source_lang}.html" as source %}}\n'
                f'{{% macro t(key) %}}{{{{ {json.dumps(own, ensure_ascii=False)}[key] or source.t(key) }}}}{{% endmacro %}}\n',
                encoding="utf-8",
            )
    return theme


def write_config(content: Content, project: Path, docs: Path, site: Path, work: Path) -> Path:
    base = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    source = content.source_lang
    base["site_name"] = content.site["nombre"][source]
    base["site_url"] = content.site["url"]
    base["docs_dir"] = str(docs.resolve())
    base["site_dir"] = str(site.resolve())
    base["theme"]["custom_dir"] = str(_theme_dir(content, project, work).resolve())
    base["theme"]["language"] = source
    languages = []
    for i, lang in enumerate(content.languages):
        languages.append({
            "locale": lang.code,
            "name": lang.name,
            "default": i == 0,
            "build": True,
            "site_name": content.site["nombre"].get(lang.code, content.site["nombre"][source]),
            "nav": _nav(content, lang.code),
        })
    for plugin in base["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"] = languages
    config_path = work / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def content_epoch(content: Content) -> str:
    """The newest verification or review date in the content, as a Unix time.

    MkDocs dates the sitemap with SOURCE_DATE_EPOCH when it is set: taking it from
    the content makes two builds of the same content byte-identical on any day.
    """
    newest = "2000-01-01"
    for doc in content.documents:
        for key in ("verificado_el", "revisado_el"):
            value = doc.data.get(key)
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and value > newest:
                newest = value
    day = dt.datetime.strptime(newest, "%Y-%m-%d").replace(tzinfo=dt.UTC)
    return str(int(day.timestamp()))


_LANGUAGE_WRITTEN = re.compile(r"^ventanilla: language '([^']+)' written$")  # mkdocs_languages.WRITTEN


class MkDocsRun:
    """`mkdocs build --strict` through mkdocs_languages (the languages after the first on
    `workers` cores, all by default), started ahead: the process imports MkDocs while the
    build generates the pages, and builds when `run` is called. Use it as a context
    manager: a build that stops before `run` ends the process."""

    def __init__(self, config_path: Path, epoch: str, workers: int | None = None, dirty: bool = False):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
        # dirty: only the pages whose Markdown is newer than their HTML (`ventanilla serve`, incremental.py)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ventanilla.generator.mkdocs_languages", str(workers or os.cpu_count() or 1),
             "build", "--strict", "--dirty" if dirty else "--clean", "-f", str(config_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)

    def run(self, on_language=None, languages: list[str] | None = None) -> str:
        """Build; return MkDocs' log or raise MkDocsFailed.

        `on_language(code)` is called as soon as a language's pages are all written, while
        MkDocs may still be writing others, so that they can be finished meanwhile.
        `languages` (a --dirty build only): build only these after the first language
        (incremental.languages_to_render); None: all.
        """
        self.proc.stdin.write(mkdocs_languages.go_line(languages) + "\n")
        self.proc.stdin.close()
        lines = []
        for line in self.proc.stdout:
            written = _LANGUAGE_WRITTEN.match(line.rstrip("\n"))
            if written:
                if on_language:
                    on_language(written.group(1))
                continue
            lines.append(line)
        self.proc.wait()
        log = "".join(lines)
        problems = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
        if self.proc.returncode != 0 or problems:
            detail = "\n".join(problems) or log.strip()[-2000:]
            raise MkDocsFailed(detail)
        return log

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if not self.proc.stdin.closed:
            self.proc.stdin.close()  # never told to go: it leaves
        self.proc.stdout.close()
        self.proc.wait()


def finish_site(site: Path) -> None:
    for source_map in site.rglob("*.map"):
        source_map.unlink()


def start(content: Content, project: Path, docs: Path, site: Path, work: Path, incremental=None) -> MkDocsRun:
    """Write the configuration and start MkDocs, which builds when told (MkDocsRun.run).
    MkDocs writes neither sitemap.xml nor the 404.html files (mkdocs_languages.py):
    output/ does. `incremental` (incremental.Incremental, `ventanilla serve`): MkDocs
    writes into the folder kept between builds, only the pages that changed when it can."""
    work.mkdir(parents=True, exist_ok=True)
    workers = mkdocs_languages.workers_for(len(routes.all_paths(content)))
    if incremental is None:
        return MkDocsRun(write_config(content, project, docs, site, work), content_epoch(content), workers=workers)
    config = write_config(content, project, docs, incremental.raw, work)
    epoch = content_epoch(content)
    dirty = incremental.prepare(config, work / "theme", epoch, content.codes)
    return MkDocsRun(config, epoch, workers=workers, dirty=dirty)


def build_site(content: Content, project: Path, docs: Path, site: Path, work: Path, on_language=None) -> str:
    """Start MkDocs and build at once; `on_language`: see MkDocsRun.run."""
    with start(content, project, docs, site, work) as mkdocs:
        log = mkdocs.run(on_language)
    finish_site(site)
    return log


def clean(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE), so a web server on
    `b` never finds it missing; False where the system cannot (then the caller renames)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class OldSite:
    """The previous build's site, moved aside and deleted by another process meanwhile.

    `mkdocs build --clean` would first delete it, file by file, while everything waits
    (at 2,000 services: tens of thousands of files). Moved into the work folder (a rename,
    instantly), it is deleted beside the build; `wait()` before the build returns. Where
    it cannot be moved (another file system), MkDocs cleans it as before.
    """

    def __init__(self, site: Path, work: Path):
        self.process = None
        site, aside = Path(site), Path(work) / "sitio-anterior"
        if not site.is_dir():
            return
        work.mkdir(parents=True, exist_ok=True)
        aside.mkdir(exist_ok=True)  # leftovers of an interrupted build are deleted too
        try:
            site.rename(aside / f"{os.getpid()}-{time.monotonic_ns()}")
        except OSError:
            return
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(aside)])

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
