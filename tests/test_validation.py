"""Each class of bad input gives a Spanish message with file and line, and exit 1."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from ventanilla.cli import main as cli


def run_check(project: Path, capsys) -> tuple[int, str]:
    code = cli.main(["check", "--project", str(project)])
    return code, capsys.readouterr().out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


DESK = "content/ventanillas/ejemplo-tapachula.yml"
SERVICE = "content/servicios/ejemplo-asilo.yml"
PROCEDURE = "content/es/tramites/ejemplo-asilo.md"
FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()


def test_fixture_is_clean(project, capsys):
    code, out = run_check(project, capsys)
    assert code == 0, out
    assert "0 errores" in out


@pytest.mark.parametrize(
    "file, old, new, needle, code, words",
    [
        (DESK, 'numero: "+52 55 5387 2400"', 'numero: "962-123"', "962-123", "telefono-invalido",
         'el teléfono "962-123" no es válido (ejemplo: +52 962 123 4567'),
        (DESK, "horario:", "horarioz:", "horarioz", "campo-desconocido",
         'campo desconocido "horarioz" (¿quisiste decir "horario"?)'),
        (DESK, "municipio: Tapachula\n", "", "id: ejemplo-tapachula", "falta-campo",
         'falta el campo obligatorio "municipio"'),
        (DESK, 'abre: "09:00"', 'abre: "9am"', "9am", "formato", "una hora de 24 horas"),
        (DESK, 'cierra: "17:00"', 'cierra: "08:00"', "08:00", "horario", "debe ser después de abre"),
        (DESK, "lat: 14.9056, lon: -92.2636", "lat: 40.4, lon: -3.7", "lat: 40.4", "fuera-de-mexico",
         "quedan fuera de México"),
        (DESK, "verificado_el: 2026-11-01", "verificado_el: 2026-02-30", "2026-02-30", "fecha-invalida",
         'la fecha "2026-02-30" no existe'),
        (DESK, "verificado_el: 2026-11-01", f"verificado_el: {FUTURE}", FUTURE, "fecha-futura",
         "es posterior a hoy"),
        (DESK, "institucion: Institución de ejemplo", "institucion: Institución <script>alert(1)</script>",
         "<script>", "html-no-permitido", "contiene HTML o un script"),
        (DESK, "entidad: chiapas", "entidad: chiapaz", "chiapaz", "referencia-rota",
         'la entidad "chiapaz" no existe (¿quisiste decir "chiapas"?)'),
        (DESK, "servicios: [orientacion-tramites, referencia-servicios]", "servicios: orientacion-tramites",
         "servicios: orientacion", "tipo", "debe ser una lista"),
        (DESK, "  es: Ventanilla de ejemplo en Tapachula\n", "", "nombre:", "falta-campo",
         'falta el campo obligatorio "es"'),
        (SERVICE, "organizacion: ejemplo-org", "organizacion: ejemplo-orgs", "ejemplo-orgs", "referencia-rota",
         'la organización "ejemplo-orgs" no existe'),
        (SERVICE, "estatus: sin_verificar", "estatus: verificada", "verificada", "valor-no-permitido",
         "usa uno de: verificado, sin_verificar, cerrado"),
        (PROCEDURE, "servicios: [ejemplo-asilo]", "servicios: [ejemplo-asilos]", "ejemplo-asilos",
         "referencia-rota", 'el servicio "ejemplo-asilos" no existe'),
        (PROCEDURE, "(../ventanillas/ejemplo-tapachula.md)", "(../ventanillas/no-existe.md)", "no-existe.md",
         "enlace-roto", 'el enlace "../ventanillas/no-existe.md" no lleva a ninguna página'),
        (PROCEDURE, "Más información en la", "Más <b>información</b> en la", "<b>", "html-no-permitido",
         "contiene HTML"),
        (PROCEDURE, "estatus: sin_verificar", "estatus: sin_verificar\nestatus: verificado", "estatus: verificado",
         "clave-duplicada", 'el campo "estatus" aparece dos veces'),
        ("content/en/tramites/ejemplo-asilo.md", "costo: Free.", "costo: Free.\nrevisado_el: 2026-11-01",
         "revisado_el", "campo-solo-original", '"revisado_el" va solo en la versión en español'),
        ("content/catalogos.yml", '  chiapas: {fr: "au Chiapas"}', '  chiapaz: {fr: "au Chiapas"}', "chiapaz",
         "referencia-rota", 'la entidad "chiapaz" no existe (¿quisiste decir "chiapas"?)'),
        ("content/catalogos.yml", '  chiapas: {fr: "au Chiapas"}', "  chiapas: au Chiapas", "chiapas: au",
         "tipo", "entidades_en.chiapas debe ser un grupo de campos"),
        ("content/urgencias/ejemplo-emergencia.yml", "servicios: [ejemplo-911]", "servicios: [ejemplo-9111]",
         "ejemplo-9111", "referencia-rota", 'el servicio "ejemplo-9111" no existe'),
    ],
)
def test_bad_input_is_reported_with_file_and_line(project, capsys, file, old, new, needle, code, words):
    path = project / file
    edit(path, old, new)
    exit_code, out = run_check(project, capsys)
    assert exit_code == 1, out
    expected_prefix = f"{file}:{line_of(path, needle)}: error [{code}]"
    matching = [line for line in out.splitlines() if line.startswith(expected_prefix)]
    assert matching, f"expected {expected_prefix!r} in:\n{out}"
    assert any(words in line for line in matching), f"expected {words!r} in {matching}"


def test_invalid_yaml_gives_the_line(project, capsys):
    path = project / SERVICE
    edit(path, "categorias: [asilo-refugio, emergencias]", "categorias: [asilo-refugio, emergencias")
    code, out = run_check(project, capsys)
    assert code == 1
    assert f"{SERVICE}:" in out and "error [yaml-invalido] el YAML no es válido" in out


def test_empty_file(project, capsys):
    (project / "content/organizaciones/vacia.yml").write_text("\n  \n", encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "content/organizaciones/vacia.yml:1: error [archivo-vacio] el archivo está vacío" in out


def test_non_utf8_file(project, capsys):
    (project / "content/organizaciones/latin1.yml").write_bytes("id: x\nnombre: Organización\n".encode("latin-1"))
    code, out = run_check(project, capsys)
    assert code == 1
    assert "content/organizaciones/latin1.yml:2: error [codificacion] el archivo no está en UTF-8" in out


def test_duplicate_id_names_both_files(project, capsys):
    copy = project / "content/servicios/copia.yml"
    copy.write_text((project / SERVICE).read_text(encoding="utf-8"), encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert ('content/servicios/ejemplo-asilo.yml:1: error [id-duplicado] el id "ejemplo-asilo" ya se usa en '
            "content/servicios/copia.yml:1") in out


def test_front_matter_not_closed(project, capsys):
    path = project / "content/en/riesgos/ejemplo-fraude.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip().rsplit("---", 1)[0], encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "content/en/riesgos/ejemplo-fraude.md:1: error [front-matter]" in out


def test_all_errors_are_reported_in_one_run(project, capsys):
    edit(project / DESK, "horario:", "horarioz:")
    edit(project / SERVICE, "organizacion: ejemplo-org", "organizacion: nadie")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "campo-desconocido" in out and "referencia-rota" in out
    assert "Resultado: 2 errores" in out


def test_missing_translation_is_a_warning_not_an_error(project, capsys):
    code, out = run_check(project, capsys)
    assert code == 0
    assert ("content/es/tramites/ejemplo-asilo.md:1: aviso [falta-traduccion] falta la traducción al francés: "
            "content/fr/tramites/ejemplo-asilo.md") in out
    assert "content/servicios/ejemplo-asilo.yml:8: aviso [falta-traduccion] falta la traducción al francés (fr) de descripcion" in out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_with_errors_publishes_nothing_and_shows_no_traceback(project):
    # the site published before: a failed build must neither replace nor remove it
    (project / "site" / "en").mkdir(parents=True)
    (project / "site" / "index.html").write_text("<p>el sitio de ayer</p>", encoding="utf-8")
    (project / "site" / "en" / "index.html").write_text("<p>yesterday's site</p>", encoding="utf-8")
    before = files_of(project / "site")
    edit(project / DESK, 'numero: "+52 55 5387 2400"', 'numero: "12"')
    proc = subprocess.run([sys.executable, "-m", "ventanilla", "build", "--project", str(project)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert 'el teléfono "12" no es válido' in proc.stdout
    assert "No se construyó el sitio" in proc.stdout
    assert files_of(project / "site") == before
    assert not (project / "build" / "sitio-nuevo").exists()  # nothing half-built left behind


def test_missing_site_config(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    code = cli.main(["check", "--project", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "content/sitio.yml: error [falta-archivo]" in out
