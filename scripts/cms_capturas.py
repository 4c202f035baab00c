"""The editors' guide's screenshots of the form editor (docs/editor/*.png), taken in Chromium
with `ventanilla editar` over a copy of content/. The site never publishes docs/.

    .venv/bin/python scripts/cms_capturas.py [--out docs/editor]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from cms_steps import Editor, create_service, open_editor, publish  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "docs" / "editor"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        editor = Editor(Path(tmp) / "proyecto")
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"]) if chromium \
            else p.chromium.launch()
        try:
            page = open_editor(browser, editor, "collections/servicios")
            page.get_by_text("albergue-belen-tapachula").first.wait_for()
            page.screenshot(path=str(out / "1-colecciones.png"))
            page.goto(editor.url + "#/collections/ventanillas/entries/ventanilla-tapachula")
            page.locator('[id^="nombre-field-"][id$="-es"]').first.wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(out / "2-ventanilla.png"))
            page.locator("text=Descripción").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "3-idiomas.png"))
            page.close()
            page = open_editor(browser, editor, "collections/servicios/new")
            create_service(page, "asesoria-ejemplo-tapachula")
            page.get_by_label("Id", exact=True).scroll_into_view_if_needed()
            page.screenshot(path=str(out / "4-servicio-nuevo.png"))
            page.close()
            page = open_editor(browser, editor, "collections/servicios/entries/casa-caridad-slp")
            number = page.locator('input[id^="numero-field-"]').first
            number.wait_for()
            number.fill("962-123")
            publish(page)
            number.scroll_into_view_if_needed()
            page.screenshot(path=str(out / "5-telefono-invalido.png"))
            page.close()
            page = open_editor(browser, editor, "collections/ventanillas/new")
            page.get_by_label("Id", exact=True).fill("ventanilla-ejemplo")
            publish(page)
            page.screenshot(path=str(out / "6-falta-un-campo.png"))
            page.close()
        finally:
            browser.close()
            editor.close()
    from PIL import Image
    for path in sorted(out.glob("*.png")):  # 256 colours: the screenshots are flat UI, a quarter of the bytes
        Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
