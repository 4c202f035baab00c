"""Offline reading in Chromium: the service worker, and the zip opened from disk."""

from __future__ import annotations

import zipfile


def test_urgent_help_opens_offline_after_a_first_visit(server, browser):
    base, _ = server
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "en/tramites/")
    page.wait_for_function("""() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)
        .then(c => Promise.all(['/en/urgente/', '/en/tramites/'].map(p => c.match(location.origin + p)))))))
        .then(perCache => perCache.some(hits => hits.every(Boolean)))""", timeout=15000)
    context.set_offline(True)
    page.goto(base + "en/urgente/")
    assert page.locator("h1").inner_text() == "Urgent help"
    page.goto(base + "en/tramites/")  # a page visited before is kept too
    assert page.locator("h1").inner_text() == "Procedures"
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
