"""Shared fixtures: a throw-away project made of the minimal test content, and one
build of the bundled content shared by the tests that read the built site."""

from __future__ import annotations

import functools
import os
import http.server
import shutil
import threading
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
    # VENTANILLA_TEST_CONTENT lets a developer run the suite on another content tree.
    content = Path(os.environ.get("VENTANILLA_TEST_CONTENT", REPO / "content"))
    root = make_project(tmp_path_factory.mktemp("bundled"), content)
    result = pipeline.build(pipeline.Project(root))
    assert not result.findings.errors, "\n".join(f.format() for f in result.findings.errors)
    assert result.built, result.mkdocs_error
    return root, result


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(bundled_build):
    """The bundled site served on a free localhost port: (base URL, build result)."""
    root, result = bundled_build
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", result
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, or Playwright's own Chromium where that one is
    installed (GitHub's runners: `python -m playwright install --with-deps chromium`); skips
    with the way to install it."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' instala Playwright")
    with sync_api.sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) if CHROMIUM \
                else p.chromium.launch(args=CHROMIUM_ARGS)
        except sync_api.Error:
            pytest.skip("Chromium no está instalado: sudo apt-get install chromium (.ci/run lo instala), "
                        "o python -m playwright install --with-deps chromium")
        yield instance
        instance.close()
