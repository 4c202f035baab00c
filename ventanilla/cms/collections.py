"""The content kinds as Decap CMS collections, in the layout of content/.

- desks, organisations, services, urgent situations, activities: one folder collection each,
  one YAML file per entry, the texts of every language side by side in one form;
- procedures, risk and community topics, pages: one folder collection per kind and language
  (content/<lang>/tramites/…). Decap's i18n folders put the language *after* the kind
  (tramites/<lang>/), ours before it, so each language is its own collection; the Spanish one
  holds the facts shared by all languages, the translations only their texts (as the check wants);
- interface strings and synonyms: one file collection each, one file per language. Synonyms are
  a map with free keys, which Decap cannot edit: our `sinonimos` format (static/ventanilla-cms.js)
  shows them as a list of {palabra, equivalentes} and writes the file back line by line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content import ENTITY_FOLDERS, PAGE_FOLDERS, SHARED_PAGE_FIELDS
from ..content.sources import ContentLoader
from . import fields

ENTITY_LABELS = {  # folder -> (plural, singular)
    "ventanillas": ("Ventanillas", "Ventanilla"),
    "organizaciones": ("Organizaciones", "Organización"),
    "servicios": ("Servicios", "Servicio"),
    "urgencias": ("Situaciones urgentes", "Situación urgente"),
    "actividades": ("Actividades", "Actividad"),
}
PAGE_LABELS = {
    "tramites": ("Trámites", "Trámite"),
    "riesgos": ("Riesgos", "Tema de riesgo"),
    "comunidad": ("Comunidad", "Tema para la comunidad"),
    "paginas": ("Páginas", "Página"),
}
BODY = {"name": "body", "label": "Texto de la página (Markdown)", "widget": "markdown", "required": False,
        "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list"],
        "editor_components": [], "modes": ["raw", "rich_text"]}


def _yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def entities(ctx: fields.Context) -> list[dict]:
    out = []
    for folder, schema in ENTITY_FOLDERS.items():
        plural, singular = ENTITY_LABELS[folder]
        out.append({
            "name": folder, "label": plural, "label_singular": singular,
            "folder": f"content/{folder}", "extension": "yml", "format": "yml",
            "create": True, "delete": False, "identifier_field": "id", "slug": "{{id}}", "summary": "{{id}}",
            "x_schema": schema, "fields": fields.for_schema(schema, ctx),
        })
    return out


def pages(ctx: fields.Context) -> list[dict]:
    out = []
    source = ctx.languages[0][0]
    for folder, schema in PAGE_FOLDERS.items():
        plural, singular = PAGE_LABELS[folder]
        for code, language in ctx.languages:
            skip = {"traduce", "revision_nativa"} if code == source else set(SHARED_PAGE_FIELDS)
            out.append({
                "name": f"{folder}_{code}", "label": f"{plural} · {language}", "label_singular": singular,
                "folder": f"content/{code}/{folder}", "extension": "md", "format": "frontmatter",
                # a translation must have the Spanish file's name, which Decap would make from the
                # translated title: translations are edited here, started as files (GUIA-EDITORES.md)
                "create": code == source, "delete": False, "identifier_field": "titulo", "slug": "{{slug}}",
                "summary": "{{titulo}}", "x_schema": schema, "x_language": code,
                "fields": fields.for_schema(schema, ctx, skip) + [dict(BODY)],
            })
    return out


def interface(content_dir: Path, ctx: fields.Context) -> dict:
    """Interface strings: the keys of the Spanish file, the source of every language's keys."""
    source = ctx.languages[0][0]
    keys = list(_yaml(content_dir / source / "interfaz.yml"))
    files = []
    for code, language in ctx.languages:
        files.append({"name": code, "label": language, "file": f"content/{code}/interfaz.yml",
                      "fields": [{"name": k, "label": k, "widget": "string", "required": code == source}
                                 for k in keys]})
    return {"name": "interfaz", "label": "Textos de la interfaz", "format": "yml", "editor": {"preview": False},
            "x_schema": "interfaz", "files": files}


def synonyms(ctx: fields.Context) -> dict:
    hidden = {"widget": "hidden", "required": False}
    entry = [
        {"name": "antes", "label": "Comentario antes", **hidden},
        {"name": "palabra", "label": "Lo que escribe la gente", "widget": "string",
         "pattern": [".{2,}", "Escribe al menos 2 letras."]},
        {"name": "equivalentes", "label": "Palabras que usa el portal", "widget": "list", "min": 1,
         "field": {"name": "palabra", "label": "Palabra", "widget": "string",
                   "pattern": [".{2,}", "Escribe al menos 2 letras."]}},
        {"name": "nota", "label": "Comentario", **hidden},
    ]
    files = [{"name": code, "label": language, "file": f"content/{code}/sinonimos.yml",
              "fields": [{"name": "cabecera", "label": "Cabecera", **hidden},
                         {"name": "sinonimos", "label": "Sinónimos", "widget": "list", "collapsed": True,
                          "summary": "{{fields.palabra}}", "fields": entry},
                         {"name": "final", "label": "Final", **hidden}]}
             for code, language in ctx.languages]
    return {"name": "sinonimos", "label": "Sinónimos de la búsqueda", "format": "sinonimos",
            "extension": "yml", "editor": {"preview": False}, "x_schema": "sinonimos", "files": files}


def topic_options(content_dir: Path, source: str) -> list[tuple[str, str]]:
    """Ids of the risk and community topics (an activity's `tema`), from the Spanish files."""
    out = []
    for folder in ("riesgos", "comunidad"):
        for path in sorted((content_dir / source / folder).glob("*.md")):
            out.append((path.stem, f"{path.stem} ({folder})"))
    return out

