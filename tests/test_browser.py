"""The built site in a real browser (Debian's Chromium driven by Playwright).

Skipped, with the reason, where Chromium is missing; `.ci/run` installs it
(fixtures `browser` and `server` in conftest.py).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlparse


def _first(ids):
    return sorted(ids)[0]


def test_no_request_leaves_the_site_and_none_fails(server, browser):
    base, result = server
    content = result.content
    pages = ["", "en/", "fr/urgente/", f"en/ventanillas/{_first(content.desks())}/",
             f"fr/directorio/{_first(content.services())}/", "en/tramites/", "fr/riesgos/", "en/404.html", "buscar/", "fr/buscar/"]
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


# what the browser refuses, as the page sees it (an init script is not subject to the policy)
RECORD_REFUSALS = ("window.refused = []; document.addEventListener('securitypolicyviolation', "
                   "e => window.refused.push(e.effectiveDirective + ' ' + e.blockedURI))")


def test_the_pages_carry_their_own_content_security_policy(server, browser):
    """The test server sends no headers, as hosts that ignore `_headers`: the policy in each
    page's <meta> must hold alone. Nothing the site itself loads is refused (search, with its
    index fetched; the map; the charts; JSON-LD), and a script slipped into a page is."""
    base, result = server
    context = browser.new_context(viewport={"width": 360, "height": 640})
    context.add_init_script(RECORD_REFUSALS)
    page = context.new_page()
    for path in ("", "ventanillas/", f"en/ventanillas/{_first(result.content.desks())}/", "fr/monitoreo/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.refused") == [], path
    page.goto(base + "en/buscar/?q=asylum")
    page.locator("#vn-results a").first.wait_for(timeout=10_000)  # search.js ran, its index fetched
    assert page.evaluate("window.refused") == []
    context.close()

    # a page changed on its way (or an editor's HTML that got through): its inline script is
    # refused. No service worker here: it would answer from its cache, past the route.
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    context.add_init_script(RECORD_REFUSALS)
    page = context.new_page()

    def slip_in_a_script(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            "</body>", "<script>document.title = 'inline ran'</script></body>"))
    page.route(base + "en/urgente/", slip_in_a_script)
    page.goto(base + "en/urgente/")
    page.wait_for_load_state("networkidle")
    assert "document.title = 'inline ran'" in page.content()  # the script is there…
    assert page.title() != "inline ran"  # …and did not run
    assert [r.split()[0] for r in page.evaluate("window.refused")] == ["script-src-elem"]
    context.close()
