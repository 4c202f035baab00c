"""Read content files (YAML, and Markdown with YAML front matter) with line numbers.

Cases handled, each reported as a finding with file and line, never a traceback:
- file that is not UTF-8                       -> error `codificacion`
- empty file, or front matter with nothing in it -> error `archivo-vacio`
- YAML syntax error                            -> error `yaml-invalido` (line of the problem)
- the same key twice in one mapping            -> error `clave-duplicada`
- a YAML file whose top level is not a mapping -> error `yaml-no-mapa`
- Markdown without a closing `---` of its front matter -> error `front-matter`

Dates stay strings (the timestamp resolver is removed) so that JSON Schema and our
own date check see exactly what the editor typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..findings import Findings

Path_ = tuple  # a path into the data: ("telefonos", 0, "numero")


# libyaml's parser when PyYAML has it (about 10× faster on large directories).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_BaseLoader):
    """Safe loader that keeps dates as text."""


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """Data of one file plus the line of every key and list item in it."""

    path: Path
    data: dict
    lines: dict = field(default_factory=dict)
    body: str = ""  # Markdown after the front matter
    body_line: int = 1  # line where the body starts

    def line(self, path: Path_ = ()) -> int:
        """Line of the value at `path`, or of its closest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _walk(node, prefix: Path_, lines: dict, duplicates: list, line_offset: int) -> Any:
    lines[prefix] = node.start_mark.line + 1 + line_offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                duplicates.append((key, key_node.start_mark.line + 1 + line_offset))
            seen[key] = 1
        for key_node, value_node in node.value:
            _walk(value_node, prefix + (key_node.value,), lines, duplicates, line_offset)
            lines[prefix + (key_node.value,)] = key_node.start_mark.line + 1 + line_offset
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, prefix + (i,), lines, duplicates, line_offset)


def _parse_yaml(text: str, path: Path, findings: Findings, line_offset: int = 0):
    """Return (data, lines) or None after reporting a finding."""
    try:
        node = yaml.compose(text, Loader=ContentLoader)
        # Build the data from the same node tree: parse once, keep the lines.
        data = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        problem = exc.problem or "error de sintaxis"
        findings.error(
            path, line, "yaml-invalido",
            f"el YAML no es válido ({problem}); revisa la sangría, los dos puntos "
            "y las comillas de esta línea o la anterior",
        )
        return None
    except yaml.YAMLError as exc:
        findings.error(path, line_offset + 1, "yaml-invalido", f"el YAML no es válido ({exc})")
        return None
    if node is None:
        findings.error(path, line_offset + 1, "archivo-vacio",
                       "el archivo está vacío; copia una plantilla con `ventanilla new` o borra el archivo")
        return None
    lines: dict = {}
    duplicates: list = []
    _walk(node, (), lines, duplicates, line_offset)
    for key, line in duplicates:
        findings.error(path, line, "clave-duplicada",
                       f'el campo "{key}" aparece dos veces; deja solo uno')
    if not isinstance(data, dict):
        findings.error(path, line_offset + 1, "yaml-no-mapa",
                       "el archivo debe contener campos del tipo `nombre: valor`, no una lista ni un texto suelto")
        return None
    return data, lines


def _read_text(path: Path, findings: Findings) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        findings.error(path, 0, "lectura", f"no se pudo leer el archivo ({exc.strerror})")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        findings.error(path, line, "codificacion",
                       "el archivo no está en UTF-8; guárdalo como «UTF-8» en tu editor")
        return None
    if not text.strip():
        findings.error(path, 1, "archivo-vacio",
                       "el archivo está vacío; copia una plantilla con `ventanilla new` o borra el archivo")
        return None
    return text


def read_yaml(path: Path, findings: Findings) -> Document | None:
    text = _read_text(path, findings)
    if text is None:
        return None
    parsed = _parse_yaml(text, path, findings)
    if parsed is None:
        return None
    return Document(path=path, data=parsed[0], lines=parsed[1])


def read_markdown(path: Path, findings: Findings) -> Document | None:
    """Markdown with YAML front matter between two `---` lines."""
    text = _read_text(path, findings)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        findings.error(path, 1, "front-matter",
                       "el archivo debe empezar con una línea `---`, los datos del trámite o tema, y otra línea `---`")
        return None
    try:
        end = front_matter_end(lines)
    except StopIteration:
        findings.error(path, 1, "front-matter",
                       "falta la línea `---` que cierra los datos del principio del archivo")
        return None
    parsed = _parse_yaml("\n".join(lines[1:end]), path, findings, line_offset=1)
    if parsed is None:
        return None
    body = "\n".join(lines[end + 1:])
    return Document(path=path, data=parsed[0], lines=parsed[1], body=body, body_line=end + 2)


# -- editing a file's text in place (`ventanilla traducido`, native-review records) ----------
def line_ending(lines: list[str]) -> str:
    """The file's own line ending, from its first line, so that an edit keeps it."""
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def front_matter_end(lines: list[str]) -> int:
    """The index of the line that closes a Markdown file's front matter (`---`)."""
    return next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
