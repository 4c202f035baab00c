"""The editors' commands of `ventanilla`: new, report, traducido, and the gate's messages.

Kept apart from cli.py, which only registers them. Messages are in Spanish, one line
each; exit codes as in cli.py (0 done, 1 refused or content errors).
"""

from __future__ import annotations

from pathlib import Path

from .. import pipeline
from ..editors import report, scaffold, translated


def gate_lines(result: pipeline.Result, publish: bool) -> list[str]:
    """What `check` and `build` say about publishing, after the findings."""
    failed = result.content is None or bool(result.findings.errors)
    if publish:
        return ["No se puede publicar: corrige los errores de arriba." if failed
                else "Se puede publicar: la revisión para publicar no encontró problemas."]
    refused = len(result.gate.errors) if result.gate else 0
    if failed or not refused:
        return []
    return [f"Para publicar faltan {refused} arreglo{'s' if refused != 1 else ''} (datos sin verificar, "
            "por completar, caducados o traducciones críticas): `ventanilla check --publish` los lista."]


def draft_line(result: pipeline.Result) -> str:
    refused = len(result.gate.errors) if result.gate else 0
    return (f"Es un BORRADOR: cada página lo avisa hasta que pase `ventanilla check --publish` "
            f"({refused} arreglo{'s' if refused != 1 else ''} pendiente{'s' if refused != 1 else ''}); "
            "para publicar usa `ventanilla build --publish`.")


def cmd_new(args) -> int:
    project = pipeline.Project(root=Path(args.project), content=args.content)
    try:
        created = scaffold.create(project.root, project.content, args.kind, args.id, pipeline.today().isoformat())
    except scaffold.Refused as exc:
        print(exc)
        return 1
    findings = pipeline.check(project).findings
    for path in created:
        rel = findings.relative(path)
        mine = [f for f in findings.items if f.file == rel]
        markers = sum(1 for f in mine if f.code == "por-completar")
        print(f"Creado {rel}: {markers} dato{'s' if markers != 1 else ''} por completar.")
        for finding in mine:
            if finding.severity == "error":
                print(finding.format())
    print("Llena los datos marcados POR COMPLETAR (y POR TRADUCIR) con lo que dicen tus fuentes; "
          "`ventanilla check` los lista con su línea.")
    return 0


def cmd_report(args) -> int:
    project = pipeline.Project(root=Path(args.project), content=args.content, work=args.work)
    result = pipeline.check(project)
    if result.content is None:
        for finding in result.findings.sorted():
            print(finding.format())
        print("No se pudo escribir el informe: corrige primero content/sitio.yml.")
        return 1
    out = Path(args.out).resolve() if args.out else project.work / "informe"
    written = report.write(result, out, pipeline.today())
    for line in report.summary_lines(result, pipeline.today()):
        print(line)
    print("Informe escrito en " + " y ".join(str(path) for path in written) + ".")
    return 0


def cmd_translated(args) -> int:
    project = pipeline.Project(root=Path(args.project), content=args.content)
    if not args.files and not args.sin_registro:
        print("error: indica uno o más archivos traducidos (o --sin-registro); "
              "p. ej. ventanilla traducido content/en/tramites/asilo-comar.md")
        return 2
    result = pipeline.check(project)
    if result.content is None:
        print("error: no se pudo leer content/sitio.yml: corrige primero sus errores (`ventanilla check`)")
        return 1
    files = [Path(name) if Path(name).is_absolute() or Path(name).exists() else project.root / name
             for name in args.files]
    review = True if args.sin_revisar else False if args.revisada else None
    outcomes = translated.run(result.content, result.findings, files, args.idioma, args.sin_registro, review)
    for outcome in outcomes:
        print(outcome.format())
    if not outcomes:
        print("No había traducciones que marcar.")
    return 0 if all(o.ok for o in outcomes) else 1


def cmd_edit(args) -> int:
    from ..editors import cms_server as server
    from .common import project
    return server.serve(project(args), args.host, args.port)


def cmd_keep(args) -> int:
    from ..cms import keep
    code, lines = keep.run(Path(args.project), args.desde)
    for line in lines:
        print(line)
    return code


def register(sub, common) -> None:
    keep = sub.add_parser("conservar", parents=[common],
                          help="devolver a las convenciones del proyecto los archivos que el editor con "
                               "formularios cambió en el sitio de git (desde una rama o commit)")
    keep.add_argument("--desde", default="origin/main", help="rama o commit de referencia (por defecto origin/main)")
    keep.set_defaults(func=cmd_keep)
    edit = sub.add_parser("editar", parents=[common],
                          help="abrir el editor con formularios en http://127.0.0.1:8080/admin/ sobre content/")
    edit.add_argument("--port", type=int, default=8080)
    edit.add_argument("--host", default="127.0.0.1")
    edit.set_defaults(func=cmd_edit)
    new = sub.add_parser("new", parents=[common], help="crear los archivos de una ficha nueva, listos para llenar")
    new.add_argument("kind", choices=sorted(scaffold.KINDS) + sorted(scaffold.ALIASES),
                     metavar="desk|service|procedure|risk", help="qué crear (también: ventanilla, servicio, tramite, riesgo)")
    new.add_argument("id", help="identificador: minúsculas, números y guiones, p. ej. ventanilla-oaxaca")
    new.set_defaults(func=cmd_new)
    rep = sub.add_parser("report", parents=[common], help="escribir el informe para editores (Markdown y HTML)")
    rep.add_argument("--out", default=None, help="carpeta del informe (por defecto, build/informe/)")
    rep.set_defaults(func=cmd_report)
    done = sub.add_parser("traducido", parents=[common],
                          help="registrar que una traducción está al día con el texto en español")
    done.add_argument("files", nargs="*", metavar="archivo", help="traducción, o texto en español (todas sus traducciones)")
    done.add_argument("--idioma", action="append", default=None, help="solo este idioma (se puede repetir)")
    done.add_argument("--sin-registro", action="store_true",
                      help="registrar todas las traducciones que aún no dicen qué versión traducen")
    review = done.add_mutually_exclusive_group()
    review.add_argument("--sin-revisar", action="store_true",
                        help="además, registrar que nadie que hable el idioma como lengua materna la ha revisado")
    review.add_argument("--revisada", action="store_true",
                        help="además, registrar que una persona hablante nativa ya la revisó")
    done.set_defaults(func=cmd_translated)
