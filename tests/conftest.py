"""Shared fixtures: a throw-away project made of the minimal test content, and one
build of the bundled content shared by the tests that read the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ventanilla import pipeline

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "minimo"


def make_project(target: Path, content: Path = FIXTURE) -> Path:
    """A project folder: mkdocs.yml, overrides/ and a copy of `content`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(content, target / "content", ignore=shutil.ignore_patterns("README.md"))
    if content == FIXTURE:  # the fixture shares catalogues and interface strings with content/
        shutil.copy(REPO / "content" / "catalogos.yml", target / "content" / "catalogos.yml")
        for lang in ("es", "en", "fr"):
            (target / "content" / lang).mkdir(exist_ok=True)
            shutil.copy(REPO / "content" / lang / "interfaz.yml", target / "content" / lang / "interfaz.yml")
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "proyecto")


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory):
    """The bundled content, built once, like `ventanilla build` does."""
    root = make_project(tmp_path_factory.mktemp("bundled"), REPO / "content")
    result = pipeline.build(pipeline.Project(root))
    assert not result.findings.errors, "\n".join(f.format() for f in result.findings.errors)
    assert result.built, result.mkdocs_error
    return root, result
