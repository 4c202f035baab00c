"""Shared fixtures: a throw-away project made of the minimal test content; one build of
the bundled content and one of the minimal content, shared by the tests that read a built
site; and the build caches shared by every build of the session.

Caches: the PDF leaflets and the .gz/.br copies are kept by content hash (build/leaflets,
build/compressed): a file's name is its key. Every `pipeline.build` of the session (also
through the command line in this process) starts with the files of the session's shared
caches linked into its work folder, and adds what it made to them, so each leaflet and
each compressed file is made once per session, whichever test builds it first. The QR codes
are shared by the process's memo (leaflets/qrcodes.py). Cold builds are left to the tests
of the caches themselves, which call the leaflets and compression steps directly, and to
the builds in a subprocess (tests/test_weight.py).

Workers: scripts/test.sh runs the suite in as many pytest-xdist processes as there are
cores, each test file whole in one of them (`--dist loadfile`, so a module's own build is
made once). The processes share the caches (a folder beside their temporary folders) and
the two session builds: the first process that needs one builds it, under a file lock, and
leaves the built project and its pickled result for the other, which only reads them.

Markers (pyproject.toml): `browser` for the tests that drive Chromium, `slow` for those that
need one of the shared builds or make sites of their own; both are set here from the
fixtures a test uses, or by the test. `pytest -m "not slow and not browser"` runs
the other half of the tests (about 190) in a minute or two.
"""

from __future__ import annotations

import functools
import http.server
import os
import pickle
import shutil
import threading
from pathlib import Path

import pytest
from filelock import FileLock

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


# -- caches shared by the session's builds ----------------------------------------------

SHARED_CACHES = ("leaflets", "compressed")  # folders of a work folder whose file names are keys


def shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder every process of the session sees: pytest-xdist's workers share the parent of
    their temporary folders (its documented way to share a session fixture); a run without
    workers has one of its own."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return tmp_path_factory.mktemp(name)
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    return folder


class SharedCaches:
    def __init__(self, folder: Path):
        self.folder = folder
        self.paused = False  # a test of the caches themselves starts cold (fixture `cold_caches`)
        for kind in SHARED_CACHES:
            (folder / kind).mkdir(parents=True, exist_ok=True)

    def seed(self, work: Path) -> None:
        """Link the session's cached files into a build's work folder (hard links: no copy).
        The folder is listed each time: another worker may have added files."""
        for kind in SHARED_CACHES:
            target = work / kind
            target.mkdir(parents=True, exist_ok=True)
            have = set(os.listdir(target))
            for name in set(os.listdir(self.folder / kind)) - have:
                os.link(self.folder / kind / name, target / name)

    def keep(self, work: Path) -> None:
        """Add what a build made to the session's caches. A link appears whole (a file is
        never seen half written); two workers adding the same key keep the first."""
        for kind in SHARED_CACHES:
            source = work / kind
            if source.is_dir():
                for name in set(os.listdir(source)) - set(os.listdir(self.folder / kind)):
                    try:
                        os.link(source / name, self.folder / kind / name)
                    except FileExistsError:
                        pass


@pytest.fixture(scope="session", autouse=True)
def shared_caches(tmp_path_factory):
    """Every `pipeline.build` of the session shares the leaflet and compression caches."""
    caches = SharedCaches(shared_folder(tmp_path_factory, "caches"))
    build = pipeline.build

    def build_sharing_caches(project, *args, **kwargs):
        if caches.paused:
            return build(project, *args, **kwargs)
        caches.seed(project.work)
        try:
            return build(project, *args, **kwargs)
        finally:
            caches.keep(project.work)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "build", build_sharing_caches)
        yield caches


@pytest.fixture
def cold_caches(shared_caches):
    """The builds of this test neither receive nor give the session's cached files."""
    shared_caches.paused = True
    yield
    shared_caches.paused = False


# -- builds shared by the session -------------------------------------------------------

def built(root: Path):
    """`root` built as `ventanilla build` does: (root, result); fails on errors."""
    result = pipeline.build(pipeline.Project(root))
    assert not result.findings.errors, "\n".join(f.format() for f in result.findings.errors)
    assert result.built, result.mkdocs_error
    return root, result


def built_once(tmp_path_factory, name: str, content: Path):
    """`content` built once for the whole session, whichever worker asks first: the others
    wait for it under a file lock and read the pickled result. A failed build is built
    again (and fails again) in each worker that asks, so each reports it."""
    folder = shared_folder(tmp_path_factory, name)
    kept = folder / "result.pickle"
    with FileLock(str(folder) + ".lock"):
        if kept.is_file():
            return folder / "p", pickle.loads(kept.read_bytes())
        shutil.rmtree(folder / "p", ignore_errors=True)
        root, result = built(make_project(folder / "p", content))
        kept.write_bytes(pickle.dumps(result))
        return root, result


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory):
    """The bundled content, built once. Tests only read it."""
    # VENTANILLA_TEST_CONTENT lets a developer run the suite on another content tree.
    content = Path(os.environ.get("VENTANILLA_TEST_CONTENT", REPO / "content"))
    return built_once(tmp_path_factory, "bundled", content)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory):
    """The minimal test content (tests/fixtures/minimo), built once. Tests only read it."""
    return built_once(tmp_path_factory, "fixture", FIXTURE)


# The longest test files first (measured with --durations), alternating those that need the
# bundled build with those that do not: with `--dist loadfile` and two workers, one makes the
# bundled build inside test_leaflets while the other runs test_incremental instead of waiting
# for it. Every other file follows in its usual order.
LONGEST_FIRST = ("test_leaflets.py", "test_incremental.py", "test_accessibility.py",
                 "test_monitoring_end_to_end.py", "test_task_first.py", "test_cms_browser.py",
                 "test_serve_live.py", "test_monitoring_intake.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: order kept within
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if {"bundled_build", "server", "fixture_build"} & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _UncachedHandler(_QuietHandler):
    """Asks the browser to keep nothing in its HTTP cache: only the service worker's cache
    can then answer once the server is gone."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def server(bundled_build):
    """The bundled site served on a free localhost port: (base URL, build result)."""
    root, result = bundled_build
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", result
    httpd.shutdown()


@pytest.fixture
def cut_off_server(bundled_build):
    """The bundled site on a port of its own: (base URL, a function that cuts it off).

    Measured: with Playwright's offline switch, or with the server stopped, pages the worker
    had dropped still opened, from the browser's HTTP cache (this server sends Last-Modified,
    so browsers keep pages a while), and a test of the worker's cache passed without it. Here
    the server forbids the HTTP cache and a closed port refuses every request."""
    root, _ = bundled_build
    handler = functools.partial(_UncachedHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    stopped = []

    def cut_off():
        if not stopped:
            httpd.shutdown()
            httpd.server_close()
            stopped.append(True)

    yield f"http://127.0.0.1:{httpd.server_address[1]}/", cut_off
    cut_off()


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
