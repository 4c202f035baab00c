"""What the form editor writes stays ours (issue 21, section 3): files.py and the local backend."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
import yaml

from ventanilla import pipeline
from ventanilla.cli import main as cli
from ventanilla.cms import files
from ventanilla.content.sources import ContentLoader
from ventanilla.editors import cms_server as server

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
EDITABLE = sorted(p for p in CONTENT.rglob("*") if p.suffix in (".yml", ".md")
                  and p.name not in ("catalogos.yml", "sitio.yml") and "monitoreo" not in p.parts)


def as_decap(text: str, markdown: bool) -> str:
    """The file as Decap would send it: same data, other YAML (sorted keys, its own quoting, no comments)."""
    if markdown:
        front, body = files.split_markdown(text)
        data = yaml.load(front, Loader=ContentLoader)
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=60) + "---\n" + body
    return yaml.safe_dump(yaml.load(text, Loader=ContentLoader), allow_unicode=True, sort_keys=True, width=60)


def test_every_content_file_saved_unchanged_is_not_written():
    assert len(EDITABLE) > 100
    changed = []
    for path in EDITABLE:
        text = path.read_text(encoding="utf-8")
        if files.compose(path.relative_to(REPO).as_posix(), text, as_decap(text, path.suffix == ".md")) is not None:
            changed.append(path)
    assert changed == []


def test_one_changed_text_changes_one_line_and_keeps_the_translation_records():
    rel = "content/servicios/albergue-belen-tapachula.yml"
    text = (REPO / rel).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=ContentLoader)
    data["descripcion"]["es"] = "Texto nuevo: con dos puntos."
    data["traduce"] = {"en": "000000000000"}  # whatever the form sends, the records are the file's
    data["costo"]["nota"]["en"] = ""  # an emptied optional text leaves the file
    new = files.compose(rel, text, yaml.safe_dump(data, allow_unicode=True))
    before, after = text.splitlines(), new.splitlines()
    assert len(after) == len(before) - 1
    assert [line for line in after if line not in before] == ["  es: 'Texto nuevo: con dos puntos.'"]
    assert after[0] == before[0].rstrip() and after[0].startswith("# yaml-language-server: $schema=")
    assert [line for line in before if line not in after] == [
        next(line for line in before if line.startswith("  es: 'Albergue de la Diócesis")),
        next(line for line in before if line.startswith("    en: The sources mention no charge"))]
    assert yaml.load(new, Loader=ContentLoader)["traduce"] == yaml.load(text, Loader=ContentLoader)["traduce"]


def test_a_new_file_has_the_schema_line_and_the_schema_order():
    raw = yaml.safe_dump({"verificado_el": "2026-11-30", "id": "nuevo", "nombre": "Nuevo", "estatus": "sin_verificar",
                          "telefonos": [{"numero": "+52 55 5387 2400"}], "correo": ""})
    text = files.compose("content/servicios/nuevo.yml", None, raw)
    assert text.splitlines() == [
        "# yaml-language-server: $schema=../../ventanilla/schemas/servicio.schema.json",
        "id: nuevo", "estatus: sin_verificar", "nombre: Nuevo", "telefonos:", '- numero: "+52 55 5387 2400"',
        "verificado_el: '2026-11-30'"]


def test_a_page_keeps_its_body_byte_for_byte_when_only_the_front_matter_changed():
    rel = "content/es/tramites/curp-temporal.md"
    text = (REPO / rel).read_text(encoding="utf-8")
    front, body = files.split_markdown(text)
    data = yaml.load(front, Loader=ContentLoader)
    data["titulo"] = "CURP temporal"
    new = files.compose(rel, text, "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body.strip() + "\n\n")
    assert new.endswith("---\n" + body) and "titulo: CURP temporal\n" in new


def test_data_that_is_not_a_mapping_is_refused_in_spanish():
    with pytest.raises(files.NotOurs, match="nombre: valor"):
        files.compose("content/servicios/x.yml", None, "- una\n- lista\n")
    with pytest.raises(files.NotOurs, match="no se pueden leer"):
        files.compose("content/servicios/x.yml", None, "a: [\n")


@pytest.fixture
def backend(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    httpd = server.make_server(pipeline.Project(tmp_path), "127.0.0.1", 0, log=lambda *_: None)
    import threading
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def call(url: str, action: str, params: dict):
    request = urllib.request.Request(url + "/api/v1", method="POST",
                                     data=json.dumps({"action": action, "params": params}).encode("utf-8"))
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_the_local_backend_refuses_a_save_the_check_refuses_and_puts_the_file_back(backend):
    root, url = backend
    rel = "content/servicios/casa-caridad-slp.yml"
    text = (root / rel).read_text(encoding="utf-8")
    status, entry = call(url, "getEntry", {"path": rel})
    assert status == 200 and entry["data"] == text
    data = yaml.load(text, Loader=ContentLoader)
    data["organizacion"] = "no-existe"  # the form's dropdown would not offer it; the check refuses it too
    status, answer = call(url, "persistEntry", {"dataFiles": [{"path": rel, "raw": yaml.safe_dump(data)}], "assets": []})
    assert status == 422 and answer["error"].startswith("No se guardó: content/servicios/casa-caridad-slp.yml:")
    assert "referencia-rota" in answer["error"]
    assert (root / rel).read_text(encoding="utf-8") == text


def test_the_local_backend_lists_reads_and_refuses_what_it_must(backend):
    root, url = backend
    status, entries = call(url, "entriesByFolder", {"folder": "content/servicios", "extension": "yml", "depth": 1})
    assert status == 200 and len(entries) == len(list((root / "content/servicios").glob("*.yml")))
    assert call(url, "getEntry", {"path": "content/../../etc/passwd"})[0] == 403
    assert call(url, "deleteFile", {"path": "content/servicios/casa-caridad-slp.yml"})[0] == 422
    assert (root / "content/servicios/casa-caridad-slp.yml").exists()
    assert call(url, "persistMedia", {"asset": {"path": "content/medios/a.png"}})[0] == 422
    assert call(url, "nada", {})[0] == 422
    with urllib.request.urlopen(url + "/admin/config.yml") as response:
        assert yaml.safe_load(response.read())["backend"]["name"] == "proxy"
    with urllib.request.urlopen(url + "/admin/") as response:
        page = response.read().decode("utf-8")
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page and "decap-cms/decap-cms.js" in page


def test_the_command_is_there_and_says_where_it_looks(tmp_path, capsys):
    with pytest.raises(SystemExit) as shown:
        cli.main(["editar", "--help"])
    assert shown.value.code == 0
    assert cli.main(["editar", "--project", str(tmp_path)]) == 1
    assert "No encuentro" in capsys.readouterr().out


def test_conservar_puts_a_decap_written_change_back_in_our_conventions(tmp_path):
    import subprocess

    from ventanilla.cms import keep
    root = tmp_path / "repo"
    shutil.copytree(CONTENT, root / "content")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(git + ["commit", "-qm", "base"], cwd=root, check=True)
    rel = "content/servicios/albergue-belen-tapachula.yml"
    original = (root / rel).read_text(encoding="utf-8")
    data = yaml.load(original, Loader=ContentLoader)
    data["descripcion"]["es"] = "Texto nuevo."
    (root / rel).write_text(as_decap(yaml.safe_dump(data, allow_unicode=True), False), encoding="utf-8")
    untouched = "content/organizaciones/comar.yml"  # Decap rewrote its layout only
    (root / untouched).write_text(as_decap((root / untouched).read_text(encoding="utf-8"), False), encoding="utf-8")
    new = "content/servicios/nuevo.yml"
    (root / new).write_text("verificado_el: '2026-11-30'\nid: nuevo\n", encoding="utf-8")
    code, lines = keep.run(root, "main")
    assert code == 0, lines
    after = (root / rel).read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in original.splitlines()] == ["  es: Texto nuevo."]
    assert len(after) == len(original.splitlines())
    assert (root / untouched).read_text(encoding="utf-8") == (CONTENT / "organizaciones/comar.yml").read_text(encoding="utf-8")
    assert (root / new).read_text(encoding="utf-8").splitlines()[:2] == [
        "# yaml-language-server: $schema=../../ventanilla/schemas/servicio.schema.json", "id: nuevo"]
    assert keep.run(root, "no-existe")[0] == 2
