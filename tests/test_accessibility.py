"""Every page type, every language, phone and desktop size, in Chromium:
axe-core (no serious or critical violation), one h1, skip link, landmarks, no
sideways scrolling at 360 px (also with text at 200 %), touch targets, print,
no console errors and no request that fails or leaves the site.

Screenshots of each page type go to VENTANILLA_SCREENSHOTS (default
/tmp/ventanilla-screenshots), outside the repository, to be looked at.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

SHOTS = Path(os.environ.get("VENTANILLA_SCREENSHOTS", "/tmp/ventanilla-screenshots"))
VIEWPORTS = {"phone": (360, 640), "desktop": (1280, 800)}
# Links and buttons that stand alone (not inside a sentence) must be 44×44 px or larger.
STANDALONE = (".md-header__button, .md-button, .vn-search button, .vn-search input, "
              ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link, .md-select__link")


AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def in_flight(page) -> set:
    """The page's requests not yet answered (or failed), kept up to date."""
    pending: set = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    return pending


def settle(page, pending: set) -> None:
    """After the load event, until every request the page made is answered: what
    `networkidle` waits for (the search page's index), without its 500 ms of quiet after
    the last answer, which the pages do not need (none requests anything later)."""
    deadline = time.monotonic() + 30
    while pending:
        assert time.monotonic() < deadline, f"requests unanswered after 30 s: {[r.url for r in pending]}"
        page.wait_for_timeout(20)


def axe_violations(page, axe_script: str) -> list[dict]:
    """axe-core's violations of AXE_RULES on the page: id, impact, first three targets.
    Only these cross from the browser (the whole report, with every rule passed, costs
    more than the run), and axe aggregates only violations (`resultTypes`)."""
    page.evaluate(axe_script)
    return page.evaluate("""options => axe.run(document, options).then(r => r.violations.map(v => (
        {id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target)})))""",
                         {"runOnly": AXE_RULES, "resultTypes": ["violations"]})


def page_types(result) -> dict[str, str]:
    c = result.content
    return {
        "home": "",
        "desk-list": "ventanillas/",
        "desk": f"ventanillas/{sorted(c.desks())[0]}/",
        "service": f"directorio/{sorted(c.services())[0]}/",
        "category": "directorio/categorias/asilo-refugio/",
        "state": "directorio/entidades/chiapas/",
        "procedure": "tramites/asilo-comar/",
        "risk": f"riesgos/{sorted(c.pages['riesgo'])[0]}/",
        "urgent": "urgente/",
        "urgent-state": "urgente/chiapas/",
        "staff": "personal/",
        "referrals": "personal/chiapas/",
        "search": "buscar/",
        "monitoring": "monitoreo/",
        "community": "comunidad/mitos-y-realidades/",
        "activities": "actividades/",
        "kits": "actividades/materiales/",
        "404": "404.html",
    }


def _url(base, lang, path, result):
    return base + ("" if lang == result.content.source_lang else f"{lang}/") + path


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_page_types(server, browser, lang, viewport):
    from axe_playwright_python.sync_playwright import Axe

    base, result = server
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors, failed, foreign = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "404" not in r.url else None)
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    pending = in_flight(page)
    axe_script = Axe().axe_script
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in page_types(result).items():
        page.goto(_url(base, lang, path, result))  # returns at the load event
        settle(page, pending)
        where = f"{lang}/{name}@{viewport}"
        for violation in axe_violations(page, axe_script):
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{where}: axe {violation['id']} ({violation['impact']}) {violation['targets']}")
        if page.locator("h1").count() != 1:
            problems.append(f"{where}: {page.locator('h1').count()} h1")
        if page.locator("a.md-skip").count() != 1 or page.locator("main").count() != 1:
            problems.append(f"{where}: skip link or main landmark missing")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{where}: scrolls sideways")
        if viewport == "phone":
            small = page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => {
                const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (r.width < 44 || r.height < 44);
            }).map(e => e.className + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))""",
                                  STANDALONE)
            if small:
                problems.append(f"{where}: touch targets under 44 px: {small[:4]}")
            page.screenshot(path=str(SHOTS / f"{lang}-{name}-{viewport}.png"), full_page=False)
            # through the CSSOM: the pages' Content-Security-Policy refuses an added <style>
            page.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")
            if page.evaluate("document.documentElement.scrollWidth") > width:
                problems.append(f"{where}: scrolls sideways with text at 200 %")
        else:
            page.screenshot(path=str(SHOTS / f"{lang}-{name}-{viewport}.png"), full_page=False)
    context.close()
    assert not errors, errors
    assert not failed, failed
    assert not foreign, foreign
    assert not problems, "\n".join(problems)


def test_fallback_text_is_marked_in_spanish(server, browser):
    base, result = server
    missing = [pid for pid, p in result.content.pages["tramite"].items() if "fr" not in p.docs]
    if not missing:
        pytest.skip("every procedure is translated to French")
    page = browser.new_page()
    page.goto(base + f"fr/tramites/{missing[0]}/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("article [lang=es]").count() >= 2  # the heading and the body
    page.close()


@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_without_javascript_every_page_type_reads_and_navigates(server, browser, lang):
    base, result = server
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    page = context.new_page()
    others = [c for c in result.content.codes if c != lang]
    for name, path in page_types(result).items():
        if name == "404":
            continue
        page.goto(_url(base, lang, path, result))
        assert page.locator("article h1").is_visible(), (lang, name)
        for other in others:
            href = page.get_attribute(f".md-select__link[hreflang={other}]", "href")
            target = page.evaluate("h => new URL(h, location.href).pathname", href)
            expected = urlparse(_url(base, other, path, result)).path
            assert target == expected, (lang, name, other, target)
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.locator("nav.md-nav--primary .md-nav__link").first.is_visible()
    context.close()


def test_print_hides_navigation_chrome(server, browser):
    base, result = server
    page = browser.new_page()
    page.goto(base + "en/tramites/asilo-comar/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    page.close()
