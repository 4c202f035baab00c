"""The `ventanilla` command: check, build, serve (and the editors' commands in editors.py).

Messages are in Spanish, for editors. Exit codes: 0 clean (warnings allowed),
1 content errors or a failed build, 2 wrong usage, 3 an internal error (a bug:
set VENTANILLA_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from .. import pipeline
from . import editors as cli_editors
from . import leaflets as leaflets_command
from . import monitoring as monitoring_command
from .common import STAGE_NAMES
from .common import print_findings as _print_findings
from .common import project as _project


def cmd_check(args) -> int:
    result = pipeline.check(_project(args), publish=args.publish)
    _print_findings(result, args.quiet)
    for line in cli_editors.gate_lines(result, args.publish):
        print(line)
    return 1 if result.content is None or result.findings.errors else 0


# "MkDocs" includes the languages finished while it runs (search index, printed links…)


def cmd_build(args) -> int:
    project = _project(args)
    result = pipeline.build(project, publish=args.publish)
    _print_findings(result, args.quiet)
    if result.content is None or result.findings.errors:
        print("No se construyó el sitio: corrige los errores de arriba y vuelve a intentarlo.")
        return 1
    if result.site_problems:
        for problem in result.site_problems:
            print(problem.format())
        print("El sitio construido tiene enlaces rotos u otros errores: no se publicó nada.")
        return 1
    if not result.built:
        print("MkDocs no pudo construir el sitio (no se publicó nada):")
        print(result.mkdocs_error)
        return 1
    pages = sum(len(p) for p in result.pages.values())
    total = sum(result.timings.values())
    stages = ", ".join(f"{STAGE_NAMES.get(k, k)} {v:.1f}" for k, v in result.timings.items())
    print(f"Sitio construido en {project.site} ({pages} páginas, {len(result.pages)} idiomas, {total:.1f} s: {stages}).")
    if result.draft:
        print(cli_editors.draft_line(result))
    return 0


def cmd_serve(args) -> int:
    from . import serve
    return serve.serve(_project(args), args.port, args.host)


def main(argv=None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", default=".", help="carpeta del proyecto (por defecto, la actual)")
    common.add_argument("--content", default=None, help="carpeta de contenido (por defecto, content/)")
    common.add_argument("--site", default=None, help="carpeta de salida (por defecto, site/)")
    common.add_argument("--work", default=None, help="carpeta de trabajo intermedia (por defecto, build/)")
    common.add_argument("-q", "--quiet", action="store_true", help="mostrar solo los errores")
    parser = argparse.ArgumentParser(prog="ventanilla", description="Portal de las ventanillas informativas sobre migración")
    sub = parser.add_subparsers(dest="command", required=True)
    publish = argparse.ArgumentParser(add_help=False)
    publish.add_argument("--publish", action="store_true",
                         help="exigir lo necesario para publicar: nada sin verificar, caducado, por completar "
                              "ni traducciones críticas faltantes (ver README)")
    sub.add_parser("check", parents=[common, publish], help="revisar todo el contenido sin construir nada").set_defaults(func=cmd_check)
    sub.add_parser("build", parents=[common, publish], help="revisar y construir el sitio en site/ "
                   "(un BORRADOR mientras no pase la revisión para publicar)").set_defaults(func=cmd_build)
    serve_parser = sub.add_parser("serve", parents=[common], help="construir, servir en local y reconstruir al cambiar el contenido")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.set_defaults(func=cmd_serve)
    cli_editors.register(sub, common)
    leaflets_command.register(sub, common)
    monitoring_command.register(sub, common)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in Ventanilla, not in the content
        if os.environ.get("VENTANILLA_DEBUG"):
            traceback.print_exc()
        print(f"error interno de Ventanilla: {type(exc).__name__}: {exc}. "
              "Vuelve a ejecutar con VENTANILLA_DEBUG=1 y reporta el detalle a los desarrolladores.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
