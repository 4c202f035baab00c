"""Command-line layer: the `ventanilla` command. The top layer: nothing imports it.

main.py        check, build, serve and the sub-commands
common.py      printing findings, finding the project root
editors.py     new, traducido, report
serve.py       the editors' preview
leaflets.py    `ventanilla leaflets`
monitoring.py  `ventanilla monitoreo formulario|importar`
"""
