"""Time `ventanilla monitoreo importar` on 100,000 synthetic answers (CSV and XLSX, both servers' shapes).

    PYTHONPATH=$PWD .venv/bin/python scripts/benchmark_importar.py [--n 100000]

Imports into a throw-away copy of content/ (its atenciones.csv emptied to the header line), so
the repository is not touched; each shape and format --repeat times (a fresh copy each time),
printing the median wall time and CPU time (on a machine shared with other work the
wall time grows with the load; the CPU time tells what the importer itself costs). Shapes: KoboToolbox (`;`, grupo/campo), its «separate columns» for
select_multiple, ODK Central (`,`, grupo-campo) and Central's «Descargar» .zip.
Target: 100,000 rows in 10 s or less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import monitoreo_exportacion_sintetica as synthetic  # noqa: E402

from ventanilla.findings import Findings  # noqa: E402
from ventanilla.monitoring import form, intake  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    desks = sorted(form.desks_of(ROOT / "content"))
    recs = synthetic.records(args.n, desks, seed=7)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for shape in ("kobo", "central", "kobo-separadas"):
            header, rows = synthetic.table(recs, shape.split("-")[0])
            if shape == "kobo-separadas":  # Kobo's «separate columns»: select_multiple only as 0/1 columns
                multiple = {f"{g}/{n}" for n, (kind, _, g) in form.fields().items() if kind == "select_multiple"}
                keep = [i for i, h in enumerate(header) if h not in multiple]
                header, rows = [header[i] for i in keep], [[row[i] for i in keep] for row in rows]
            for fmt in ("csv", "xlsx") + (("zip",) if shape == "central" else ()):
                export = synthetic.write(tmp / f"{shape}.{'csv' if fmt == 'zip' else fmt}", header, rows, shape.split("-")[0])
                if fmt == "zip":  # as ODK Central's «Descargar» gives it
                    import zipfile
                    with zipfile.ZipFile(tmp / "central.zip", "w", zipfile.ZIP_DEFLATED) as z:
                        z.write(export, "ventanilla_atencion.csv")
                    export = tmp / "central.zip"
                times, cpu = [], []
                for attempt in range(args.repeat):
                    content = tmp / f"content-{shape}-{fmt}-{attempt}"
                    shutil.copytree(ROOT / "content", content)
                    (content / "monitoreo" / "atenciones.csv").write_text("mes,ventanilla,dimension,categoria,personas\n")
                    findings = Findings(tmp)
                    start, start_cpu = time.perf_counter(), time.process_time()
                    outcome = intake.run(export, content, findings, dt.date(2026, 12, 1), over_synthetic=True)
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
                    assert outcome.imported == args.n and not findings.errors, findings.errors[:3]
                    shutil.rmtree(content)
                seconds = statistics.median(times)
                worst = max(worst, seconds)
                print(f"{shape:15} {fmt:5} {args.n} filas importadas en {seconds:.2f} s (CPU {statistics.median(cpu):.2f} s; mediana de {args.repeat}; "
                      f"{export.stat().st_size / 1e6:.1f} MB, {len(header)} columnas)")
    print(f"Peor caso (mediana): {worst:.2f} s para {args.n} filas (objetivo: 10 s o menos).")
    return 0 if worst <= 10 * args.n / 100_000 else 1


if __name__ == "__main__":
    sys.exit(main())
