"""The built site in a real browser (Debian's Chromium driven by Playwright).

Skipped, with the reason, where Chromium is missing; `.ci/run` installs it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urljoin, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' instala Playwright")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium no está instalado: sudo apt-get install chromium (.ci/run lo instala)")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(bundled_build):
    root, result = bundled_build
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", result
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _first(ids):
    return sorted(ids)[0]


def test_no_request_leaves_the_site_and_none_fails(server, browser):
    base, result = server
    content = result.content
    pages = ["", "en/", "fr/urgente/", f"en/ventanillas/{_first(content.desks())}/",
             f"fr/directorio/{_first(content.services())}/", "en/tramites/", "fr/riesgos/", "en/404.html"]
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 and not r.url.endswith("404.html") else None)
    for path in pages:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px)"
    context.close()
    hosts = {urlparse(u).hostname for u in requests if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
    assert failures == []


def test_reading_navigating_and_switching_language_without_javascript(server, browser):
    base, result = server
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(base + "en/")
    assert page.locator("h1").first.inner_text()
    # the drawer opens through its CSS checkbox label
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Desks").first.click()
    page.wait_for_url("**/en/ventanillas/")
    assert page.locator("h1").inner_text() == "Desks"
    # the language menu is plain links: the French link keeps the page
    href = page.locator(".md-select__link[hreflang='fr']").get_attribute("href")
    page.goto(urljoin(page.url, href))
    assert page.url.endswith("/fr/ventanillas/")
    assert page.locator("html").get_attribute("lang") == "fr"
    context.close()
