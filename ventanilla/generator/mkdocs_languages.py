"""`mkdocs build`, with the languages after the first built side by side.

Run as `python -m ventanilla.generator.mkdocs_languages WORKERS build --strict -f build/mkdocs.yml`
(mkdocs_step.MkDocsRun does); it imports MkDocs, then waits for a line `go` on its
standard input, so that it can be started while the pages are still being generated
(any other line, or none, and it leaves). The i18n plugin (mkdocs-static-i18n,
pinned) builds the first language, then, from its `on_post_build`, every other
language one after another in the same process: on a 2-core machine one core idles
for two thirds of the MkDocs step. Here that loop is replaced:
- the other languages are shared out among WORKERS processes forked at that point, so
  each starts with the plugin's full state (configuration, alternates, language
  switcher) and builds its share exactly as the plugin's loop would;
- every process prints `ventanilla: language 'xx' written` as soon as a language's
  pages are all written, so the rest of the build can finish it meanwhile;
- a process that fails (an exception, or warnings under --strict) makes the whole
  command fail, like the sequential loop;
- MkDocs' own sitemap.xml and 404.html are not written (the sitemap's template is
  replaced by an empty one, templates/mkdocs/sitemap.xml): each process would write
  the same file at once and none knows every page; output/ writes both from the
  finished site (output/sitemap.py, output/pages.copy_not_found);
- with one worker, or with a search plugin configured (whose index the plugin merges
  across languages in one process), the plugin's own loop runs, unchanged;
- a --dirty build (`ventanilla serve`) can be told which languages after the first to
  build (`go languages=en,fr`): those whose files did not change are left out, as a dirty
  build would write nothing for them (incremental.languages_to_render). The plugin re-maps
  every file of every language for each language it builds: about a second a language on
  the bundled content, most of a rebuild's MkDocs step after a one-language edit.
Forking only pays on large sites, and only exists where the system has `os.fork`
(`workers_for`): elsewhere the plugin's own loop runs.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

WRITTEN = "ventanilla: language '{}' written"  # mkdocs_step.MkDocsRun reads this line
GO = "go"
ONLY = "languages="  # `go languages=en,fr`: a --dirty build of only these languages after the first


def go_line(languages: list[str] | None) -> str:
    """The line that starts the build: all languages (None) or only `languages` (a --dirty build)."""
    return GO if languages is None else f"{GO} {ONLY}{','.join(languages)}"


def _read_go(line: str) -> tuple[bool, frozenset[str] | None]:
    """(go, the languages to build or None for all) from the line mkdocs_step sent."""
    words = line.split()
    if not words or words[0] != GO:
        return False, None
    chosen = next((w[len(ONLY):] for w in words[1:] if w.startswith(ONLY)), None)
    return True, (None if chosen is None else frozenset(filter(None, chosen.split(","))))


# What loading the configuration imports: done while waiting for GO.
PRELOAD = ("mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs_static_i18n.plugin", "material",
           "markdown", "markdown.extensions.admonition", "markdown.extensions.attr_list",
           "markdown.extensions.md_in_html", "markdown.extensions.tables", "markdown.extensions.toc")
# Removed from static_templates, 404.html is not written (nor copied, as no .html file
# of a theme is); sitemap.xml would then be copied raw, so it gets an empty template.
EMPTY_TEMPLATES = Path(__file__).parent.parent / "templates" / "mkdocs"


# Measured on 2 idle cores (scripts/benchmark_fork.py): the bundled content, 358 pages a
# language, builds warm in 13.8 s forking against 16.5 s without (0.84); at 1,000 services
# the MkDocs step was a third faster. Small sites (the tests' minimal content, a few dozen
# pages) keep the plugin's own loop, where starting processes costs more than it saves.
FORK_FROM_PAGES = 300


def workers_for(pages_per_language: int) -> int:
    """How many processes build the languages: one where forking does not pay or `os.fork`
    does not exist (Windows), else one per core."""
    if not hasattr(os, "fork") or pages_per_language < FORK_FROM_PAGES:
        return 1
    return os.cpu_count() or 1


def _announce(lang: str) -> None:
    print(WRITTEN.format(lang), flush=True)


def _build_languages(plugin, config, languages: list[str], dirty: bool) -> None:
    """The body of the plugin's loop, for some languages."""
    from mkdocs.commands.build import build

    for lang in languages:
        plugin.current_language = lang
        build(config, dirty=dirty)  # its on_post_build announces it


def _in_parallel(plugin, config, workers: int, only: frozenset[str] | None = None) -> None:
    """Build the languages other than the current one (those in `only`, if given) in
    `workers` processes (in this one if 1)."""
    from mkdocs import utils
    from mkdocs.exceptions import Abort
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    others = [lang for lang in plugin.build_languages
              if lang != plugin.current_language and (only is None or lang in only)]
    shares = [others[i::workers] for i in range(min(workers, len(others)))]
    dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv

    build_logger = logging.getLogger("mkdocs.commands.build")  # as the plugin: quiet inner builds
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
    build_logger.addFilter(quiet)
    clean_directory = utils.clean_directory
    utils.clean_directory = lambda path: path  # the other languages must not wipe the first one
    plugin.building = True
    children = []
    try:
        for share in shares[1:]:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child builds its share and leaves; never returns into MkDocs
                code = 0
                try:
                    _build_languages(plugin, config, share, dirty)
                except BaseException as exc:  # noqa: BLE001 - reported through the exit status
                    if not isinstance(exc, Abort):
                        traceback.print_exc()
                    else:
                        print(f"ERROR - {exc}", file=sys.stderr)
                    code = 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            children.append((pid, share))
        if shares:
            _build_languages(plugin, config, shares[0], dirty)
    finally:
        failed = [share for pid, share in children if os.waitpid(pid, 0)[1] != 0]
        plugin.building = False
        utils.clean_directory = clean_directory
        build_logger.removeFilter(quiet)
    if failed:
        raise Abort(f"Aborted: languages {', '.join(l for share in failed for l in share)} failed")


@dataclass
class Selection:
    """The languages a --dirty build renders after the first: known only when the build is
    told to go, after the plugin was patched."""

    languages: frozenset[str] | None = None  # None: all


def patch_i18n(workers: int, selection: Selection) -> None:
    """Replace the i18n plugin's language loop (before MkDocs loads its plugins)."""
    from mkdocs_static_i18n.plugin import I18n

    original_on_config, original_on_post_build = I18n.on_config, I18n.on_post_build

    @functools.wraps(original_on_config)  # keeps the plugin's event priority
    def on_config(self, config):
        config = original_on_config(self, config)
        config.theme.static_templates.discard("404.html")
        config.theme.dirs.insert(0, str(EMPTY_TEMPLATES))  # before the i18n plugin's sitemap
        return config

    @functools.wraps(original_on_post_build)
    def on_post_build(self, config):
        _announce(self.current_language)  # its pages are all written
        searched = any(name in ("search", "material/search") for name in config.plugins)
        if searched or (workers <= 1 and selection.languages is None):
            return original_on_post_build(self, config)
        if not self.building:
            _in_parallel(self, config, workers, selection.languages)

    I18n.on_config, I18n.on_post_build = on_config, on_post_build


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns on every --dirty build (which --strict turns into a failure); `ventanilla
    serve` knows what it rebuilds (incremental.py) and checks it against full builds."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def main(argv: list[str]) -> None:
    workers, mkdocs_args = int(argv[0]), argv[1:]
    if not hasattr(os, "fork"):
        workers = 1
    selection = Selection()
    patch_i18n(workers, selection)
    if "--dirty" in mkdocs_args:
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    from mkdocs.__main__ import cli

    for module in PRELOAD:
        importlib.import_module(module)
    go, languages = _read_go(sys.stdin.readline())
    if not go:
        return  # the build stopped before its MkDocs step
    if "--dirty" in mkdocs_args:  # a full build renders every language, whatever it was told
        selection.languages = languages
    cli.main(args=mkdocs_args, prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
