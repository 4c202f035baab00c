"""Editors layer: the commands that help people who keep the content.

scaffold.py     `ventanilla new`: the files of a new entry, ready to fill in
translated.py   `ventanilla traducido`: record that a translation is up to date
report.py       `ventanilla report`: the editors' report
readability.py  readability of procedures, risk topics and pages, per language
cms_server.py   `ventanilla editar`: the form editor's local backend over the working copy

The editors' commands sit above the pipeline: `cms_server` runs the check on every save.
"""
