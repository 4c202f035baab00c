"""Offline reading in Chromium: the service worker, and the zip opened from disk."""

from __future__ import annotations

import re
import time
import zipfile


def test_urgent_help_opens_offline_after_a_first_visit(cut_off_server, browser):
    base, cut_off = cut_off_server
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "en/tramites/")
    # the worker saves the pages a moment after the first visit: the test waits for them
    wait_until(page, SAVED, ["/en/urgente/", "/en/tramites/"])
    wait_until(page, ACTIVE)
    saved = page.evaluate(CACHED)  # said on failure: what the worker had saved before going offline
    cut_off()
    page.goto(base + "en/urgente/")
    assert page.locator("h1").inner_text() == "Urgent help", saved
    page.goto(base + "en/tramites/")  # a page visited before is kept too
    assert page.locator("h1").inner_text() == "Procedures", saved
    context.close()


def wait_until(page, script: str, arg=None, timeout: float = 15) -> None:
    """Poll `script` until it is true. page.evaluate awaits the promise it returns;
    wait_for_function does not work on these pages (their CSP has no 'unsafe-eval'): it
    returned at once, and a test went offline before the worker had saved anything."""
    end = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < end, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(100)


ACTIVE = """() => navigator.serviceWorker.ready.then(r => r.active !== null && r.active.state === 'activated')"""
CACHED = """() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.keys())
    .then(requests => k + ": " + requests.map(r => new URL(r.url).pathname).join(" ")))))"""


def test_the_help_pages_stay_when_later_reading_fills_the_cache(cut_off_server, bundled_build, browser):
    """Pages read are dropped oldest first beyond the worker's limit (300 KB); the home,
    urgent-help and desk pages are never dropped."""
    base, cut_off = cut_off_server
    root = bundled_build[0] / "site"
    procedures = sorted(p.parent.name for p in (root / "en" / "tramites").glob("*/index.html"))
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "en/tramites/")
    wait_until(page, SAVED, ["/en/urgente/", "/en/tramites/"])
    later = [f"/en/tramites/{name}/" for name in procedures]
    assert sum((root / p.strip("/") / "index.html").stat().st_size for p in later) > 300 * 1024, \
        "enough reading to pass the limit"
    page.evaluate("""urls => navigator.serviceWorker.ready
        .then(r => r.active.postMessage({precache: urls.map(u => location.origin + u)}))""", later)
    wait_until(page, SAVED, [later[-1]], timeout=30)
    page.wait_for_timeout(500)  # the last page's trim
    saved = page.evaluate(CACHED)
    cut_off()
    page.goto(base + "en/urgente/")
    assert page.locator("h1").inner_text() == "Urgent help", saved
    page.goto(base + "en/ventanillas/")
    assert page.locator("h1").inner_text() != "No connection", saved
    page.goto(base + "en/tramites/")  # read first, not kept: dropped for the later pages
    assert page.locator("h1").inner_text() == "No connection", saved
    context.close()


def test_no_failed_request_with_the_service_worker(server, browser):
    base, result = server
    context = browser.new_context()
    page = context.new_page()
    failures = []
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    desk = sorted(result.content.desks())[0]
    for path in ("", "fr/tramites/asilo-comar/", f"en/ventanillas/{desk}/", "directorio/", "fr/urgente/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert failures == []


def test_the_zip_works_from_disk(bundled_build, browser, tmp_path):
    root, _ = bundled_build
    with zipfile.ZipFile(root / "site" / "ventanilla-sin-conexion.zip") as bundle:
        bundle.extractall(tmp_path)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((tmp_path / "ventanilla" / "fr" / "index.html").as_uri())
    page.locator("a.vn-urgent").click()
    assert page.url.endswith("/fr/urgente/index.html")
    assert page.locator("h1").inner_text() == "Aide urgente"
    context.close()


def test_search_from_disk_falls_back_to_the_a_to_z_list(bundled_build, browser, tmp_path):
    root, _ = bundled_build
    with zipfile.ZipFile(root / "site" / "ventanilla-sin-conexion.zip") as bundle:
        bundle.extractall(tmp_path)
    page = browser.new_page()
    page.goto((tmp_path / "ventanilla" / "en" / "buscar" / "index.html").as_uri())
    page.wait_for_selector(".vn-search__none:not([hidden])")
    assert "does not work offline" in page.inner_text("#vn-status")
    page.locator(".vn-search__none a[href='#a-z']").click()
    assert page.locator("#a-z").is_visible()
    page.close()


SAVED = """paths => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)
    .then(c => Promise.all(paths.map(p => c.match(location.origin + p)))))))
    .then(perCache => perCache.some(hits => hits.every(Boolean)))"""


def _offline_pages(content) -> dict[str, str]:
    """{language: its folder in URLs ("" for the first)}: from content/sitio.yml."""
    return {lang: "" if i == 0 else f"{lang}/" for i, lang in enumerate(content.codes)}


def test_a_page_never_read_opened_offline_shows_the_offline_page_in_its_language(cut_off_server, bundled_build, browser):
    from axe_playwright_python.sync_playwright import Axe

    from ventanilla.render.pagecontext import PageContext

    base, cut_off = cut_off_server
    content = bundled_build[1].content
    folders = _offline_pages(content)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)  # the first language's home: its urgent help and desks are saved too
    page.goto(base + "tramites/")
    wait_until(page, SAVED, ["/", "/urgente/", "/ventanillas/", "/tramites/"]
               + [f"/{f}sin-conexion/" for f in folders.values()])
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the worker's last writes (a page being rewritten is not listed)
    cut_off()
    for lang, folder in folders.items():
        ui = PageContext(content, lang, "sin-conexion.md").ui
        page.goto(base + folder + "tramites/asilo-comar/")  # never read
        assert page.url == base + folder + "tramites/asilo-comar/"  # the address is kept: reload retries it
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").inner_text() == ui("sin_conexion_titulo")
        read = page.locator("#vn-read")
        assert read.is_visible()
        assert "Trámites" in read.inner_text()  # the page read before, by its title
        assert page.locator("#vn-read-list a[href$='/sin-conexion/']").count() == 0
        # the basic links lead to saved pages (the first language's, when this one's is not saved)
        urgent = page.locator("a[data-vn-keep='urgente/']")
        assert urgent.inner_text() == ui("ayuda_urgente")
        assert urgent.get_attribute("href") == base + "urgente/"
        assert urgent.get_attribute("hreflang") == (None if folder == "" else content.codes[0])
        if folder:  # the language of the saved copy is said
            assert page.locator(f"a[data-vn-keep='urgente/'] + span[lang='{content.codes[0]}']").inner_text() == \
                f"({content.site['idiomas'][0]['nombre']})"
        problems = [f"{v['id']} {[n['target'] for n in v['nodes']]}" for v in Axe().run(page, options={
            "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}).response["violations"]
            if v["impact"] in ("serious", "critical")]
        assert problems == []
        urgent.click()
        page.wait_for_load_state()
        assert page.url == base + "urgente/"
        assert page.locator("h1").inner_text() == PageContext(content, content.codes[0], "urgente.md").ui("ayuda_urgente")
    page.goto(base + "en/tramites/x/")
    page.locator("a[data-vn-keep='']").click()  # home
    page.wait_for_load_state()
    assert page.url == base
    page.goto(base + "tramites/")  # a page read before still opens itself
    assert page.locator("h1").inner_text() == "Trámites"
    context.close()


def test_the_offline_page_links_work_without_the_worker(bundled_build):
    root, result = bundled_build
    for lang, folder in _offline_pages(result.content).items():
        html = (root / "site" / folder / "sin-conexion" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        for target in ("urgente/", "ventanillas/", ""):
            assert re.search(f'<a [^>]*href="../{target}"[^>]*data-vn-keep="{target}"', html)
        assert '<div id="vn-read" hidden' in html and '<ul id="vn-read-list"></ul>' in html
    site = root / "site"
    assert "sin-conexion" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_worker_knows_every_language_from_the_built_site(tmp_path):
    """Languages come from content/sitio.yml through the built site: a fourth one needs no code."""
    import json

    from ventanilla.output import offline

    site = tmp_path / "site"
    for folder in ("", "en/", "fr/", "pt/"):
        (site / folder / "sin-conexion").mkdir(parents=True)
        (site / folder / "sin-conexion" / "index.html").write_text(
            f'<link rel="stylesheet" href="../{"../" if folder else ""}assets/site.0123456789.css">', encoding="utf-8")
    (site / "tramites" / "x").mkdir(parents=True)  # a folder of pages is not a language
    offline.write_service_worker(site)
    worker = (site / "sw.js").read_text(encoding="utf-8")
    pages = json.loads(re.search(r"var OFFLINE = (\{.*?\});", worker).group(1))
    assert pages == {"": "sin-conexion/", "en": "en/sin-conexion/", "fr": "fr/sin-conexion/", "pt": "pt/sin-conexion/"}
    assert not re.search(r"__[A-Z]+__", worker)  # every placeholder filled in
    assets = json.loads(re.search(r"var ASSETS = (\[.*?\]);", worker).group(1))
    assert assets == ["assets/site.0123456789.css"]
