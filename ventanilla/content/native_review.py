"""Which translations no native speaker has reviewed yet.

A translation made by a machine, or by someone who does not speak the language as a
first language, is recorded as pending review, so that readers are told and editors
can find it:

- a translated page: `revision_nativa: pendiente` in its front matter;
- a desk, service, organisation, urgent situation or activity (texts of every language
  in one file): `revision_nativa: {ht: pendiente}`;
- a language's interface strings: `revision_nativa: pendiente` in content/<lang>/interfaz.yml.

`ventanilla traducido <file> --sin-revisar` writes the record, `--revisada` removes it
(the reviewer's word). Nothing else reads or writes the field.
"""

from __future__ import annotations

import re

from .sources import front_matter_end, line_ending

FIELD = "revision_nativa"
PENDING = "pendiente"
_KEY = re.compile(rf"^{FIELD}\s*:")
COMMENT = "  # traducción sin revisar por una persona hablante nativa (`ventanilla traducido --revisada` la quita)"


def page_pending(data: dict) -> bool:
    return data.get(FIELD) == PENDING


def entity_pending(data: dict, lang: str) -> bool:
    record = data.get(FIELD)
    return isinstance(record, dict) and record.get(lang) == PENDING


def interface_pending(content, lang: str) -> bool:
    return content.ui.get(lang, {}).get(FIELD) == PENDING


def set_page(text: str, pending: bool) -> str:
    """The Markdown text with the front-matter record added (pending) or removed."""
    lines = text.splitlines(keepends=True)
    eol = line_ending(lines)
    end = front_matter_end(lines)
    kept = [line for line in lines[1:end] if not _KEY.match(line)]
    if pending:
        kept.append(f"{FIELD}: {PENDING}{COMMENT}{eol}")
    return "".join(lines[:1] + kept + lines[end:])


def set_entity(text: str, lang: str, pending: bool, current: dict | None) -> str:
    """The YAML text with a top-level `revision_nativa:` block for the languages pending."""
    langs = {k for k, v in (current or {}).items() if v == PENDING}
    langs = (langs | {lang}) if pending else (langs - {lang})
    lines = text.splitlines(keepends=True)
    eol = line_ending(lines)
    start = next((i for i, line in enumerate(lines) if _KEY.match(line)), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and lines[end].strip() and lines[end][0] in " \t":
            end += 1
        lines = lines[:start] + lines[end:]
    if langs:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol
        lines += [f"{FIELD}:{COMMENT}{eol}"] + [f"  {code}: {PENDING}{eol}" for code in sorted(langs)]
    return "".join(lines)
