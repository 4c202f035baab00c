"""Issue 16, the last pieces: organisation pages, the staff finder's population filter,
and star codes such as *765.

- every organisation has a page in every language (in the sitemap; found by search through its
  services, whose pages link it: its own pages would break the first search's budget), which
  opens with how to reach it: its open services' call buttons, the first one's top within
  the first screen of a 360 × 640 phone (or the one line saying there is no contact and whom
  to call instead); every service page links its organisation's page;
- the referral finder of a state links one page per population; with JavaScript off, a tap
  on a population leads to a page where a service of the state that does not serve that
  population is absent, and one that does is listed;
- the check accepts a star code (*765) only on a `tipo: emergencia` line; pages dial it as
  written (tel:*765).
"""

from __future__ import annotations

import json
import re

import pytest
from lunr.index import Index
from test_validation import edit, run_check

from ventanilla.content import directory, routes
from ventanilla.render.pagecontext import PageContext, phone_forms
from ventanilla.search import compact, query

SCREEN = 640


# -- organisation pages: the built site ------------------------------------------------

def test_every_organisation_has_a_page_in_every_language_listed_in_the_sitemap(bundled_build):
    root, result = bundled_build
    site = root / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    content = result.content
    for org_id in content.organizations():
        for lang in content.codes:
            prefix = routes.language_prefix(content.codes, lang)
            assert (site / prefix / "organizaciones" / org_id / "index.html").is_file(), (lang, org_id)
            assert f"/{prefix}organizaciones/{org_id}/</loc>" in sitemap, (lang, org_id)


def test_service_pages_link_their_organisation(bundled_build):
    root, result = bundled_build
    for service_id, service in list(result.content.services().items())[:20]:
        html = (root / "site" / "directorio" / service_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../organizaciones/{service.data["organizacion"]}/"' in html, service_id


def test_organisations_are_found_by_search_through_their_services(bundled_build):
    """Organisation pages stay out of the index (its 40 KB first-search budget); their
    services' pages, indexed whole, name them: a search for an organisation's full name puts
    one of its services in the top three (those with at most three open services)."""
    root, result = bundled_build
    content = result.content
    for lang in ("es", "fr"):
        data = json.loads(next((root / "site" / "search").glob(f"{lang}.*.json")).read_text(encoding="utf-8"))
        assert not [doc for doc in data["docs"] if doc[0].startswith("organizaciones/")]
        index = Index.load(compact.unpack(data["index"]))
        found, tried = 0, 0
        for org_id, org in content.organizations().items():
            services = content.directory.of_organization(org_id)
            if not services or len(services) > 3:
                continue
            name = PageContext(content, lang, routes.HOME).plain(org.data["nombre"])
            top = [r["url"].split("#")[0] for r in query.search(index, data, name)[:3]]
            tried += 1
            found += any(f"directorio/{s['id']}/" in top for s in services)
        assert tried >= 20 and found >= 0.9 * tried, (lang, found, tried)


def test_an_organisation_page_offers_no_closed_service(bundled_build):
    """Only content.directory's open services get a button (a closed one is never offered)."""
    root, result = bundled_build
    for org_id in result.content.organizations():
        html = (root / "site" / "organizaciones" / org_id / "index.html").read_text(encoding="utf-8")
        for service in result.content.services().values():
            if service.data.get("organizacion") == org_id and not directory.is_open(service.data):
                assert f"directorio/{service.id}/" not in html, (org_id, service.id)


def test_a_shared_number_is_named_after_the_national_service(bundled_build):
    """Offices often give their institution's central line: the button for that number names
    the service that covers the whole country, not the first office in alphabetical order
    (COMAR's Mexico City line is not "COMAR in Tapachula"). Fails when the buttons follow the
    alphabetical list."""
    root, result = bundled_build
    content = result.content
    tried = 0
    for org_id in content.organizations():
        services = content.directory.of_organization(org_id)
        for national in [s for s in services if directory.is_national(s)]:
            number = directory.call_number(national)
            sharing = [s for s in services if s is not national and directory.call_number(s)
                       and directory.dial_key(directory.call_number(s)) == directory.dial_key(number or "")]
            if not number or not sharing:
                continue
            tried += 1
            html = (root / "site" / "organizaciones" / org_id / "index.html").read_text(encoding="utf-8")
            dial = phone_forms(number)[1]
            button = re.search(rf'href="tel:{re.escape(dial)}"[^>]*>(.*?)</a>', html, re.S)
            assert button, (org_id, number)
            who = PageContext(content, "es", routes.HOME).plain(national["nombre"])
            assert who in button.group(1), (org_id, button.group(1))
    assert tried >= 1  # COMAR: comar-nacional shares its line with the Tapachula and Tuxtla entries


# -- organisation pages in Chromium at 360 × 640 ----------------------------------------

@pytest.fixture
def phone(browser):
    page = browser.new_page(viewport={"width": 360, "height": SCREEN})
    yield page
    page.close()


FIRST_BLOCK = """() => {
    const h1 = document.querySelector('article h1');
    let e = h1.nextElementSibling;
    while (e && (e.classList.contains('vn-trust') || e.classList.contains('vn-review'))) e = e.nextElementSibling;
    return e ? e.className : '';
}"""


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_organisation_pages_open_with_a_call_button_in_the_first_screen(server, phone, lang):
    base, result = server
    content = result.content
    reachable = [o for o in content.organizations()
                 if any(directory.reachable(s) for s in content.directory.of_organization(o))]
    with_phone = {o for o in reachable if any(ch.kind == "telefono" for s in content.directory.of_organization(o)
                                              for ch in directory.channels(s)[:1])}
    without = [o for o in content.organizations() if o not in reachable]
    assert with_phone and without, "the bundled content should have both kinds of organisation"
    for org_id in reachable[:10]:
        phone.goto(base + lang + f"organizaciones/{org_id}/")
        assert "vn-contact" in phone.evaluate(FIRST_BLOCK), org_id
        # the first button (call, WhatsApp or e-mail) and, where a service has a phone, a call
        # button: their tops within the first screen
        buttons = phone.eval_on_selector_all(
            "article a.vn-call", "as => as.map(a => [a.getAttribute('href'), a.getBoundingClientRect().top + scrollY])")
        assert buttons[0][1] < SCREEN - 44, (org_id, buttons)
        if org_id in with_phone:
            top = next(t for href, t in buttons if href.startswith("tel:"))
            assert top < SCREEN - 44, f"{lang}organizaciones/{org_id}: the call button starts at y={top}"
    for org_id in without[:4]:
        phone.goto(base + lang + f"organizaciones/{org_id}/")
        assert "vn-nocontact" in phone.evaluate(FIRST_BLOCK), org_id
        assert phone.locator("article a[href^='tel:']").count() >= 1, org_id  # whom to call instead
    assert phone.locator("details.vn-sources").count() == 1
    assert phone.eval_on_selector("details.vn-sources", "d => d.open") is False


# -- the population filter, without JavaScript ------------------------------------------

def _filter_case(content):
    """(state, population, a service of the state that serves it, one that does not)."""
    for state, population in routes.staff_filters(content):
        local = content.directory.in_state(state)
        serving = [s for s in local if directory.serves(s, population)]
        other = [s for s in local if not directory.serves(s, population)]
        if serving and other:
            return state, population, serving[0], other[0]
    pytest.fail("no state has services for one population and not for another")


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_population_filter_works_without_javascript(server, browser, lang):
    base, result = server
    state, population, serving, other = _filter_case(result.content)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": SCREEN})
    page = context.new_page()
    try:
        page.goto(base + lang + f"personal/{state}/")
        assert page.locator(f"article a[href$='directorio/{other['id']}/']").count() >= 1  # listed unfiltered
        chip = page.locator(f"nav.vn-chips a[href='{population}/']")
        assert chip.count() == 1 and not chip.is_visible()  # folded: the needs come first
        page.locator("details.vn-filter summary").click()
        chip.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"personal/{state}/{population}/")
        assert page.locator("nav.vn-chips a[aria-current='page']").get_attribute("href") == "./"
        assert page.locator(f"article a[href$='directorio/{serving['id']}/']").count() >= 1
        assert page.locator(f"article a[href$='directorio/{other['id']}/']").count() == 0, other["id"]
        for href in page.eval_on_selector_all("article details a[href*='directorio/']",
                                              "as => as.map(a => a.getAttribute('href'))"):
            service_id = href.rstrip("/").rsplit("/", 1)[-1]
            assert directory.serves(result.content.services()[service_id].data, population), service_id
        page.locator("details.vn-filter summary").click()
        page.locator("nav.vn-chips a").first.click()  # back to everyone
        page.wait_for_load_state()
        assert page.url.endswith(f"personal/{state}/")
    finally:
        context.close()


# -- star codes ---------------------------------------------------------------------------

SERVICE = "content/servicios/ejemplo-911.yml"


def test_a_star_code_is_accepted_on_an_emergency_line(project, capsys):
    edit(project / SERVICE, 'numero: "911"', 'numero: "*765"')
    code, out = run_check(project, capsys)
    assert code == 0, out


@pytest.mark.parametrize("number, kind", [("*765", "celular"), ("*76", "emergencia"),
                                          ("*76543", "emergencia"), ("*76a", "emergencia")])
def test_a_star_code_elsewhere_or_malformed_is_refused(project, capsys, number, kind):
    edit(project / SERVICE, 'numero: "911"\n    tipo: emergencia', f'numero: "{number}"\n    tipo: {kind}')
    code, out = run_check(project, capsys)
    assert code == 1
    assert re.search(rf'ejemplo-911\.yml:\d+: error \[telefono-invalido\] el teléfono "\*{number[1:]}"', out), out
    assert "*765 llevan tipo: emergencia" in out


def test_a_star_code_is_dialled_as_written(bundled_build):
    _, result = bundled_build
    assert phone_forms("*765") == ("*765", "*765")
    assert phone_forms("911") == ("911", "911")
    ctx = PageContext(result.content, "es", routes.service("linea-sos-mujeres-cdmx"))
    assert "](tel:*765)" in ctx.call_button("*765")
    html = (bundled_build[0] / "site" / "directorio" / "linea-sos-mujeres-cdmx" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:*765"' in html


def test_a_short_code_keeps_its_leading_zero():
    """Línea Mujeres is 079: shown and dialled as "79" (the parsed national number) it reaches
    no one. Short codes are shown and dialled as written."""
    assert phone_forms("079") == ("079", "079")
    assert phone_forms("089") == ("089", "089")
    assert phone_forms("+52 962 123 4567") == ("+52 962 123 4567", "+529621234567")
