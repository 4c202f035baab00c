"""Build every download (bytes) from the content model, and write them under docs/."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

from babel.numbers import format_decimal

from ..monitoring import tables as monitoring_tables

FOLDER = "datos"
NAMESPACE = uuid.UUID("6f1d3a52-3c0e-4a8e-9a57-5b7c1f0e2d41")  # stable ids across builds
HXL = {  # column -> HXL hashtag
    "mes": "#date+month", "entidad": "#adm1+code", "ventanilla": "#loc+id",
    "nacionalidad": "#population+nationality+code", "necesidad": "#sector+code",
    "personas": "#affected+num", "atenciones": "#reached+num", "nota": "#meta+status",
}


def uid(kind: str, item_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{item_id}"))


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# -- monitoring ----------------------------------------------------------------------------

def monitoring_csv(table: monitoring_tables.Published, data) -> bytes:
    """One published table: the same figures, marks and totals as the page."""
    unit = "atenciones" if table.name == "necesidad" else "personas"
    columns = ["entidad", "ventanilla"] if table.name == "ventanilla" else [table.name]
    header = columns + [unit, "nota"]
    rows = [header, [HXL[c] for c in header]]
    for row in table.rows:
        labels = [row.values.get(c, "total" if row.level == 2 else "") for c in columns]
        if table.name == "ventanilla" and row.level == 1:
            labels = [row.values["entidad"], "total"]
        note = ("sintético" if data.is_synthetic else "") if row.count is not None else (
            f"menos de {data.threshold}" if row.mark.startswith("<") else "oculto para proteger otra cifra")
        if data.is_synthetic and row.count is None:
            note += "; sintético"
        rows.append(labels + ["" if row.count is None else row.count, note])
    return _csv(rows)


# -- directory -----------------------------------------------------------------------------

STATUS = {"verificado": "active", "sin_verificar": "active", "cerrado": "defunct"}


def hsds_services(content) -> list[dict]:
    """The directory as HSDS 3 service objects (Spanish texts; ids are UUIDv5 of our ids)."""
    lang = content.source_lang
    out = []
    orgs = content.organizations()
    for service_id, entity in sorted(content.services().items()):
        s = entity.data
        item = {"id": uid("servicio", service_id), "name": _text(s.get("nombre"), lang),
                "status": STATUS.get(s.get("estatus"), "active")}
        if s.get("descripcion"):
            item["description"] = _text(s["descripcion"], lang)
        if s.get("sitio_web"):
            item["url"] = s["sitio_web"]
        if s.get("correo"):
            item["email"] = s["correo"]
        if s.get("verificado_el"):
            item["assured_date"] = s["verificado_el"]
        cost = s.get("costo") or {}
        if cost.get("gratuito") is True:
            item["fees_description"] = "Gratuito"
        org = orgs.get(s.get("organizacion"))
        if org:
            item["organization_id"] = uid("organizacion", org.id)
            item["organization"] = {"id": item["organization_id"], "name": _text(org.data.get("nombre"), lang),
                                    "description": _text(org.data.get("descripcion"), lang) or _text(org.data.get("nombre"), lang)}
            if org.data.get("sitio_web"):
                item["organization"]["website"] = org.data["sitio_web"]
        phones = [{"id": uid("telefono", f"{service_id}:{i}"), "service_id": item["id"], "number": p["numero"],
                   **({"type": p["tipo"]} if p.get("tipo") else {})}
                  for i, p in enumerate(s.get("telefonos") or []) if p.get("numero")]
        if phones:
            item["phones"] = phones
        at = []
        for i, place in enumerate(s.get("ubicaciones") or []):
            location = {"id": uid("ubicacion", f"{service_id}:{i}"), "location_type": "physical",
                        "name": _text(place.get("nombre"), lang) or item["name"]}
            where = ", ".join(_text(x, lang) for x in (place.get("direccion"), place.get("municipio"),
                                                         content.catalogs.get("entidades", {}).get(place.get("entidad"))) if x)
            if where:
                location["description"] = where + ", México"
            point = place.get("coordenadas") or {}
            if "lat" in point and "lon" in point:
                location["latitude"], location["longitude"] = point["lat"], point["lon"]
            at.append({"id": uid("servicio-ubicacion", f"{service_id}:{i}"), "service_id": item["id"],
                       "location_id": location["id"], "location": location})
        if at:
            item["service_at_locations"] = at
        coverage = s.get("cobertura") or {}
        areas = ["México"] if coverage.get("nacional") else [
            _text(content.catalogs.get("entidades", {}).get(e, e), lang) for e in coverage.get("entidades") or []]
        if areas:
            item["service_areas"] = [{"id": uid("area", f"{service_id}:{a}"), "service_id": item["id"], "name": a}
                                     for a in areas]
        if s.get("categorias"):
            item["attributes"] = [{"id": uid("atributo", f"{service_id}:{c}"), "link_id": item["id"],
                                   "link_type": "service", "value": c,
                                   "taxonomy_term_id": uid("categoria", c)} for c in s["categorias"]]
        out.append(item)
    return out


def directory_csv(content) -> bytes:
    lang = content.source_lang
    rows = [["id", "nombre", "organizacion", "categorias", "poblaciones", "cobertura", "telefonos", "sitio_web",
             "municipios", "estatus", "verificado_el"]]
    for service_id, entity in sorted(content.services().items()):
        s = entity.data
        coverage = s.get("cobertura") or {}
        rows.append([service_id, _text(s.get("nombre"), lang), s.get("organizacion", ""),
                     ";".join(s.get("categorias") or []), ";".join(s.get("poblaciones") or []),
                     "nacional" if coverage.get("nacional") else ";".join(coverage.get("entidades") or []),
                     ";".join(p.get("numero", "") for p in s.get("telefonos") or []), s.get("sitio_web", ""),
                     ";".join(p.get("municipio", "") for p in s.get("ubicaciones") or []),
                     s.get("estatus", ""), s.get("verificado_el", "")])
    return _csv(rows)


def desks_geojson(content) -> bytes:
    features = []
    for desk_id, entity in sorted(content.desks().items()):
        d = entity.data
        point = d.get("coordenadas") or {}
        if "lat" not in point or "lon" not in point:
            continue
        features.append({"type": "Feature", "id": desk_id,
                         "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]},
                         "properties": {"id": desk_id, "nombre": _text(d.get("nombre"), content.source_lang),
                                        "entidad": d.get("entidad"), "municipio": d.get("municipio"),
                                        "ubicacion_aproximada": bool(point.get("aproximadas")),
                                        "estatus": d.get("estatus"), "verificado_el": d.get("verificado_el")}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      indent=1, sort_keys=True).encode("utf-8")


def files(content) -> dict[str, bytes]:
    """{file name: bytes} of every download; made once per loaded content (the pages of
    every language list their sizes, and the build then writes them)."""
    made = content.__dict__.get("_opendata_files")
    if made is None:
        made = content.__dict__["_opendata_files"] = _files(content)
    return made


def _files(content) -> dict[str, bytes]:
    out = {
        "directorio.hsds.json": json.dumps(hsds_services(content), ensure_ascii=False, indent=1,
                                           sort_keys=True).encode("utf-8"),
        "directorio.csv": directory_csv(content),
        "ventanillas.geojson": desks_geojson(content),
    }
    data = getattr(content, "monitoring", None)
    if data is not None:
        desk_states = {i: e.data["entidad"] for i, e in content.desks().items()}
        for table in monitoring_tables.published(data, desk_states):
            out[f"monitoreo-{table.name}.csv"] = monitoring_csv(table, data)
    return out


def publish(content, docs: Path) -> int:
    """Write the downloads into docs/<lang>/datos/ for every language (MkDocs copies them)."""
    made = files(content)
    for lang in content.codes:
        folder = Path(docs) / lang / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in made.items():
            (folder / name).write_bytes(data)
    return len(made)


DOWNLOADS = [  # (file in datos/, interface string)
    ("monitoreo-mes.csv", "monitoreo_por_mes"), ("monitoreo-ventanilla.csv", "monitoreo_por_ventanilla"),
    ("monitoreo-nacionalidad.csv", "monitoreo_por_nacionalidad"), ("monitoreo-necesidad.csv", "monitoreo_por_necesidad"),
    ("directorio.hsds.json", "datos_directorio_hsds"), ("directorio.csv", "datos_directorio_csv"),
    ("ventanillas.geojson", "datos_ventanillas_geojson"),
]


def downloads(content, lang: str) -> list[tuple[str, str, str]]:
    """(file, interface string, size) of every open-data download, for the pages that list them."""
    made = files(content)
    kinds = {".csv": "CSV", ".json": "JSON", ".geojson": "GeoJSON"}
    return [(name, key, kinds[Path(name).suffix] + ", " + format_decimal(round(len(made[name]) / 1024, 1), locale=lang) + " KB")
            for name, key in DOWNLOADS if name in made]
