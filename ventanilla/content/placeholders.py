"""The "to be completed" markers that `ventanilla new` writes, and where they remain.

A new entry must pass `ventanilla check` before anyone has filled it in, yet nothing
invented may reach the public site. So `new` writes markers that are valid for the
JSON Schema and that the check reports line by line:

- `POR COMPLETAR` in a text, or in a comment next to a value that cannot be a text
  (e.g. `gratuito: false  # POR COMPLETAR: …`),
- `POR TRADUCIR` in a text of a translation,
- `por-completar` where an id is expected (a state, an organisation, a category);
  the cross-check does not report it as a broken reference.

`ventanilla check` lists every line still holding a marker as a warning
(`por-completar`); `ventanilla check --publish` refuses them (see gate.py).
Files are scanned as text, comments included, so each marker has its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEXT = "POR COMPLETAR"
TRANSLATE = "POR TRADUCIR"
ID = "por-completar"
MARKER = re.compile(rf"{TEXT}|{TRANSLATE}|(?<![\w-]){ID}(?![\w-])")


@dataclass(frozen=True)
class Marker:
    path: Path
    line: int
    text: str  # the line, stripped, for the report

    @property
    def translation(self) -> bool:
        return TRANSLATE in self.text


CATALOGS = ("entidades", "categorias", "poblaciones", "servicios_ventanilla")


def is_placeholder_id(value) -> bool:
    return value == ID


def _uses_id(value) -> bool:
    if isinstance(value, dict):
        return any(_uses_id(v) for v in value.values())
    if isinstance(value, list):
        return any(_uses_id(v) for v in value)
    return value == ID


def preview_catalogs(content) -> None:
    """For a preview (draft) build only: when an entry still says `por-completar` where
    an id is expected, the catalogues get an entry of that id named POR COMPLETAR, so
    its links lead to a page instead of breaking the build. The publishing gate
    refuses markers, so a published site never has it."""
    if any(_uses_id(e.data) for entities in content.entities.values() for e in entities.values()):
        for group in CATALOGS:
            content.catalogs.setdefault(group, {}).setdefault(ID, TEXT)


def scan_text(path: Path, text: str) -> list[Marker]:
    if "POR " not in text and ID not in text:  # the common case, fast
        return []
    return [Marker(path, number, _shown(line))
            for number, line in enumerate(text.split("\n"), 1) if MARKER.search(line)]


def _shown(line: str) -> str:
    """The line without its comment, unless the marker is in the comment."""
    value = line.split("  #", 1)[0]
    return (value if MARKER.search(value) else line).strip()


def scan(content) -> list[Marker]:
    """Every line with a marker, in every content file that was read."""
    found: list[Marker] = []
    for doc in content.documents:
        try:
            text = doc.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # already reported when the file was read
        found += scan_text(doc.path, text)
    return found


def check(content, findings) -> None:
    """One warning per line that still holds a marker."""
    for marker in scan(content):
        what = "traducir" if marker.translation else "completar"
        findings.warning(marker.path, marker.line, "por-completar",
                         f"falta {what} este dato ({_short(marker.text)}); escribe lo que dicen tus fuentes, "
                         "o borra la línea si el campo es opcional y no tienes fuente")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
