"""The steps of `ventanilla check` and `ventanilla build`, with no printing.

check:  read content -> JSON Schema -> cross-checks -> editors' checks  => Findings
        (+ the publishing gate's errors with --publish, see gate.py)
build:  check -> (stop on errors) -> leaflets (PDF) -> generate Markdown -> MkDocs -> site/
        (output/ finishes each language while MkDocs writes the others: search index,
        printed links…; then fingerprints, offline files and compression)
        (a preview carries a draft banner while the gate refuses; --publish builds
        only when it passes, then checks the built site)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import content as content_model
from . import leaflets, monitoring, opendata, output
from .activities import checks as activity_checks
from .activities import pages as activity_pages
from .checks import crosscheck, editorial, gate
from .cms import admin as cms_admin
from .content import placeholders
from .content.model import kept_reads
from .findings import Findings
from .generator import mkdocs_step
from .pages import awareness, generate, tasks
from .render import qrcodes, theme

# The features' own content checks, run after crosscheck's rules (checks never import features)
FEATURE_CHECKS = (activity_checks.check, tasks.check)


QR_CODES = "qr-codes.json"  # in the work folder: QR codes drawn by earlier builds
STAGING = "sitio-nuevo"  # in the work folder: the site being built, swapped in when it is done


def today() -> dt.date:
    """The build date; SOURCE_DATE_EPOCH pins it for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def site_date(content) -> dt.date:
    """The date of the site as a whole (its sitemap's lastmod): SOURCE_DATE_EPOCH when set,
    else the newest verification or review date in the content, as MkDocs is told."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        epoch = mkdocs_step.content_epoch(content)
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


@dataclass
class Project:
    """Where things are. Defaults follow the repository layout."""

    root: Path
    content: Path | None = None
    site: Path | None = None
    work: Path | None = None

    def __post_init__(self):
        self.root = Path(self.root).resolve()
        self.content = Path(self.content or self.root / "content").resolve()
        self.site = Path(self.site or self.root / "site").resolve()
        self.work = Path(self.work or self.root / "build").resolve()

    @property
    def docs(self) -> Path:
        return self.work / "docs"


@dataclass
class Result:
    findings: Findings
    content: object = None
    pages: dict = field(default_factory=dict)
    built: bool = False
    timings: dict = field(default_factory=dict)
    mkdocs_error: str = ""
    gate: Findings | None = None  # what the publishing gate refuses (gate.py)
    draft: bool = False  # pages carry the "BORRADOR / DRAFT" banner
    site_problems: list = field(default_factory=list)  # built-site check of a --publish build
    leaflets: object = None  # the printable PDFs (leaflets.LeafletBuild)


def check(project: Project, publish: bool = False, reads: dict | None = None) -> Result:
    """`publish`: the gate's errors join the findings (`ventanilla check --publish`).
    `reads`: files read by the last check, reused where unchanged (content/model.kept_reads)."""
    findings = Findings(project.root)
    with kept_reads(reads) if reads is not None else contextlib.nullcontext():
        content = content_model.load(project.content, findings)
    refused = None
    if content is not None:
        content.monitoring = monitoring.load(project.content, content.site, content.catalogs, content.desks(), findings)
        crosscheck.check(content, findings, today(), also=FEATURE_CHECKS)
        awareness.check(content, findings)
        editorial.check(content, findings)
        refused = gate.problems(content, project.root, today())
        if publish:
            gate.merge(findings, refused)
    return Result(findings=findings, content=content, gate=refused)


def build_leaflets(project: Project, result: Result, force: bool = False, cached_only: bool = False,
                  prune: bool = True):
    """The printable leaflets (leaflets/), laid out only where their inputs changed;
    `cached_only`: none laid out, those not in the cache are left out (`ventanilla serve`
    lays them out afterwards, see serve.py)."""
    return leaflets.build_all(result.content, project.root / "overrides" / "leaflets", project.work / "leaflets",
                              result.findings, force=force, draft=result.draft, cached_only=cached_only,
                              prune=prune)


def build(project: Project, publish: bool = False, incremental=None, leaflets_later: bool = False,
          leaflets_from=None) -> Result:
    """Without `publish`, a preview: built even when the gate refuses, with a draft banner.
    `incremental` (incremental.Incremental, kept by `ventanilla serve`): redo only what
    changed since its last build, with the same result as a full build. `leaflets_later`:
    leaflets not in the cache are left out (result.leaflets.pending), to be laid out after.
    `leaflets_from`: a LeafletBuild to link instead (`serve`: the last build's, while the
    new ones are being laid out; the build that follows links the right ones)."""
    started = time.perf_counter()
    result = check(project, publish, reads=incremental.reads if incremental is not None else None)
    result.timings["check"] = time.perf_counter() - started
    if result.content is None or result.findings.errors:
        return result  # never publish a site with errors
    result.draft = bool(result.gate.errors) and not publish
    if result.draft:
        placeholders.preview_catalogs(result.content)
    # Never take the site down: the new site is built beside it and swapped in at the end, so
    # `serve` (and any web server on site/) keeps serving the last good site during a build
    # and after a failed one.
    staging = project.work / STAGING
    if incremental is not None:
        incremental.settle()  # the last build's files written after its swap
        if incremental.deleting is not None:
            incremental.deleting.wait()  # the site before the last one
            incremental.deleting = None
    mkdocs_step.clean(staging)
    result = _build_checked(project, result, publish, staging, incremental, leaflets_later, leaflets_from)
    if not result.built:
        mkdocs_step.clean(staging)
        return result
    if project.site.is_dir() and mkdocs_step.exchange(staging, project.site):
        old_site = mkdocs_step.OldSite(staging, project.work)  # the old site, now in staging: deleted meanwhile
    else:  # no atomic exchange here (or no site yet): move the old one aside, then the new one in
        old_site = mkdocs_step.OldSite(project.site, project.work)
        mkdocs_step.clean(project.site)  # where it could not be moved aside (another file system)
        try:
            staging.rename(project.site)
        except OSError:  # the work folder on another file system: copied instead
            shutil.copytree(staging, project.site)
            mkdocs_step.clean(staging)
    if incremental is not None:
        incremental.deleting = old_site  # `serve` goes on meanwhile; waited for by the next build
        # the files no page depends on are written into the site now being served, while
        # `serve` reloads the tabs (Finisher.finish_later)
        incremental.later(functools.partial(incremental.finish_later, project.site))
    else:
        old_site.wait()
    return result


def _publish_beside_pages(result: Result, docs: Path) -> None:
    """The files MkDocs copies beside the pages, under docs/<lang>/."""
    activity_pages.publish_feeds(result.content, docs, today())  # .ics beside the pages
    leaflets.publish(result.leaflets, result.content, docs)
    opendata.publish(result.content, docs)  # downloads: docs/<lang>/datos/


def _build_checked(project: Project, result: Result, publish: bool, site: Path, incremental=None,
                   leaflets_later: bool = False, leaflets_from=None) -> Result:
    """The build once the content has passed its checks, into `site` (a staging folder)."""
    # MkDocs starts now and imports itself while the leaflets and pages are made
    with mkdocs_step.start(result.content, project.root, project.docs, site, project.work, incremental) as mkdocs:
        with qrcodes.kept_in(project.work / QR_CODES):  # leaflets and pages draw the same codes
            mark = time.perf_counter()
            # first: the pages link them with their size
            if leaflets_from is not None:
                result.leaflets = leaflets_from
            else:
                result.leaflets = build_leaflets(project, result, cached_only=leaflets_later)
            result.timings["leaflets"] = time.perf_counter() - mark
            mark = time.perf_counter()
            # `serve`: the files beside the pages are published while its workers write the pages
            published = incremental.published_folder() if incremental is not None else project.docs
            publish_files = functools.partial(_publish_beside_pages, result, published)
            result.pages = generate.generate_pages(result.content, draft=result.draft,
                                                   downloads=result.leaflets.downloads(result.content),
                                                   today=today(), workers=os.cpu_count() or 1,
                                                   pool=incremental.page_pool if incremental is not None else None,
                                                   meanwhile=publish_files if incremental is not None else None)
        if incremental is None:
            generate.write_docs(result.pages, project.docs)
            publish_files()
        else:  # docs/ changes only where a file did (MkDocs --dirty goes by their dates)
            incremental.write_docs(result.pages, project.docs, result.content.codes)
            incremental.publish(published, project.docs, result.content.codes)
        result.timings["generate"] = time.perf_counter() - mark
        mark = time.perf_counter()
        finisher = output.Finisher(site, result.content, project.root / "overrides", project.work,
                                   lastmod=site_date(result.content).isoformat(),
                                   memo=(incremental.memo or output.pages.Remembered()) if incremental is not None else None)
        try:  # each language is finished while MkDocs writes the others (a full build)
            if incremental is None:
                mkdocs.run(on_language=finisher.language_written)
            else:
                mkdocs.run(languages=incremental.languages_to_render(result.content.codes))
        except mkdocs_step.MkDocsFailed as exc:
            result.mkdocs_error = str(exc)
            finisher.abandon()
            mkdocs_step.clean(site)  # a half-built site must not be published
            if incremental is not None:
                incremental.forget()
            return result
    carried = frozenset()
    if incremental is not None:  # MkDocs wrote into the folder it keeps: the site is staged from it
        carried = incremental.stage(site, project.site)
    mkdocs_step.finish_site(site)
    result.timings["mkdocs"] = time.perf_counter() - mark
    mark = time.perf_counter()
    try:
        finisher.finish(later=incremental is not None, carried=carried)
    except theme.ThemeChanged as exc:  # fail loud: never publish a site without styles or search
        result.mkdocs_error = str(exc)
        mkdocs_step.clean(site)
        return result
    if incremental is not None:
        incremental.remember(finisher.finished, carriable=frozenset(finisher.finished.pages))
        incremental.finish_later = functools.partial(finisher.finish_later, leave_out=frozenset({cms_admin.FOLDER}))
    cms_admin.write(site, project.content)  # last: out of the sitemap, search, service worker, zip
    result.timings["output"] = time.perf_counter() - mark
    if publish:
        result.site_problems = gate.check_site(site, result.content)
        if result.site_problems:
            mkdocs_step.clean(site)  # a site with broken links is not published
            return result
    result.built = True
    return result
