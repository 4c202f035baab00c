"""`ventanilla traducido`: record that a translation is up to date with the Spanish text.

Writes the `traduce` record described in drift.py, so editors never compute a
version by hand:

    ventanilla traducido content/en/tramites/asilo-comar.md      # one translated page
    ventanilla traducido content/es/tramites/asilo-comar.md      # every translation of it
    ventanilla traducido content/servicios/comar.yml --idioma en # one language of an entity
    ventanilla traducido --sin-registro                          # every translation without a record
    ventanilla traducido content/ht/tramites/x.md --sin-revisar  # and: not yet reviewed by a native speaker
    ventanilla traducido content/ht/tramites/x.md --revisada     # a native speaker reviewed it

Files are edited as text, one line or one small block, so comments and layout stay
as the editor wrote them; each edited file is read back and restored if the result
is not what was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..checks import drift
from ..content import Content, native_review
from ..content.sources import front_matter_end, line_ending, read_markdown, read_yaml
from ..findings import Findings

PAGE_COMMENT = "  # versión del español que traduce este archivo (la escribe `ventanilla traducido`)"
ENTITY_COMMENT = "  # versión del español que traduce cada idioma (la escribe `ventanilla traducido`)"
_KEY = re.compile(rf"^{drift.FIELD}\s*:")


@dataclass
class Outcome:
    file: str
    line: int
    ok: bool
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _read(path: Path) -> tuple[str, bool]:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig"), bom


def _write(path: Path, text: str, bom: bool) -> None:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def set_page_record(text: str, value: str) -> str:
    """The Markdown text with `traduce: value` in its front matter."""
    lines = text.splitlines(keepends=True)
    eol = line_ending(lines)
    end = front_matter_end(lines)
    for i in range(1, end):
        if _KEY.match(lines[i]):
            comment = re.search(r"\s+#.*$", lines[i].rstrip("\r\n"))
            lines[i] = f"{drift.FIELD}: {value}{comment.group(0) if comment else ''}{eol}"
            return "".join(lines)
    lines.insert(1, f"{drift.FIELD}: {value}{PAGE_COMMENT}{eol}")
    return "".join(lines)


def set_entity_records(text: str, records: dict[str, str]) -> str:
    """The YAML text with a top-level `traduce:` block holding `records`."""
    lines = text.splitlines(keepends=True)
    eol = line_ending(lines)
    block = [f"{drift.FIELD}:{ENTITY_COMMENT}{eol}"] + [f"  {lang}: {value}{eol}" for lang, value in records.items()]
    start = next((i for i, line in enumerate(lines) if _KEY.match(line)), None)
    if start is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol
        return "".join(lines + block)
    end = start + 1
    while end < len(lines) and lines[end].strip() and lines[end][0] in " \t":
        end += 1
    return "".join(lines[:start] + block + lines[end:])


def _verify(path: Path, expected) -> bool:
    findings = Findings(path.parent)
    doc = (read_markdown if path.suffix == ".md" else read_yaml)(path, findings)
    return doc is not None and not findings.errors and doc.data.get(drift.FIELD) == expected


class _Marker:
    def __init__(self, content: Content, findings: Findings, review: bool | None = None):
        self.c = content
        self.f = findings
        self.review = review  # True: record "not reviewed by a native speaker"; False: reviewed; None: leave it
        self.outcomes: list[Outcome] = []

    def say(self, path: Path, line: int, ok: bool, message: str) -> None:
        self.outcomes.append(Outcome(self.f.relative(path), line, ok, message))

    def mark(self, translations: list[drift.Translation]) -> None:
        """Record the current version for these translations (grouped by file)."""
        by_file: dict[Path, list[drift.Translation]] = {}
        for t in translations:
            by_file.setdefault(t.path, []).append(t)
        for path, group in by_file.items():
            original, bom = _read(path)
            if group[0].is_page:
                expected = group[0].current
                _write(path, set_page_record(original, expected), bom)
            else:
                records = group[0].source.data.get(drift.FIELD)
                records = {k: v for k, v in records.items() if k in self.c.codes[1:]} if isinstance(records, dict) else {}
                records.update({t.lang: t.current for t in group})
                expected = {lang: records[lang] for lang in self.c.codes[1:] if lang in records}
                _write(path, set_entity_records(original, expected), bom)
            if not _verify(path, expected):
                _write(path, original, bom)
                self.say(path, 1, False, "no se pudo escribir el registro de la traducción sin cambiar otros datos; "
                                         f'escribe a mano "{drift.FIELD}" (ver README) o avisa a los desarrolladores')
                continue
            for t in group:
                line = _line_of(path, f"{drift.FIELD}:" if t.is_page else f"  {t.lang}: {t.current}")
                before = "" if t.recorded in (None, t.current) else f" (antes {t.recorded})"
                self.say(path, line, True, f"traducción al {drift.language_name(t.lang)} ({t.lang}) marcada al día "
                                           f"con el español: versión {t.current}{before}")
            if self.review is not None:
                self.native_review(path, group)

    def native_review(self, path: Path, group: list[drift.Translation]) -> None:
        """Write or remove the `revision_nativa` record (native_review.py) of these translations."""
        original, bom = _read(path)
        text = original
        for t in group:
            if t.is_page:
                text = native_review.set_page(text, self.review)
            else:
                current = (yaml.safe_load(text) or {}).get(native_review.FIELD)
                text = native_review.set_entity(text, t.lang, self.review, current if isinstance(current, dict) else None)
        _write(path, text, bom)
        doc = (read_markdown if path.suffix == ".md" else read_yaml)(path, Findings(path.parent))
        if doc is None or doc.data.get(drift.FIELD) != yaml_field(original, path):
            _write(path, original, bom)
            self.say(path, 1, False, "no se pudo escribir la revisión nativa sin cambiar otros datos; "
                                     "escríbela a mano (ver README) o avisa a los desarrolladores")
            return
        state = "sin revisar por una persona hablante nativa" if self.review else "revisada por una persona hablante nativa"
        for t in group:
            self.say(path, _line_of(path, native_review.FIELD) if self.review else 1, True,
                     f"traducción al {drift.language_name(t.lang)} ({t.lang}) marcada como {state}")

    def file(self, path: Path, langs: list[str] | None) -> None:
        path = path.resolve()
        if not path.exists():
            self.say(path, 0, False, "no existe el archivo")
            return
        states = [t for t in drift.states(self.c) if path in (t.path, t.source.path)]
        if not states:
            self.say(path, 0, False, "no se pudo leer esta traducción o su original en español: corrige primero "
                                     "los errores que muestra `ventanilla check`" if self.f.errors else
                     "este archivo no es una traducción ni un texto en español con traducciones")
            return
        if langs:
            unknown = [lang for lang in langs if lang not in self.c.codes[1:]]
            if unknown:
                self.say(path, 0, False, f"idioma desconocido: {', '.join(unknown)}; "
                                         f"los idiomas de traducción son: {', '.join(self.c.codes[1:])}")
                return
            states = [t for t in states if t.lang in langs]
        chosen = [t for t in states if t.state != drift.MISSING]
        for t in states:
            if t.state == drift.MISSING and (langs or path == t.path):
                self.say(t.path if t.is_page else path, t.line, False,
                         f"no hay traducción al {drift.language_name(t.lang)} ({t.lang}) que marcar")
        self.mark(chosen)


def yaml_field(text: str, path: Path):
    """The `traduce` record of a file's text (front matter of a page, top level of a YAML file)."""
    if path.suffix == ".md":
        text = text.split("---", 2)[1] if text.startswith("---") else ""
    data = yaml.safe_load(text) or {}
    return data.get(drift.FIELD) if isinstance(data, dict) else None


def _line_of(path: Path, needle: str) -> int:
    text, _ = _read(path)
    return next((i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle)), 1)


def run(content: Content, findings: Findings, files: list[Path], langs: list[str] | None,
        unrecorded: bool, review: bool | None = None) -> list[Outcome]:
    marker = _Marker(content, findings, review)
    for path in files:
        marker.file(path, langs)
    if unrecorded:
        marker.mark([t for t in drift.states(content)
                     if t.state == drift.NO_RECORD and (not langs or t.lang in langs)])
    return marker.outcomes
