"""`ventanilla monitoreo …`: the desks' attention form and the import of its answers.

    ventanilla monitoreo formulario --out formulario.xlsx   # the XLSForm for KoboToolbox / ODK Central
    ventanilla monitoreo formulario --actualizar            # its lists again from content/ (formulario.yml)
    ventanilla monitoreo importar export.csv                # answers -> monthly counts (atenciones.csv)

Messages in Spanish; exit codes as in cli.py (0 done, 1 something refused, 2 wrong usage).
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..monitoring import form, intake


def _content(args) -> Path:
    root = Path(args.project)
    return Path(args.content) if args.content else root / "content"


def cmd_form(args) -> int:
    content = _content(args)
    if args.actualizar:
        changed = form.update(content)
        print("Listas de formulario.yml actualizadas desde content/." if changed else
              "Las listas de formulario.yml ya coincidían con content/.")
    if args.out:
        out = form.write_xlsx(Path(args.out), content)
        print(f"Formulario escrito en {out}: súbelo a KoboToolbox («Reemplazar formulario» / «Subir XLSForm») "
              "o a ODK Central («Nuevo formulario»).")
    elif not args.actualizar:
        print("error: indica --out archivo.xlsx (y/o --actualizar)")
        return 2
    return 0


def cmd_import(args) -> int:
    content = _content(args)
    findings = Findings(Path(args.project))
    from ..pipeline import today
    try:
        outcome = intake.run(Path(args.export), content, findings, today(), args.desde, args.hasta,
                             args.simular, args.sobre_sinteticas)
    except intake.Refused:
        for finding in findings.items:
            print(finding.format())
        print("No se importó nada: corrige lo de arriba y vuelve a intentarlo.")
        return 1
    except ValueError as exc:
        print(f"error: mes no válido «{exc}» en --desde o --hasta (formato AAAA-MM, p. ej. 2026-05)")
        return 2
    for finding in findings.items:
        print(finding.format())
    for line in intake.summary_lines(Path(args.export), outcome, args.simular):
        print(line)
    return 1 if findings.errors else 0


def register(sub, common) -> None:
    monitoring = sub.add_parser("monitoreo", help="formulario de atención (KoboToolbox / ODK) e importación de sus respuestas")
    steps = monitoring.add_subparsers(dest="paso", required=True)
    build = steps.add_parser("formulario", parents=[common], help="escribir el XLSForm (.xlsx) del formulario de atención")
    build.add_argument("--out", default=None, help="archivo .xlsx que se escribe, p. ej. formulario-atencion.xlsx")
    build.add_argument("--actualizar", action="store_true",
                       help="regenerar las listas de ventanilla/monitoring/formulario.yml desde content/")
    build.set_defaults(func=cmd_form)
    imp = steps.add_parser("importar", parents=[common],
                           help="sumar las respuestas exportadas (CSV o XLSX) a content/monitoreo/atenciones.csv")
    imp.add_argument("export", help="archivo exportado de KoboToolbox u ODK Central (.csv, .xlsx, o el .zip de ODK Central tal cual)")
    imp.add_argument("--desde", default=None, help="primer mes que se acepta (AAAA-MM; por defecto, hace dos años)")
    imp.add_argument("--hasta", default=None, help="último mes que se acepta (AAAA-MM; por defecto, el actual)")
    imp.add_argument("--simular", action="store_true", help="revisar y contar sin escribir nada")
    imp.add_argument("--sobre-sinteticas", action="store_true",
                     help="importar aunque atenciones.csv tenga las cifras sintéticas (solo para pruebas)")
    imp.set_defaults(func=cmd_import)
