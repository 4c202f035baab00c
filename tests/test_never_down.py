"""The site is never taken down (issue 19): a build writes the new site beside the old one
and swaps it in at the end, so a web server on site/ (as `ventanilla serve`) answers with
the last good site during a rebuild and after a failed one."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request

import pytest
from conftest import make_project

from ventanilla import pipeline


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_the_last_good_site_is_served_during_a_rebuild_and_after_a_failed_one(tmp_path):
    root = make_project(tmp_path / "proyecto")
    project = pipeline.Project(root)
    assert pipeline.build(project).built
    site = root / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/urgente/"

    def status() -> int:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        # a rebuild with a changed text: the page answers all along, then shows the change
        urgent = root / "content" / "urgencias" / "ejemplo-emergencia.yml"
        urgent.write_text(urgent.read_text(encoding="utf-8").replace("Llama al 911.", "Llama al 911 ahora."),
                          encoding="utf-8")
        answers = []
        build = threading.Thread(target=lambda: answers.append(pipeline.build(project).built))
        build.start()
        seen = []
        while build.is_alive():
            seen.append(status())
        build.join()
        assert answers == [True]
        assert seen and set(seen) == {200}, f"the page was down during the rebuild: {sorted(set(seen))}"
        assert "Llama al 911 ahora." in (site / "urgente" / "index.html").read_text(encoding="utf-8")

        # a build that fails (a broken file): nothing published, the last good site still served
        urgent.write_text("titulo: [sin cerrar\n", encoding="utf-8")
        failed = pipeline.build(project)
        assert failed.findings.errors and not failed.built
        assert status() == 200
        assert "Llama al 911 ahora." in (site / "urgente" / "index.html").read_text(encoding="utf-8")
        assert not (root / "build" / pipeline.STAGING).exists()
    finally:
        server.shutdown()
