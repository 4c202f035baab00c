"""The desks' attention form (ventanilla/monitoring/form.py, formulario.yml) and the import of its
answers (intake.py): the form converts with pyxform and its lists are the portal's; a synthetic
export of 5,000 answers in each server's shape adds up to the counts made here independently;
personal data is refused and never written or printed; importing twice changes nothing; the
figures that result still publish no small cell."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ventanilla import pipeline
from ventanilla.cli import main as cli
from ventanilla.findings import Findings
from ventanilla.monitoring import data, form, intake, tables
from ventanilla.monitoring import suppress as sup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import monitoreo_exportacion_sintetica as synthetic  # noqa: E402

TODAY = dt.date(2026, 12, 1)
HEADER = "mes,ventanilla,dimension,categoria,personas\n"


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of content/ with no figures yet (real figures replace the synthetic ones)."""
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    (target / "monitoreo" / "atenciones.csv").write_text(HEADER, encoding="utf-8")
    site = target / "sitio.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("datos_sinteticos: true", "datos_sinteticos: false"),
                    encoding="utf-8")
    return target


def expected_counts(recs) -> Counter:
    """Counted here, without intake.py: one per person in each dimension, one per need/language/referral."""
    counts = Counter()
    for r in recs:
        key = (r["fecha"][:7], r["ventanilla"])
        for dim, value in (("nacionalidad", r["nacionalidad"]), ("sexo", r["sexo"]), ("edad", r["edad"]),
                           ("situacion", r["situacion"]), ("canalizada", r["canalizada"])):
            counts[key + (dim, value)] += 1
        for dim, values in (("idioma", r["idiomas"]), ("necesidad", r["necesidades"]), ("canalizacion", r["canalizaciones"])):
            for value in values:
                counts[key + (dim, value)] += 1
    return counts


def read_csv_counts(path: Path) -> Counter:
    counts = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line == HEADER.strip():
            continue
        m, d, dim, cat, n = line.split(",")
        counts[(m, d, dim, cat)] = int(n)
    return counts


def run(export, content, **kw):
    findings = Findings(content.parent)
    outcome = intake.run(export, content, findings, TODAY, **kw)
    return outcome, findings


# -- the form --------------------------------------------------------------------------------

def test_the_form_converts_with_pyxform(tmp_path):
    from pyxform.xls2xform import convert

    xlsx = form.write_xlsx(tmp_path / "formulario.xlsx", REPO / "content")
    warnings: list[str] = []
    result = convert(str(xlsx), warnings=warnings)
    xml = result.xform
    assert "<h:title>Atención en la ventanilla</h:title>" in xml
    for lang in form.LANGS.values():
        assert f'lang="{lang}"' in xml
    assert 'nodeset="/data/persona/nacionalidad"' in xml and "jr:preload=\"uid\"" in xml
    assert not [w for w in warnings if "error" in w.lower()], warnings


def test_the_form_asks_nothing_personal():
    source = form.load()
    kinds = {q["tipo"].split()[0] for q in source["preguntas"]}
    assert kinds <= form.ALLOWED_TYPES, kinds  # no text, integer, geopoint, phone, birth date…
    names = " ".join(form.fields())
    assert not data._PERSONAL_COLUMN.search(names)
    for q in source["preguntas"]:
        if "etiqueta" in q:
            assert set(q["etiqueta"]) == set(form.LANGS), q["nombre"]


def test_the_form_lists_are_the_portals_and_do_not_drift():
    assert form.drift(REPO / "content") == [], "ejecuta `ventanilla monitoreo formulario --actualizar`"
    lists = {name: [c["nombre"] for c in entries] for name, entries in form.load()["listas"].items()}
    catalogs = form.catalogs_of(REPO / "content")
    assert lists["categoria"] == list(catalogs["categorias"])
    assert lists["situacion"] == list(catalogs["etapas"])
    assert lists["ventanilla"] == sorted(p.stem for p in (REPO / "content" / "ventanillas").glob("*.yml"))
    for name, dim in (("sexo", "sexo"), ("edad", "edad"), ("idioma", "idioma"), ("sino", "canalizada"),
                      ("nacionalidad", "nacionalidad")):
        assert set(lists[name]) <= data.categories(dim, catalogs), name


def test_a_new_category_makes_the_form_drift(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    path = content / "catalogos.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "categorias:\n", "categorias:\n  transporte: {es: Transporte, en: Transport, fr: Transport}\n"), encoding="utf-8")
    assert any("categoria" in p and "transporte" in p for p in form.drift(content))


# -- the import ------------------------------------------------------------------------------

def only_option_columns(header, rows):
    """Kobo's «separate columns» export: select_multiple answers only as one 0/1 column per option."""
    multiple = {f"{g}/{n}" for n, (kind, _, g) in form.fields().items() if kind == "select_multiple"}
    keep = [i for i, h in enumerate(header) if h not in multiple]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows]


@pytest.mark.parametrize("shape, fmt", [("kobo", "csv"), ("kobo", "xlsx"), ("central", "csv"), ("central", "xlsx"),
                                        ("kobo-separadas", "xlsx"), ("kobo-separadas", "csv")])
def test_a_synthetic_export_adds_up_and_reimporting_changes_nothing(content, tmp_path, shape, fmt):
    desks = sorted(form.desks_of(content))
    recs = synthetic.records(5000, desks, seed=11)
    header, rows = synthetic.table(recs, shape.split("-")[0], content)
    if shape == "kobo-separadas":
        header, rows = only_option_columns(header, rows)
        assert "persona/idiomas" not in header and "persona/idiomas/ht" in header
        shape = "kobo"
    export = synthetic.write(tmp_path / f"export.{fmt}", header, rows, shape)
    outcome, findings = run(export, content)
    assert not findings.items and outcome.imported == 5000 and outcome.read == 5000
    assert len({r["ventanilla"] for r in recs}) > 5 and len(outcome.months) == 6
    folder = content / "monitoreo"
    assert read_csv_counts(folder / "atenciones.csv") == expected_counts(recs)
    # the result passes the project's own check
    result = pipeline.check(pipeline.Project(content.parent, content=content))
    assert not [f for f in result.findings.errors if f.file.startswith("content/monitoreo")]
    record = yaml.safe_load((folder / "importaciones.yml").read_text(encoding="utf-8"))
    assert record["ultima_importacion"] == TODAY and record["importaciones"][-1]["respuestas"] == 5000
    # no submission id, raw or as the server writes it, is kept anywhere
    kept = "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    assert not any(r["id"] in kept for r in recs[:200])
    assert len((folder / "importados.txt").read_text(encoding="utf-8").split()) > 5000 - 1
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again, findings = run(export, content)
    assert again.imported == 0 and again.already == 5000 and not findings.items
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_imports_merge_with_the_figures_already_there(content, tmp_path):
    desks = sorted(form.desks_of(content))
    recs = synthetic.records(600, desks, seed=5)
    for part, shape in ((recs[:300], "kobo"), (recs[200:], "central")):  # overlapping exports
        header, rows = synthetic.table(part, shape, content)
        run(synthetic.write(tmp_path / f"{shape}.csv", header, rows, shape), content)
    assert read_csv_counts(content / "monitoreo" / "atenciones.csv") == expected_counts(recs)


def _export(tmp_path, content, n=20, edit=None, shape="central", fmt="csv", extra=None):
    recs = synthetic.records(n, sorted(form.desks_of(content)), seed=2)
    header, rows = synthetic.table(recs, shape, content)
    if extra:
        header.append(extra)
        rows = [row + ["x"] for row in rows]
    for (index, column), value in (edit or {}).items():
        rows[index][header.index(column)] = value
    return synthetic.write(tmp_path / f"export.{fmt}", header, rows, shape), recs


@pytest.mark.parametrize("column", ["nombre", "telefono", "persona-curp", "observaciones", "comentario", "edad_exacta"])
def test_a_column_not_in_the_form_refuses_the_whole_file(content, tmp_path, column):
    export, _ = _export(tmp_path, content, extra=column)
    with pytest.raises(intake.Refused):
        run(export, content)
    findings = Findings(content.parent)
    with pytest.raises(intake.Refused):
        intake.run(export, content, findings, TODAY)
    assert [(f.line, f.code) for f in findings.errors] == [(1, "importar-columna")]
    assert column in findings.errors[0].message
    assert (content / "monitoreo" / "atenciones.csv").read_text(encoding="utf-8") == HEADER
    assert not (content / "monitoreo" / "importaciones.yml").exists()


SECRETS = {"+52 962 123 4567": "teléfono", "persona@example.org": "correo", "GOMJ800101HCSRRN09": "CURP",
           "llegó con su hija y pidió ayuda": "texto libre", "María López": "nombre", "A12345678": "documento"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_with_personal_values_are_refused_and_never_echoed(content, tmp_path, capsys, fmt):
    columns = ["persona-nacionalidad", "ventanilla", "persona-idiomas", "atencion-necesidades", "fecha", "persona-edad"]
    edit = {(i, columns[i % len(columns)]): value for i, value in enumerate(SECRETS)}
    edit[(8, "ventanilla")] = "ventanilla-marte"
    edit[(9, "fecha")] = "2027-01-15"
    edit[(10, "fecha")] = "2019-03-02"
    edit[(11, "persona-sexo")] = ""
    export, recs = _export(tmp_path, content, edit=edit, fmt=fmt)
    code = cli.main(["monitoreo", "importar", str(export), "--project", str(content.parent)])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.err
    text = out.out + out.err
    for value in SECRETS:
        assert value not in text
    refused = {}
    for line in text.splitlines():
        if "error [" in line:
            where, rest = line.split(": error [")
            refused[int(where.rsplit(":", 1)[1])] = rest.split("]")[0]
    assert all(where.startswith(str(export)) or where.startswith("export") for where in [export.name])
    assert refused == {2: "importar-dato-personal", 3: "importar-dato-personal", 4: "importar-dato-personal",
                       5: "importar-dato-personal", 6: "importar-dato-personal", 7: "importar-dato-personal",
                       10: "importar-valor", 11: "importar-fecha", 12: "importar-fecha", 13: "importar-valor"}
    assert "Leídas 20 filas de export." + fmt + ": 10 importadas, 0 ya importadas antes, 10 rechazadas." in text
    counts = read_csv_counts(content / "monitoreo" / "atenciones.csv")
    assert counts == expected_counts(recs[12:] + recs[6:8])
    kept = "".join(p.read_text(encoding="utf-8") for p in (content / "monitoreo").iterdir())
    assert not any(value in kept for value in SECRETS)


@pytest.mark.parametrize("name, body, why", [
    ("roto.xlsx", b"PK\x03\x04 esto no es un xlsx", "XLSX"),
    ("latin1.csv", "fecha;ventanilla\n2026-05-01;señal\n".encode("latin-1"), "UTF-8"),
    ("vacio.csv", b"", "vacío"),
    ("comillas.csv", None, "comillas"),
])
def test_a_broken_file_is_refused_in_spanish(content, tmp_path, capsys, name, body, why):
    path = tmp_path / name
    if body is None:
        export, _ = _export(tmp_path, content, n=5)
        path.write_text(export.read_text(encoding="utf-8") + '2026-06-02,"sin cerrar\n', encoding="utf-8")
    else:
        path.write_bytes(body)
    code = cli.main(["monitoreo", "importar", str(path), "--project", str(content.parent)])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.err + out.out
    assert "[importar-archivo]" in out.out and why in out.out
    assert (content / "monitoreo" / "atenciones.csv").read_text(encoding="utf-8") == HEADER


def test_labels_instead_of_values_are_refused_with_a_hint(content, tmp_path):
    export, _ = _export(tmp_path, content, edit={(0, "persona-nacionalidad"): "Honduras"})
    outcome, findings = run(export, content)
    assert [(f.line, f.code) for f in findings.errors] == [(2, "importar-valor")]
    assert "Valores y encabezados XML" in findings.errors[0].message and "Honduras" not in findings.errors[0].message


def test_answers_rejected_on_the_server_are_skipped(content, tmp_path):
    export, recs = _export(tmp_path, content, edit={(0, "ReviewState"): "rejected"})
    outcome, findings = run(export, content)
    assert outcome.rejected_on_server == 1 and outcome.imported == 19 and not findings.items


def test_synthetic_starter_figures_are_not_mixed_with_real_ones(content, tmp_path):
    site = content / "sitio.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("datos_sinteticos: false", "datos_sinteticos: true"),
                    encoding="utf-8")
    export, _ = _export(tmp_path, content)
    findings = Findings(content.parent)
    with pytest.raises(intake.Refused):
        intake.run(export, content, findings, TODAY)
    assert [f.code for f in findings.errors] == ["importar-sinteticos"]


def test_dry_run_writes_nothing(content, tmp_path):
    export, _ = _export(tmp_path, content)
    outcome, _ = run(export, content, dry_run=True)
    assert outcome.imported == 20 and sorted(p.name for p in (content / "monitoreo").iterdir()) == ["atenciones.csv"]


def test_the_form_command_writes_the_xlsx(tmp_path, capsys):
    out = tmp_path / "f.xlsx"
    assert cli.main(["monitoreo", "formulario", "--out", str(out), "--project", str(REPO)]) == 0
    assert out.stat().st_size > 5000 and "KoboToolbox" in capsys.readouterr().out


def test_suppression_holds_on_what_is_published_from_an_import(content, tmp_path):
    recs = synthetic.records(5000, sorted(form.desks_of(content)), seed=3)
    header, rows = synthetic.table(recs, "kobo", content)
    run(synthetic.write(tmp_path / "k.csv", header, rows, "kobo"), content)
    result = pipeline.check(pipeline.Project(content.parent, content=content))
    monitoring = result.content.monitoring
    assert monitoring is not None and monitoring.people("mes")
    desk_states = {i: e.data["entidad"] for i, e in result.content.desks().items()}
    published = tables.published(monitoring, desk_states)
    small = 0
    for table in published:
        t = table.table
        assert sup.disclosed(t, monitoring.threshold) == [], table.name
        for cell, value in t.cells.items():
            if 0 < value < monitoring.threshold:
                small += 1
                assert t.hidden.get(cell) == sup.PRIMARY
    assert small  # the synthetic export does have small cells (rare nationalities, desks)


# -- ODK Central's .zip, as downloaded --------------------------------------------------------

def _central_zip(tmp_path, content, recs, extra: dict[str, bytes] | None = None) -> Path:
    header, rows = synthetic.table(recs, "central", content)
    inner = synthetic.write(tmp_path / "inner" / "ventanilla_atencion.csv", header, rows, "central")
    path = tmp_path / "ventanilla_atencion.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(inner, "ventanilla_atencion.csv")
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return path


def test_central_zip_is_read_as_downloaded(content, tmp_path):
    recs = synthetic.records(300, sorted(form.desks_of(content)), seed=4)
    export = _central_zip(tmp_path, content, recs)
    outcome, findings = run(export, content)
    assert not findings.items and outcome.imported == 300
    assert read_csv_counts(content / "monitoreo" / "atenciones.csv") == expected_counts(recs)


@pytest.mark.parametrize("extra, why", [
    ({"media/1712345.jpg": b"\xff\xd8 foto"}, "adjunto"),
    ({"ventanilla_atencion-familia.csv": b"PARENT_KEY,KEY\n"}, "tablas"),
])
def test_central_zip_with_attachments_or_repeats_is_refused_and_nothing_extracted(content, tmp_path, capsys, extra, why):
    recs = synthetic.records(20, sorted(form.desks_of(content)), seed=4)
    export = _central_zip(tmp_path, content, recs, extra)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code = cli.main(["monitoreo", "importar", str(export), "--project", str(content.parent)])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.out + out.err
    assert "[importar-archivo]" in out.out and why in out.out and "No se importó nada" in out.out
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing extracted
    assert (content / "monitoreo" / "atenciones.csv").read_text(encoding="utf-8") == HEADER


def test_a_broken_or_empty_zip_is_refused(content, tmp_path):
    for name, body in (("roto.zip", b"PK\x03\x04 roto"), ("vacio.zip", None)):
        path = tmp_path / name
        if body is None:
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("LEEME.txt", "")
        else:
            path.write_bytes(body)
        findings = Findings(content.parent)
        with pytest.raises(intake.Refused):
            intake.run(path, content, findings, TODAY)
        assert [f.code for f in findings.errors] == ["importar-archivo"], findings.errors


# -- merging and synthetic months ----------------------------------------------------------

def test_an_import_never_drops_a_broken_line_of_the_figures(content, tmp_path):
    path = content / "monitoreo" / "atenciones.csv"
    path.write_text(HEADER + "2026-05,ventanilla-tapachula,nacionalidad,HN,3.5\n", encoding="utf-8")
    export, _ = _export(tmp_path, content)
    findings = Findings(content.parent)
    with pytest.raises(intake.Refused):
        intake.run(export, content, findings, TODAY)
    assert findings.errors and "ya tiene un error" in findings.errors[0].message
    assert "3.5" in path.read_text(encoding="utf-8")  # untouched


def test_the_page_stays_synthetic_while_a_synthetic_month_remains(content, tmp_path):
    site = content / "sitio.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("datos_sinteticos: false", "datos_sinteticos: true"),
                    encoding="utf-8")
    shutil.copy(REPO / "content" / "monitoreo" / "atenciones.csv", content / "monitoreo" / "atenciones.csv")
    starter = pipeline.check(pipeline.Project(content.parent, content=content)).content.monitoring.months
    export, _ = _export(tmp_path, content)
    outcome, findings = run(export, content, over_synthetic=True)
    assert outcome.written and not findings.errors
    record = yaml.safe_load((content / "monitoreo" / "importaciones.yml").read_text(encoding="utf-8"))
    assert record["meses_sinteticos"] == starter
    # the editor removes the flag, but the synthetic months are still there: still synthetic
    site.write_text(site.read_text(encoding="utf-8").replace("datos_sinteticos: true", "datos_sinteticos: false"),
                    encoding="utf-8")
    data_ = pipeline.check(pipeline.Project(content.parent, content=content)).content.monitoring
    assert not data_.synthetic and data_.synthetic_months == starter and data_.is_synthetic
    # once those months are gone, the figures are real
    path = content / "monitoreo" / "atenciones.csv"
    kept = [l for l in path.read_text(encoding="utf-8").splitlines() if l[:7] not in starter]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = pipeline.check(pipeline.Project(content.parent, content=content))
    data_ = result.content.monitoring
    assert data_ is not None and data_.synthetic_months == [] and not data_.is_synthetic
