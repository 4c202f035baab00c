"""The steps of `ventanilla check` and `ventanilla build`, with no printing.

check:  read content -> JSON Schema -> cross-checks  => Findings
build:  check -> (stop on errors) -> generate Markdown -> MkDocs -> site/
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import content as content_model
from . import crosscheck, generate, mkdocs_step
from .search import index as search_index
from .findings import Findings


def today() -> dt.date:
    """The build date; SOURCE_DATE_EPOCH pins it for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


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


def check(project: Project) -> Result:
    findings = Findings(project.root)
    content = content_model.load(project.content, findings)
    if content is not None:
        crosscheck.check(content, findings, today())
    return Result(findings=findings, content=content)


def build(project: Project) -> Result:
    started = time.perf_counter()
    result = check(project)
    result.timings["check"] = time.perf_counter() - started
    if result.content is None or result.findings.errors:
        return result  # never publish a site with errors
    mark = time.perf_counter()
    result.pages = generate.generate_pages(result.content)
    generate.write_docs(result.pages, project.docs)
    result.timings["generate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    try:
        mkdocs_step.build_site(result.content, project.root, project.docs, project.site, project.work)
    except mkdocs_step.MkDocsFailed as exc:
        result.mkdocs_error = str(exc)
        mkdocs_step.clean(project.site)  # a half-built site must not be published
        return result
    result.timings["mkdocs"] = time.perf_counter() - mark
    mark = time.perf_counter()
    search_index.publish(project.site, result.content.codes, result.content.synonyms)
    result.timings["search"] = time.perf_counter() - mark
    result.built = True
    return result
