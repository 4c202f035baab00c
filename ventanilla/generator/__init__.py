"""Generator layer: the thin last step that turns generated Markdown into HTML (MkDocs).

mkdocs_step.py       run MkDocs + Material on the generated Markdown; swap the new site in
mkdocs_languages.py  `mkdocs build` with the languages side by side
theme.py             what post-processing relies on from Material's HTML and files
"""
