"""What every command shares: printing findings, and the project its options name."""

from __future__ import annotations

from pathlib import Path

from .. import pipeline

# The build's stages as the timings line names them
STAGE_NAMES = {"check": "revisión", "leaflets": "folletos", "generate": "páginas", "mkdocs": "MkDocs",
               "output": "salida"}


def print_findings(result: pipeline.Result, quiet: bool) -> None:
    for finding in result.findings.sorted():
        if quiet and finding.severity != "error":
            continue
        print(finding.format())
    print(f"Resultado: {result.findings.summary()}.")


def project(args) -> pipeline.Project:
    return pipeline.Project(root=Path(args.project), content=args.content, site=args.site, work=args.work)
