"""Steps in the form editor (Decap CMS at /admin/, `ventanilla editar`'s local backend), shared
by tests/test_cms_browser.py and scripts/cms_capturas.py (the guide's screenshots)."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

from ventanilla import pipeline
from ventanilla.editors import cms_server

REPO = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 900}


class Editor:
    """`ventanilla editar` over a copy of content/, on a free port, in a thread."""

    def __init__(self, target: Path, content: Path = REPO / "content"):
        self.root = Path(target)
        shutil.copytree(content, self.root / "content")
        self.log: list[str] = []
        self.project = pipeline.Project(self.root)
        self.httpd = cms_server.make_server(self.project, "127.0.0.1", 0, log=self.log.append)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/admin/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def open_editor(browser, editor: Editor, route: str = ""):
    page = browser.new_page(viewport=VIEWPORT, locale="es-MX")
    page.goto(editor.url)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_text("Colecciones").first.wait_for()
    if route:
        page.goto(editor.url + "#/" + route)
    return page


def pick(page, label: str, value: str, nth: int = 0) -> None:
    """Choose `value` in the dropdown labelled `label` (a catalogue, a relation or an enum)."""
    field = page.get_by_label(re.compile(rf"^{re.escape(label)}( \(opcional\))?$", re.IGNORECASE)).nth(nth)
    field.click()
    field.fill(value)
    options = page.get_by_role("option")
    options.first.wait_for()
    exact = options.filter(has_text=f"({value})")
    (exact if exact.count() else page.get_by_role("option", name=value, exact=True)).first.click()


def fill_date(page, field_name: str, value: str, nth: int = 0) -> None:
    page.locator(f"input[type=date][id^={field_name}-field]").nth(nth).fill(value)


def publish(page):
    """Publicar → Publicar ahora; returns the proxy response of the save (or None if none was sent)."""
    sent = []
    page.on("request", lambda r: r.method == "POST" and "persistEntry" in (r.post_data or "") and sent.append(r))
    page.get_by_role("button", name="Publicar").first.click()
    page.get_by_text("Publicar ahora").click()
    page.wait_for_timeout(1500)
    if not sent:
        return None
    return sent[0].response()


def create_service(page, service_id: str) -> None:
    page.get_by_label("Id", exact=True).fill(service_id)
    pick(page, "Estatus", "sin_verificar")
    page.locator('[id^="nombre-field-"][id$="-es"]').first.fill("Asesoría legal de prueba")
    pick(page, "Organización", "comar")
    page.locator('textarea[id^="es-field-"]').first.fill("Orientación gratuita sobre cómo pedir asilo.")
    pick(page, "Categorías", "asilo-refugio")
    pick(page, "Poblaciones", "todas")
    pick(page, "Entidades", "chiapas")
    page.get_by_role("button", name="Añadir fuentes").click()
    page.get_by_label("Título", exact=True).last.fill("Llamada a la oficina")
    fill_date(page, "consultado", "2026-11-30")
    fill_date(page, "verificado_el", "2026-11-30")
