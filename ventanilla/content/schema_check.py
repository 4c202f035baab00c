"""Validate content documents against the JSON Schemas in ventanilla/schemas/.

The schemas are the single description of every content kind; editors' editors use
the same files (see .vscode/settings.json). This module only turns jsonschema's
errors into one-line Spanish findings at the line of the offending field:

- required            -> `falta-campo`      falta el campo obligatorio "x"
- additionalProperties-> `campo-desconocido` campo desconocido "horarioz" (¿quisiste decir "horario"?)
- type                -> `tipo`             "x" debe ser un texto / una lista / …
- enum                -> `valor-no-permitido` with the allowed values
- pattern             -> `formato`          with the expected form (ids, dates, hours, urls)
- minItems / minLength / uniqueItems / anyOf / propertyNames / minimum -> `formato`
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..findings import Findings
from .sources import Document

TYPE_NAMES = {
    "string": "un texto",
    "object": "un grupo de campos (nombre: valor)",
    "array": "una lista (líneas que empiezan con «- »)",
    "integer": "un número entero",
    "number": "un número",
    "boolean": "true o false",
}

PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "un id en minúsculas con guiones, p. ej. comar-tapachula",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "una fecha AAAA-MM-DD, p. ej. 2026-11-03",
    "^([01][0-9]|2[0-4]):[0-5][0-9]$": "una hora de 24 horas HH:MM, p. ej. 09:00 o 17:30",
    "^https?://": "una dirección web que empiece con https://",
    "^https://": "una dirección web que empiece con https://",
    "^[a-z]{2,3}$": "un código de idioma de 2 o 3 letras, p. ej. es, en, fr",
    "^[a-z]{2,3}_[A-Z]{2}$": "un formato regional: idioma, guion bajo y país, p. ej. en_GB o fr_FR",
    "^https?://.+/$": "una dirección web terminada en /",
    "^(\\+[1-9][0-9]{0,2}( [0-9]{1,4}){2,6}|[0-9]{3}|\\*[0-9]{3,4})$": "un teléfono con + y lada en grupos separados por espacios, p. ej. +52 962 123 4567 (o un número corto como 911 o *765, con tipo: emergencia)",
    "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$": "un correo como nombre@ejemplo.org",
    "^[0-9a-f]{12}$": "una versión de 12 letras y números que escribe `ventanilla traducido`; no la edites a mano",
}


@cache
def _schemas() -> dict[str, dict]:
    folder = resources.files("ventanilla") / "schemas"
    return {
        item.name: json.loads(item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if item.name.endswith(".schema.json")
    }


@cache
def validator(name: str) -> Draft202012Validator:
    schemas = _schemas()
    registry = Registry().with_resources(
        (file_name, Resource.from_contents(schema)) for file_name, schema in schemas.items()
    )
    return Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)


def schema_names() -> list[str]:
    return sorted(name.removesuffix(".schema.json") for name in _schemas())


def _field(path) -> str:
    return ".".join(str(p) for p in path) or "el archivo"


def _leaf_errors(error):
    """anyOf/oneOf errors hide the useful ones in their context: keep the deepest
    error of the branch whose type fits (a map without "es" is a missing "es", not
    "should be a text")."""
    if error.context:
        fitting = [e for e in error.context if e.validator != "type"] or error.context
        best = max(fitting, key=lambda e: len(e.absolute_path))
        yield from _leaf_errors(best) if best.context else [best]
    else:
        yield error


def _message(error) -> tuple[str, str, tuple]:
    """(code, Spanish message, data path where it belongs)."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        return "falta-campo", f'falta el campo obligatorio "{missing}" en {_field(path)}', path
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f' (¿quisiste decir "{close[0]}"?)' if close else f"; los campos válidos son: {', '.join(allowed)}"
        return "campo-desconocido", f'campo desconocido "{key}"{hint}', path + (key,)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        return "tipo", f"{_field(path)} debe ser {TYPE_NAMES.get(expected, expected)}", path
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return "valor-no-permitido", f'"{error.instance}" no es un valor permitido en {_field(path)}; usa uno de: {options}', path
    if kind == "pattern":
        hint = PATTERN_HINTS.get(error.validator_value, f"el formato {error.validator_value}")
        return "formato", f'"{error.instance}" no es válido en {_field(path)}: debe ser {hint}', path
    if kind == "propertyNames":
        return "formato", f'el nombre "{error.instance}" no es válido en {_field(path)}: usa minúsculas, números y guiones', path
    if kind == "minItems":
        return "formato", f"{_field(path)} no puede estar vacío: agrega al menos {error.validator_value} elemento(s)", path
    if kind == "minLength":
        return "formato", f"{_field(path)} está vacío: escribe el texto o borra el campo", path
    if kind == "uniqueItems":
        return "formato", f"{_field(path)} tiene elementos repetidos", path
    if kind == "minimum":
        return "formato", f"{_field(path)} debe ser {error.validator_value} o más", path
    return "formato", f"{_field(path)}: {error.message}", path


def check(doc: Document, schema: str, findings: Findings, base: tuple = ()) -> bool:
    """Report every schema error of `doc` (or of its part at `base`); True when clean."""
    data = doc.data
    for key in base:
        data = data[key]
    clean = True
    for error in validator(schema).iter_errors(data):
        for leaf in _leaf_errors(error):
            code, message, path = _message(leaf)
            findings.error(doc.path, doc.line(base + path), code, message)
            clean = False
    return clean
