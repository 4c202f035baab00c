"""`ventanilla leaflets`: check the content, then rebuild the printable leaflets on demand.

Writes the PDFs into the site folder (site/folletos/…, site/en/folletos/…), taking
unchanged ones from the cache unless --forzar is given. The pages keep the sizes of
the last `ventanilla build`; run it to update their links. Messages in Spanish.
"""

from __future__ import annotations

from .. import pipeline
from ..content import placeholders
from ..leaflets import publish
from ..render import qrcodes


def cmd_leaflets(args) -> int:
    from .common import print_findings as _print_findings
    from .common import project as _project

    project = _project(args)
    result = pipeline.check(project)
    if result.content is None or result.findings.errors:
        _print_findings(result, args.quiet)
        print("No se construyeron los folletos: corrige los errores de arriba y vuelve a intentarlo.")
        return 1
    result.draft = bool(result.gate and result.gate.errors)  # as `ventanilla build` (without --publish) does
    if result.draft:
        placeholders.preview_catalogs(result.content)
    with qrcodes.kept_in(project.work / pipeline.QR_CODES):
        built = pipeline.build_leaflets(project, result, force=args.forzar)
    publish(built, result.content, project.site, layout="site")
    _print_findings(result, args.quiet)
    laid = built.laid_out
    print(f"Folletos en {project.site}: {len(built.built)} PDF en {len(result.content.codes)} idiomas "
          f"({laid} construidos, {len(built.built) - laid} sin cambios), {built.total_size / 1024:.0f} KB, "
          f"{built.seconds:.1f} s.")
    if result.draft:
        print("Son un BORRADOR, como el sitio: el contenido todavía no pasa la revisión para publicar.")
    return 0


def register(sub, common) -> None:
    parser = sub.add_parser("leaflets", parents=[common],
                            help="reconstruir los folletos PDF para imprimir (solo los que cambiaron)")
    parser.add_argument("--forzar", action="store_true", help="reconstruirlos todos, sin usar la caché")
    parser.set_defaults(func=cmd_leaflets)
