"""The JSON Schemas of ventanilla/schemas/, with `$ref`s resolved for the form generator."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@cache
def load(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def ref_name(node: dict) -> str | None:
    """`comun.schema.json#/$defs/texto` -> `texto` (the common definitions' names drive widgets)."""
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if "#/$defs/" in ref else None


def _absolute(node, file: str):
    """A copy of `node` whose local `$ref`s (#/$defs/…) name `file`, so they resolve anywhere."""
    if isinstance(node, dict):
        out = {k: _absolute(v, file) for k, v in node.items()}
        if isinstance(out.get("$ref"), str) and out["$ref"].startswith("#"):
            out["$ref"] = f"{file}.schema.json{out['$ref']}"
        return out
    if isinstance(node, list):
        return [_absolute(v, file) for v in node]
    return node


def resolve(node: dict, schema: str) -> dict:
    """The node with its `$ref` replaced by the definition, local keywords kept on top."""
    ref = node.get("$ref")
    if not ref:
        return node
    file, _, pointer = ref.partition("#")
    file = file.removesuffix(".schema.json") if file else schema
    target = load(file)
    for part in pointer.strip("/").split("/"):
        target = target[part]
    target = _absolute(target, file)
    return {**resolve(target, file), **{k: v for k, v in node.items() if k != "$ref"}}


def properties(schema: str) -> dict:
    """Top-level properties of a content kind's schema, in the schema's order."""
    return load(schema)["properties"]


def required(schema: str) -> list[str]:
    return list(load(schema).get("required", []))
