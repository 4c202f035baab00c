"""Task-first pages (issue 16): from a question to a number to call, on a 360 × 640 phone.

The rules, each measured in the real build and, where people see it, in real Chromium
(positions with getBoundingClientRect):
- a closed service that has a phone is offered nowhere: no page, urgent list, state list,
  search list or JSON-LD carries its number; open data marks it closed;
- home: the urgent-help entry entirely in the first screen under the draft banner, which
  is one line with a link; the main tasks come from sitio.yml, with an icon; a state chooser;
  the footer in the reader's language, nothing in English on a Spanish page;
- urgent help: the national page at most 3 screens, one `tel:` button per situation, no
  number twice in a row; a page per state: the situation's national line first (a consulate or
  a shelter never leads), then the state's own numbers, then the other national ones;
- desk and service pages open with the contact block (or the one line that says there is
  none and whom to call instead); an empty list says what to do, with a number;
- procedures: a call button to the first number of the page's services under the title,
  entirely on the first screen; the summary box ends within the first 2 screens; sources
  are folded;
- trust label: never "Verificado"/"Verified" on an entry that was not confirmed;
- staff section in the navigation and the footer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import make_project

from ventanilla import pipeline
from ventanilla.content import directory
from ventanilla.render.pagecontext import phone_forms

LANGS = ("", "en/", "fr/", "ht/")  # URL prefixes of the bundled languages
SCREEN = 640


# -- a closed service with a phone ---------------------------------------------------

UNIQUE = "+52 962 555 0199"  # a number no other entry of the test content has


def _project_with_unique_phone(target: Path, status: str) -> Path:
    """The test content with its asylum service given a number of its own and `status`."""
    root = make_project(target)
    path = root / "content" / "servicios" / "ejemplo-asilo.yml"
    text = path.read_text(encoding="utf-8")
    assert "+52 55 5387 2400" in text and "estatus: sin_verificar" in text
    path.write_text(text.replace("+52 55 5387 2400", UNIQUE).replace("estatus: sin_verificar", f"estatus: {status}"),
                    encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def closed_site(tmp_path_factory):
    root = _project_with_unique_phone(tmp_path_factory.mktemp("cerrado") / "proyecto", "cerrado")
    result = pipeline.build(pipeline.Project(root))
    assert result.built, result.mkdocs_error
    return root


def _digits(number: str) -> str:
    return re.sub(r"[^0-9]", "", number)[-10:]


def _pages_with(root: Path, number: str) -> list[str]:
    wanted = _digits(number)
    return sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")
                  if wanted in re.sub(r"[^0-9]", "", p.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_a_closed_service_phone_is_on_no_page(closed_site):
    assert len(list((closed_site / "site").rglob("*.html"))) > 20
    carrying = _pages_with(closed_site, UNIQUE)
    assert carrying == [], f"the closed service's number is still offered on {carrying}"


@pytest.mark.slow
def test_a_closed_service_gets_no_referral_slip_and_is_closed_in_open_data(closed_site):
    assert not list((closed_site / "site").rglob("referencias/ejemplo-asilo.pdf"))
    found = []
    for f in (closed_site / "site" / "datos").rglob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and "ejemplo de asilo" in str(item.get("name", "")).lower():
                found.append(item.get("status"))
    assert found and set(found) == {"defunct"}, found


@pytest.mark.slow
def test_the_same_service_open_is_offered_with_its_phone(tmp_path):
    """The control: open, the same number is on its page, the state list and the urgent page."""
    root = _project_with_unique_phone(tmp_path / "abierto", "sin_verificar")
    result = pipeline.build(pipeline.Project(root))
    assert result.built, result.mkdocs_error
    carrying = _pages_with(root, UNIQUE)
    for page in ("directorio/ejemplo-asilo/index.html", "urgente/chiapas/index.html",
                 "directorio/entidades/chiapas/index.html"):
        assert page in carrying, page


# -- in Chromium at 360 × 640 --------------------------------------------------------

@pytest.fixture
def phone(browser):
    page = browser.new_page(viewport={"width": 360, "height": SCREEN})
    yield page
    page.close()


def _box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return {top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height}; }")


@pytest.mark.parametrize("lang", LANGS)
def test_home_first_screen_shows_urgent_help_under_a_one_line_draft_banner(server, phone, lang):
    base, _ = server
    phone.goto(base + lang)
    banner = _box(phone, ".vn-draft")
    assert banner["height"] <= 32, f"the draft banner takes {banner['height']} px (one line is ~26)"
    assert phone.locator(".vn-draft a").count() == 1
    assert phone.eval_on_selector(".vn-draft", "e => e.scrollWidth <= e.clientWidth + 1"), "the banner's link is cut"
    urgent = _box(phone, "a.vn-urgent")
    assert urgent["bottom"] <= SCREEN, f"the urgent-help entry ends at y={urgent['bottom']}"
    title = phone.eval_on_selector(".vn-short-name", "e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")
    assert title, "the header title is cut"


@pytest.mark.parametrize("lang", LANGS)
def test_home_tasks_come_from_sitio_yml_with_an_icon_each(server, phone, lang, bundled_build):
    base, _ = server
    root, _ = bundled_build
    site = yaml.safe_load((root / "content" / "sitio.yml").read_text(encoding="utf-8"))
    phone.goto(base + lang)
    tasks = phone.locator("a.vn-task")
    assert tasks.count() == len(site["tareas"]) >= 6
    code = lang.strip("/") or "es"
    for i, item in enumerate(site["tareas"]):
        assert tasks.nth(i).inner_text().strip() == item["titulo"][code]
        assert tasks.nth(i).locator("svg").count() == 1
        assert tasks.nth(i).bounding_box()["height"] >= 44
    assert phone.locator(".vn-chips a").count() >= 5  # the state chooser


@pytest.mark.parametrize("lang", LANGS)
def test_footer_speaks_the_readers_language_and_links_staff(server, phone, lang):
    base, _ = server
    phone.goto(base + lang + "tramites/")
    footer = phone.inner_text(".md-footer")
    assert "Material for MkDocs" not in footer and "Made with" not in footer
    staff = {"": "personal", "en/": "staff", "fr/": "personnel", "ht/": "anplwaye"}[lang]
    assert phone.locator(".md-footer a", has_text=re.compile(staff, re.I)).count() == 1
    nav = phone.locator(".md-nav--primary a", has_text=re.compile(staff, re.I))
    assert nav.count() >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_national_urgent_page_fits_in_three_screens_with_a_call_per_situation(server, phone, lang):
    base, result = server
    phone.goto(base + lang + "urgente/")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= 3 * SCREEN, f"the urgent page is {height} px ({height / SCREEN:.1f} screens)"
    situations = phone.locator(".vn-situation")
    assert situations.count() == len(result.content.urgencies())
    for i in range(situations.count()):
        assert situations.nth(i).locator("a[href^='tel:']").count() >= 1
    _no_number_twice_in_a_row(phone)


def _no_number_twice_in_a_row(phone):
    """The big call buttons in page order: no two in a row alike; within one situation,
    every number (buttons, links and the folded list) once."""
    buttons = phone.eval_on_selector_all(
        "article a.vn-call", "as => as.filter(a => !a.closest('details')).map(a => a.getAttribute('href'))")
    for first, second in zip(buttons, buttons[1:]):
        assert first != second, f"{first} twice in a row: {buttons}"
    for hrefs in phone.eval_on_selector_all(
            ".vn-situation", "ss => ss.map(s => [...s.querySelectorAll('a[href^=\"tel:\"]')].map(a => a.getAttribute('href')))"):
        folded = hrefs[1:]  # after the first button: the folded list of every contact
        assert len(set(folded)) == len(folded), hrefs  # the folded list names each number once


def test_state_urgent_pages_lead_with_the_national_line_then_the_states_numbers(server, phone, bundled_build):
    """Each situation's red button is its national line (it reaches everyone: a consulate or
    a shelter of the state never leads), then come the state's own numbers, before the other
    national ones; each number once. Fails on the state-first order, which put El Salvador's
    consulate on the Chiapas "detained" button and a shelter on San Luis Potosí's medical
    emergency."""
    base, result = server
    content = result.content
    digits = lambda n: re.sub(r"[^0-9*]", "", n)[-10:]  # noqa: E731
    checked = 0
    for urgency in content.urgencies().values():
        national = [n for s in content.directory.by_ids(urgency.data.get("servicios") or [])
                    if (n := directory.call_number(s))]
        for state, ids in (urgency.data.get("por_entidad") or {}).items():
            local = [n for s in content.directory.by_ids(ids) if (n := directory.call_number(s, state))]
            if not local or not national:
                continue
            phone.goto(base + f"urgente/{state}/")
            block = phone.locator(f"section.vn-situation:has(#{urgency.id})")
            hrefs = [digits(h) for h in block.locator("a[href^='tel:']").evaluate_all(
                "as => as.map(a => a.getAttribute('href'))")]
            assert hrefs[0] == digits(national[0]), (state, urgency.id, hrefs)  # the button
            folded = hrefs[1:]
            assert len(set(folded)) == len(folded), hrefs  # each number once
            expected = list(dict.fromkeys(digits(n) for n in [national[0], *local, *national[1:]]))
            assert folded == expected, (state, urgency.id, folded, expected)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("kind", ["directorio", "ventanillas"])
def test_desk_and_service_pages_open_with_how_to_reach_them(server, phone, kind, bundled_build):
    base, result = server
    entries = result.content.services() if kind == "directorio" else result.content.desks()
    for entry_id in list(entries)[:12]:
        phone.goto(base + f"{kind}/{entry_id}/")
        first = phone.evaluate("""() => {
            const h1 = document.querySelector('article h1');
            let e = h1.nextElementSibling;
            while (e && (e.classList.contains('vn-trust') || e.classList.contains('vn-review'))) e = e.nextElementSibling;
            return e ? (e.className + ' ' + (e.querySelector('a') ? e.querySelector('a').getAttribute('href') : '')) : '';
        }""")
        assert "vn-contact" in first or "vn-nocontact" in first or "admonition" in first, (entry_id, first)


def test_an_empty_list_says_what_to_do_with_a_number(server, phone, bundled_build):
    base, result = server
    empty = [c for c in result.content.catalogs["categorias"] if not result.content.directory.in_category(c)]
    states = [s for s in result.content.catalogs["entidades"] if not result.content.directory.in_state(s)]
    pages = [f"directorio/categorias/{c}/" for c in empty] + [f"directorio/entidades/{s}/" for s in states[:2]]
    assert pages, "the bundled content has no empty list to test"
    for path in pages:
        phone.goto(base + path)
        assert phone.locator(".vn-nocontact").count() == 1, path
        assert phone.locator("article a[href^='tel:']").count() >= 1, path


@pytest.mark.parametrize("lang", LANGS)
def test_procedure_summary_ends_within_two_screens_and_sources_are_folded(server, phone, lang, bundled_build):
    base, result = server
    for page_id in result.content.pages["tramite"]:
        phone.goto(base + lang + f"tramites/{page_id}/")
        box = _box(phone, ".vn-summary")
        assert box["bottom"] <= 2 * SCREEN, f"{lang}tramites/{page_id}: the summary ends at y={box['bottom']}"
        # the action first: the first number of the page's services is a call button under the
        # title, entirely on the first screen
        shared = result.content.pages["tramite"][page_id].shared(result.content.source_lang)
        calls = result.content.directory.urgent_contacts(shared.get("servicios") or shared.get("ayuda") or [])
        button = phone.locator("article .vn-contact a.vn-call[href^='tel:']")
        assert button.count() == (1 if calls else 0), f"{lang}tramites/{page_id}: {button.count()} call buttons"
        if calls:
            assert button.get_attribute("href") == "tel:" + phone_forms(calls[0][1])[1], page_id
            bottom = _box(phone, "article .vn-contact a.vn-call")["bottom"]
            assert bottom <= SCREEN, f"{lang}tramites/{page_id}: the call button ends at y={bottom}"
        assert phone.locator("details.vn-sources").count() == 1
        assert phone.eval_on_selector("details.vn-sources", "d => d.open") is False


TRUST_WORDS = {"": "Verificado el", "en/": "Verified on", "fr/": "Vérifié le", "ht/": "Verifye"}


@pytest.mark.parametrize("lang", LANGS)
def test_unconfirmed_entries_never_say_verified(bundled_build, lang):
    root, result = bundled_build
    site = root / "site" / lang
    unconfirmed = [f"directorio/{i}" for i, s in result.content.services().items() if s.data["estatus"] != "verificado"]
    unconfirmed += [f"ventanillas/{i}" for i, d in result.content.desks().items() if d.data["estatus"] != "verificado"]
    assert unconfirmed
    for path in unconfirmed:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert TRUST_WORDS[lang] not in html, path
        assert html.count('class="vn-trust') == 1, path


def test_french_pages_name_a_state_with_its_article(bundled_build):
    """French says "au Chiapas", "en Basse-Californie", "à Mexico" (catalogos.yml
    `entidades_en`), never "à Chiapas": in the titles of the state pages and their links."""
    import html as html_text

    from ventanilla.content import routes

    root, result = bundled_build
    content = result.content
    forms = content.catalogs["entidades_en"]
    states = sorted(set(forms) & {d.data["entidad"] for d in content.desks().values()})
    assert "chiapas" in states
    for state in states:
        html = (root / "site" / "fr" / routes.url(routes.urgent_state(state)) / "index.html").read_text(encoding="utf-8")
        name = content.catalogs["entidades"][state]
        name = name.get("fr", name["es"]) if isinstance(name, dict) else name
        assert re.search(rf"<h1[^>]*>Aide urgente {re.escape(forms[state]['fr'])}", html_text.unescape(html)), state
        if not forms[state]["fr"].startswith("à "):
            assert f"à {name}" not in html, state
