"""One JSON Schema property -> one Decap CMS field, so the form accepts what `ventanilla check` accepts.

Cases, in the order they are tried:
- `traduce`, `revision_nativa`: hidden (written by `ventanilla traducido`; kept as they are)
- a text in every language (`texto`): an object with one box per language, side by side
- a list per language (`lista_de_textos`): an object with one list per language
- a name (`nombre`: one string, or a text per language): our `nombre` widget (static/ventanilla-cms.js)
- dates (`fecha`): a date picker writing AAAA-MM-DD; hours (`hora`): a text box with the 24 h pattern
- opening hours (`horario`): a list of {días, abre, cierra, nota}
- a field that names a catalogue value (REFERENCES): a dropdown of the catalogue (one or several)
- a field that names another entry (REFERENCES): a relation field over that collection
- `enum`: a dropdown; boolean, integer, number: their widgets
- an object with properties, a list of objects or of strings: object / list widgets, recursively
- a string: a text box with the schema's pattern (phones, e-mails, web addresses) and its Spanish hint
- anything else (a map with free keys, e.g. an urgent situation's `por_entidad`): hidden, kept
  as it is, and listed in UNEDITABLE so the guide and the tests know
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from ..content.schema_check import PATTERN_HINTS
from . import schemas

# (schema, path) -> what the value names. `*` matches any schema; a path is dotted, without list
# indices. ("catalogue", name) is a key list of content/catalogos.yml; ("relation", collection,
# multiple) an entry of another collection; ("options", name) a list computed from the content.
REFERENCES = {
    ("*", "entidad"): ("catalogue", "entidades"),
    ("*", "ubicaciones.entidad"): ("catalogue", "entidades"),
    ("*", "cobertura.entidades"): ("catalogue", "entidades"),
    ("*", "categorias"): ("catalogue", "categorias"),
    ("*", "poblaciones"): ("catalogue", "poblaciones"),
    ("*", "etapas"): ("catalogue", "etapas"),
    ("ventanilla", "servicios"): ("catalogue", "servicios_ventanilla"),
    ("actividad", "publico"): ("catalogue", "publicos_actividad"),
    ("servicio", "organizacion"): ("relation", "organizaciones", False),
    ("urgencia", "servicios"): ("relation", "servicios", True),
    ("tramite", "servicios"): ("relation", "servicios", True),
    ("riesgo", "ayuda"): ("relation", "servicios", True),
    ("comunidad", "ayuda"): ("relation", "servicios", True),
    ("actividad", "ventanilla"): ("relation", "ventanillas", False),
    ("actividad", "tema"): ("options", "temas"),
}
HIDDEN = {"traduce", "revision_nativa"}
SHORT_TEXTS = {"titulo", "nombre", "institucion", "titular", "mito", "siglas", "municipio", "direccion"}
LONG_LISTS = {"fuentes", "ubicaciones", "pasos", "mitos", "errores_comunes"}  # shown folded
DAYS = [("lun", "lunes"), ("mar", "martes"), ("mie", "miércoles"), ("jue", "jueves"), ("vie", "viernes"),
        ("sab", "sábado"), ("dom", "domingo")]


@dataclass
class Context:
    """What the fields need besides the schema: languages, catalogues, computed option lists."""

    languages: list[tuple[str, str]]  # (code, label), the source language first
    catalogues: dict
    options: dict = dc_field(default_factory=dict)  # name -> [(value, label)]
    uneditable: list[str] = dc_field(default_factory=list)  # "schema:path" kept hidden

    def catalogue(self, name: str) -> list[dict]:
        entries = self.catalogues.get(name) or {}
        return [{"label": _label_of(value, key), "value": key} for key, value in entries.items()]


def _label_of(value, key: str) -> str:
    if isinstance(value, dict):
        value = value.get("es") or next(iter(value.values()), key)
    return f"{value} ({key})" if isinstance(value, str) and value != key else key


LABELS = {  # field names are Spanish without accents; the form shows them written properly
    "descripcion": "Descripción", "organizacion": "Organización", "institucion": "Institución",
    "categorias": "Categorías", "direccion": "Dirección", "telefonos": "Teléfonos", "numero": "Número",
    "dias": "Días", "titulo": "Título", "despues": "Después", "que_llevar": "Qué llevar", "que_es": "Qué es",
    "senales": "Señales", "como_protegerte": "Cómo protegerte", "correo": "Correo electrónico",
    "publico": "Público", "inscripcion": "Inscripción", "duracion_minutos": "Duración (minutos)",
    "ubicaciones": "Ubicaciones (oficinas)", "revision_nativa": "Revisión nativa", "para_quien": "Para quién",
    "donde": "Dónde", "costo_nota": "Nota sobre el costo", "hora_inicio": "Hora de inicio", "hora_fin": "Hora de fin",
    "zona_horaria": "Zona horaria", "abierto_24h": "Abierto 24 horas", "whatsapp": "WhatsApp",
    "accesibilidad": "Accesibilidad", "mensajes_clave": "Mensajes clave", "lat": "Latitud", "lon": "Longitud",
    "id": "Id", "mito": "Mito", "realidad": "Realidad", "errores_comunes": "Errores comunes",
}


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def _reference(schema: str, path: str):
    last = path.rsplit(".", 1)[-1]
    return (REFERENCES.get((schema, path)) or REFERENCES.get(("*", path))
            or (REFERENCES.get(("*", last)) if "." not in path else None))


def _pattern(node: dict) -> list[str] | None:
    regex = node.get("pattern")
    if not regex:
        return None
    hint = PATTERN_HINTS.get(regex, f"el formato {regex}")
    return [regex, f"Debe ser {hint}."]


def _base(name: str, node: dict, required: bool) -> dict:
    out = {"name": name, "label": label(name), "required": required}
    if node.get("description"):
        out["hint"] = node["description"]
    return out


def _per_language(name: str, node: dict, required: bool, ctx: Context, as_list: bool) -> dict:
    widget = "string" if name in SHORT_TEXTS else "text"
    subfields = []
    for i, (code, language) in enumerate(ctx.languages):
        sub = {"name": code, "label": language, "required": required and i == 0}
        if as_list:
            sub.update(widget="list", field={"name": "texto", "label": "Texto", "widget": "string"})
        else:
            sub["widget"] = widget
        subfields.append(sub)
    return {**_base(name, node, required), "widget": "object", "collapsed": False, "x_texts": True,
            "fields": subfields}


def build(name: str, node: dict, schema: str, required: bool, ctx: Context, path: str = "") -> dict:
    """The Decap field of the property `name` (at `path`) of `schema`."""
    path = f"{path}.{name}" if path else name
    kind = schemas.ref_name(node)
    resolved = schemas.resolve(node, schema)
    if name in HIDDEN and not path.count("."):
        return {"name": name, "label": label(name), "widget": "hidden", "required": False}
    if kind == "texto":
        return _per_language(name, resolved, required, ctx, as_list=False)
    if kind == "lista_de_textos":
        return _per_language(name, resolved, required, ctx, as_list=True)
    if kind == "nombre":
        return {**_base(name, resolved, required), "widget": "nombre",
                "languages": [{"code": c, "label": lab} for c, lab in ctx.languages]}
    if kind == "fecha":
        return {**_base(name, resolved, required), "widget": "datetime", "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}
    reference = _reference(schema, path)
    if reference:
        many = resolved.get("type") == "array"
        if reference[0] == "catalogue":
            return {**_base(name, resolved, required), "widget": "select", "multiple": many,
                    "options": ctx.catalogue(reference[1]), "x_catalogue": reference[1]}
        if reference[0] == "options":
            return {**_base(name, resolved, required), "widget": "select", "multiple": many,
                    "options": [{"label": lab, "value": v} for v, lab in ctx.options.get(reference[1], [])]}
        # an entry of another collection, searched by id as the editor types
        return {**_base(name, resolved, required), "widget": "relation", "collection": reference[1],
                "value_field": "id", "search_fields": ["id"], "display_fields": ["id"],
                "multiple": reference[2], "x_relation": reference[1]}
    if "enum" in resolved:
        options = [{"label": dict(DAYS).get(v, str(v)), "value": v} for v in resolved["enum"]]
        return {**_base(name, resolved, required), "widget": "select", "options": options}
    kind_type = resolved.get("type")
    if kind_type == "boolean":
        # a default only where the field is required: an optional one left alone stays out of the file
        return {**_base(name, resolved, required), "widget": "boolean", **({"default": False} if required else {})}
    if kind_type in ("integer", "number"):
        out = {**_base(name, resolved, required), "widget": "number",
               "value_type": "int" if kind_type == "integer" else "float"}
        if "minimum" in resolved:
            out["min"] = resolved["minimum"]
        if "maximum" in resolved:
            out["max"] = resolved["maximum"]
        return out
    if kind_type == "object" and "properties" in resolved:
        # Decap checks an optional object's required fields even when the object is absent
        # (a location without coordinates): they are required only inside a required object
        needed = set(resolved.get("required", [])) if required else set()
        return {**_base(name, resolved, required), "widget": "object", "collapsed": False,
                "fields": [build(k, v, schema, k in needed, ctx, path) for k, v in resolved["properties"].items()]}
    if kind_type == "array":
        items = schemas.resolve(resolved.get("items", {}), schema)
        out = {**_base(name, resolved, required), "widget": "list", "collapsed": name in LONG_LISTS}
        if "minItems" in resolved:
            out["min"] = resolved["minItems"]
        if "maxItems" in resolved:
            out["max"] = resolved["maxItems"]
        if "enum" in items:  # e.g. the days of an opening-hours range
            return {**_base(name, resolved, required), "widget": "select", "multiple": True,
                    "options": [{"label": dict(DAYS).get(v, str(v)), "value": v} for v in items["enum"]],
                    **({"min": resolved["minItems"]} if "minItems" in resolved else {})}
        if items.get("type") == "object" and "properties" in items:
            needed = set(items.get("required", []))
            out["fields"] = [build(k, v, schema, k in needed, ctx, path) for k, v in items["properties"].items()]
            out["summary"] = "{{fields." + next(iter(items["properties"])) + "}}"
            return out
        item = {"name": "valor", "label": label(name), "widget": "string"}
        if _pattern(items):
            item["pattern"] = _pattern(items)
        out["field"] = item
        out["collapsed"] = False
        return out
    if kind_type == "string":
        out = {**_base(name, resolved, required), "widget": "string"}
        if _pattern(resolved):
            out["pattern"] = _pattern(resolved)
        return out
    ctx.uneditable.append(f"{schema}:{path}")
    return {"name": name, "label": label(name), "widget": "hidden", "required": False, "x_uneditable": True}


def for_schema(schema: str, ctx: Context, skip: set[str] = frozenset()) -> list[dict]:
    """The fields of every top-level property of a content kind, in the schema's order."""
    needed = set(schemas.required(schema))
    return [build(k, v, schema, k in needed, ctx) for k, v in schemas.properties(schema).items() if k not in skip]
