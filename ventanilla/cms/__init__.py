"""The form editor: Decap CMS over our content, its configuration generated from the schemas.

One job per module:
- `schemas.py`    read the JSON Schemas and resolve their `$ref`s
- `fields.py`     one schema property -> one Decap field (widget, pattern, required…)
- `collections.py` the content kinds -> Decap collections (folders, per-language pages, files)
- `config.py`     the whole Decap configuration (backend, locale, collections)
- `files.py`      write what the editor saved in our conventions (schema line, key order,
                  `traduce` records, no change -> no write)
- `keep.py`       `ventanilla conservar`: the same conventions for what Decap wrote on a git host
- `admin.py`      the /admin/ folder of the built site (vendored Decap, noindex, own CSP)
- `static/`       our index.html and the few widgets and formats Decap lacks; `vendor/`
                  Decap CMS's built files with its licence (see vendor/README.md)
`ventanilla editar`, the local backend (Decap's proxy protocol) over the working copy, is
ventanilla/editors/cms_server.py: it runs the pipeline's check on every save, so it sits
above the pipeline, and this package below it.
"""
