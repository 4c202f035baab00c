"""Open data downloads (ventanilla/opendata/): the directory validates against the
official Open Referral HSDS 3 schemas, the desks are valid GeoJSON, and the monitoring
CSVs carry HXL hashtags and exactly the figures of the page (same hidden cells)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from test_monitoring import page_tables

# service.json and the schemas it references, vendored with their licence (README.md there)
HSDS = Path(__file__).with_name("hsds-3")


@pytest.fixture(scope="module")
def hsds_service_validator():
    resources = [(path.name, DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8"))))
                 for path in sorted(HSDS.glob("*.json"))]
    registry = Registry().with_resources(resources)
    schema = json.loads((HSDS / "service.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def downloads(bundled_build, lang=""):
    return bundled_build[0] / "site" / lang / "datos"


def test_the_directory_is_valid_hsds_3(bundled_build, hsds_service_validator):
    _, result = bundled_build
    services = json.loads((downloads(bundled_build) / "directorio.hsds.json").read_text(encoding="utf-8"))
    assert len(services) == len(result.content.services())
    problems = [f'{s["name"]}: {e.json_path}: {e.message}' for s in services
                for e in hsds_service_validator.iter_errors(s)]
    assert problems == []
    assert len({s["id"] for s in services}) == len(services)
    assert any(s.get("service_at_locations") for s in services) and any(s.get("phones") for s in services)


def test_the_validator_does_check_the_referenced_schemas(hsds_service_validator):
    bad = {"id": "x", "name": "n", "status": "abierto", "phones": [{"id": "not-a-uuid"}]}
    messages = " ".join(e.message for e in hsds_service_validator.iter_errors(bad))
    assert "'number' is a required property" in messages and "abierto" in messages


def test_the_directory_csv_has_every_service(bundled_build):
    _, result = bundled_build
    rows = list(csv.DictReader(io.StringIO((downloads(bundled_build) / "directorio.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(result.content.services())


def test_the_desks_are_geojson_points_in_mexico(bundled_build):
    _, result = bundled_build
    data = json.loads((downloads(bundled_build) / "ventanillas.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    with_point = {i for i, d in result.content.desks().items() if d.data.get("coordenadas")}
    assert {f["id"] for f in data["features"]} == with_point
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -118.5 < lon < -86.5 and 14.3 < lat < 32.8


def test_monitoring_csvs_have_hxl_and_the_page_figures(bundled_build):
    site = bundled_build[0] / "site"
    page = page_tables(site)
    for (_caption, body), name in zip(page, ("mes", "ventanilla", "nacionalidad", "necesidad")):
        rows = list(csv.reader(io.StringIO((site / "datos" / f"monitoreo-{name}.csv").read_text(encoding="utf-8"))))
        assert all(tag.startswith("#") for tag in rows[1]), rows[1]
        figures = [r[-2] for r in rows[2:]]
        shown = [v if v.isdigit() else "" for _, v in body]
        assert figures == shown, (name, figures, shown)
        assert all("sintético" in r[-1] for r in rows[2:])  # synthetic figures say so on every line
        hidden = [r for r in rows[2:] if not r[-2]]
        assert all(r[-1].startswith(("menos de", "oculto")) for r in hidden)


def test_downloads_are_linked_from_the_monitoring_page_in_every_language(bundled_build):
    site = bundled_build[0] / "site"
    for lang in ("", "en", "fr"):
        html = (site / lang / "monitoreo" / "index.html").read_text(encoding="utf-8")
        for name in ("directorio.hsds.json", "directorio.csv", "ventanillas.geojson", "monitoreo-mes.csv"):
            assert f'href="../datos/{name}"' in html
            assert (site / lang / "datos" / name).is_file()


def _jsonld(page: Path) -> dict:
    import re

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, page
    return json.loads(blocks[0])


def test_desk_and_service_pages_carry_schema_org_json_ld(bundled_build):
    root, result = bundled_build
    site, c = root / "site", result.content
    for desk_id, desk in c.desks().items():
        for lang in ("", "en"):
            item = _jsonld(site / lang / "ventanillas" / desk_id / "index.html")
            d = desk.data
            assert item["@context"] == "https://schema.org" and "Organization" in item["@type"]
            assert item["url"].endswith(f"ventanillas/{desk_id}/") and item["address"]["addressCountry"] == "MX"
            if d.get("coordenadas"):
                assert item["geo"]["latitude"] == d["coordenadas"]["lat"]
            if d.get("telefonos"):
                assert item["telephone"] == d["telefonos"][0]["numero"]
            assert len(item.get("openingHoursSpecification", [])) == len(d.get("horario") or [])
    with_hours = [s for s in c.services().values() if s.data.get("horario")]
    for service in list(c.services().values())[:10] + with_hours[:3]:
        item = _jsonld(site / "directorio" / service.id / "index.html")
        assert item["@type"] == "Service" and item["provider"]["@type"] == "Organization"
        if service.data.get("horario"):
            spec = item["hoursAvailable"][0]
            assert spec["opens"] == service.data["horario"][0]["abre"] and spec["dayOfWeek"]
        if service.data.get("telefonos"):
            assert item["availableChannel"]["servicePhone"]["telephone"] == service.data["telefonos"][0]["numero"]
