"""The form editor's configuration is generated from the schemas and content/catalogos.yml and
cannot drift from what `ventanilla check` accepts (issue 21, section 1)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
import yaml

from ventanilla.cms import config, schemas
from ventanilla.content import ENTITY_FOLDERS, PAGE_FOLDERS

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
WHOLE_MAPS = {"texto", "lista_de_textos", "nombre", "versiones", "revisiones_nativas"}  # one widget each


@pytest.fixture(scope="module")
def generated():
    return config.build(CONTENT, local=True)


def schema_paths(schema: str) -> dict[str, dict]:
    """{dotted path: resolved node} of every property of a schema, nested objects and list items included."""
    found = {}

    def walk(props: dict, prefix: str):
        for name, node in props.items():
            path = f"{prefix}.{name}" if prefix else name
            resolved = schemas.resolve(node, schema)
            found[path] = resolved
            if schemas.ref_name(node) in WHOLE_MAPS:
                continue
            if resolved.get("type") == "object" and "properties" in resolved:
                walk(resolved["properties"], path)
            items = schemas.resolve(resolved.get("items", {}), schema) if resolved.get("type") == "array" else {}
            if items.get("type") == "object" and "properties" in items:
                walk(items["properties"], path)

    walk(schemas.properties(schema), "")
    return found


def config_paths(field_list: list[dict], prefix: str = "") -> dict[str, dict]:
    found = {}
    for field in field_list:
        path = f"{prefix}.{field['name']}" if prefix else field["name"]
        found[path] = field
        if field.get("widget") in ("object", "list") and "fields" in field and not field.get("x_texts"):
            found.update(config_paths(field["fields"], path))
    return found


def collections_of(generated, schema: str) -> list[dict]:
    return [c for c in generated["collections"] if c.get("x_schema") == schema]


def all_fields(generated, schema: str) -> dict[str, dict]:
    found = {}
    for collection in collections_of(generated, schema):
        found.update(config_paths(collection["fields"]))
    return found


@pytest.mark.parametrize("schema", sorted(set(ENTITY_FOLDERS.values()) | set(PAGE_FOLDERS.values())))
def test_every_schema_field_is_in_the_form(generated, schema):
    in_form = all_fields(generated, schema)
    missing = sorted(set(schema_paths(schema)) - set(in_form))
    assert not missing, f"{schema}: campos del esquema que el formulario no tiene: {missing}"
    extra = sorted(p for p in set(in_form) - set(schema_paths(schema)) if p != "body")
    assert not extra, f"{schema}: campos del formulario que el esquema no acepta: {extra}"


@pytest.mark.parametrize("schema", sorted(set(ENTITY_FOLDERS.values()) | set(PAGE_FOLDERS.values())))
def test_required_fields_patterns_and_choices_follow_the_schema(generated, schema):
    top_required = set(schemas.required(schema))
    nodes = schema_paths(schema)
    for collection in collections_of(generated, schema):
        for path, field in config_paths(collection["fields"]).items():
            if path == "body":  # a page's Markdown text, after the front matter
                assert field["widget"] == "markdown"
                continue
            node = nodes[path]
            if field["widget"] == "hidden":  # kept as the file has it, written by `ventanilla traducido`
                assert path in ("traduce", "revision_nativa") or field.get("x_uneditable"), (schema, path)
                continue
            if "." not in path and field.get("widget") != "hidden":
                assert field["required"] == (path in top_required), (collection["name"], path)
            if node.get("pattern") == DATE:
                assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD", (schema, path)
            elif node.get("type") == "string" and node.get("pattern") and field["widget"] == "string":
                assert field["pattern"][0] == node["pattern"], (schema, path)  # phones, e-mails, URLs, ids
            elif node.get("type") == "string" and node.get("pattern"):  # an id naming something else
                assert field["widget"] in ("select", "relation"), (schema, path)
            if "enum" in node and field["widget"] != "hidden":
                assert [o["value"] for o in field["options"]] == node["enum"], (schema, path)


def test_every_catalogue_value_is_a_choice_of_every_field_that_names_it(generated):
    """Every list of choices in catalogos.yml (a group its schema types as `catalogo`; the
    states' French forms, `entidades_en`, are not choices) is offered by some field."""
    schema = json.loads((REPO / "ventanilla" / "schemas" / "catalogos.schema.json").read_text(encoding="utf-8"))
    lists = {name for name, node in schema["properties"].items() if node.get("$ref") == "#/$defs/catalogo"}
    catalogues = {name: values for name, values in yaml.safe_load((CONTENT / "catalogos.yml").read_text(encoding="utf-8")).items()
                  if name in lists}
    assert {"entidades", "categorias", "poblaciones"} <= set(catalogues)
    used = set()
    for collection in generated["collections"]:
        for path, field in config_paths(collection.get("fields", [])).items():
            name = field.get("x_catalogue")
            if name:
                used.add(name)
                assert [o["value"] for o in field["options"]] == list(catalogues[name]), (collection["name"], path)
    assert used == set(catalogues), f"catálogos sin campo en el formulario: {set(catalogues) - used}"


def test_references_are_relations_to_collections_that_exist(generated):
    names = {c["name"] for c in generated["collections"]}
    relations = [f for c in generated["collections"] for f in config_paths(c.get("fields", [])).values()
                 if f.get("widget") == "relation"]
    assert {f["collection"] for f in relations} == {"organizaciones", "servicios", "ventanillas"}
    assert all(f["collection"] in names and f["value_field"] == "id" for f in relations)
    urgent = all_fields(generated, "urgencia")["servicios"]
    assert urgent["widget"] == "relation" and urgent["multiple"] is True


def test_texts_of_every_language_side_by_side_and_pages_per_language_folder(generated):
    site = yaml.safe_load((CONTENT / "sitio.yml").read_text(encoding="utf-8"))
    codes = [lang["codigo"] for lang in site["idiomas"]]
    desk = all_fields(generated, "ventanilla")
    assert [f["name"] for f in desk["descripcion"]["fields"]] == codes
    assert desk["nombre"]["widget"] == "nombre" and [lang["code"] for lang in desk["nombre"]["languages"]] == codes
    assert desk["horario"]["widget"] == "list" and [f["name"] for f in desk["horario"]["fields"]] == \
        ["dias", "abre", "cierra", "nota"]
    folders = {c["folder"] for c in generated["collections"] if "folder" in c}
    for kind in PAGE_FOLDERS:
        for code in codes:
            assert f"content/{code}/{kind}" in folders
    for name, file in (("interfaz", "interfaz.yml"), ("sinonimos", "sinonimos.yml")):
        collection = next(c for c in generated["collections"] if c["name"] == name)
        assert [f["file"] for f in collection["files"]] == [f"content/{code}/{file}" for code in codes]
    interface_keys = list(yaml.safe_load((CONTENT / "es" / "interfaz.yml").read_text(encoding="utf-8")))
    spanish = next(c for c in generated["collections"] if c["name"] == "interfaz")["files"][0]
    assert [f["name"] for f in spanish["fields"]] == interface_keys
    assert generated["locale"] == "es"


def test_only_the_documented_fields_are_kept_out_of_the_form(generated):
    # a map with free keys (state -> services) has no Decap widget: kept as it is, edited in YAML
    assert generated["x_uneditable"] == ["urgencia:por_entidad"]


def test_a_new_schema_field_or_catalogue_value_reaches_the_form_without_touching_it(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    catalogues = (content / "catalogos.yml").read_text(encoding="utf-8")
    (content / "catalogos.yml").write_text(catalogues.replace("  chiapas: Chiapas\n",
                                                              "  chiapas: Chiapas\n  nuevo-estado: Nuevo\n"),
                                           encoding="utf-8")
    original = schemas.load

    def with_new_field(name):
        data = copy.deepcopy(original(name))
        if name == "servicio":
            data["properties"]["horario_especial"] = {"type": "string", "pattern": "^[A-Z]+$"}
        return data

    monkeypatch.setattr(schemas, "load", with_new_field)
    generated = config.build(content, local=False) or config.build(content, local=True)
    service = all_fields(generated, "servicio")
    assert service["horario_especial"]["pattern"][0] == "^[A-Z]+$"
    assert "nuevo-estado" in [o["value"] for o in service["cobertura.entidades"]["options"]]


def test_the_configuration_decap_reads_has_none_of_our_keys(generated):
    text = config.text(generated)
    assert "x_" not in json.dumps(yaml.safe_load(text))
    assert text.startswith("# Generado por Ventanilla")


def test_backends(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    assert config.build(content, local=False) is None  # no `editor` block: /admin/ explains instead
    assert config.build(content, local=True)["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    site = (content / "sitio.yml").read_text(encoding="utf-8")
    (content / "sitio.yml").write_text(site + "editor:\n  servidor: gitlab\n  repositorio: oim/ventanilla\n"
                                              "  app_id: abc123\n", encoding="utf-8")
    gitlab = config.build(content, local=False)
    assert gitlab["backend"]["name"] == "gitlab" and gitlab["backend"]["auth_type"] == "pkce"
    assert gitlab["publish_mode"] == "editorial_workflow"  # each change a merge request
