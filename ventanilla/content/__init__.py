"""Content layer: what editors keep under content/, read and queried as plain Python.

The lowest layer (above ventanilla/findings.py): it imports nothing else of Ventanilla.

model.py              the content model and `load` (one object per entity, page and language)
sources.py            reading YAML and Markdown files with line numbers
schema_check.py       the JSON Schemas in ventanilla/schemas/, applied at load time
directory.py          the directory's questions: open services, their own channels, urgent numbers
routes.py             every page's path and URL, and each language's URL folder
leaflet_locations.py  where each printable leaflet lives and which page it prints
localize.py           picking a text in the reader's language, with the fallback chain
placeholders.py       the "POR COMPLETAR" markers that `ventanilla new` writes
native_review.py      which translations still wait for a native speaker's review
"""

from .model import ENTITY_FOLDERS, PAGE_FOLDERS, SHARED_PAGE_FIELDS, Content, Entity, Language, LocalizedPage, load

__all__ = ["ENTITY_FOLDERS", "PAGE_FOLDERS", "SHARED_PAGE_FIELDS", "Content", "Entity", "Language",
           "LocalizedPage", "load"]
