"""`ventanilla new desk|service|procedure|risk <id>`: the files of a new entry, ready to fill in.

Every field of the JSON Schema is there with a short Spanish comment. Values nobody
has sourced yet are markers (placeholders.py): `POR COMPLETAR` / `POR TRADUCIR` in
texts, `por-completar` where an id is expected. They satisfy the schema, so the new
entry passes `ventanilla check` with one warning per marker line, and the publishing
gate refuses them. Optional fields whose value cannot be a marker (an e-mail, map
coordinates) are written commented out, with an example. Nothing is invented:
lists start empty, `estatus` is `sin_verificar`, dates are today's.

Desks and services are one YAML file with the texts of every configured language side
by side; procedures and risk topics are one Markdown file per language, the facts
shared by all languages only in the Spanish one, and each translation starts with
the `traduce` record of the Spanish text it was made from (drift.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import content as content_model
from ..checks import drift
from ..checks.crosscheck import language_name
from ..content.placeholders import ID, TEXT, TRANSLATE
from ..content.sources import read_markdown, read_yaml
from ..findings import Findings
from .translated import PAGE_COMMENT, set_entity_records

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TODAY = "@HOY@"


@dataclass(frozen=True)
class Kind:
    name: str  # Spanish, for messages: "ventanilla"
    schema: str
    folder: str
    page: bool  # one Markdown file per language


KINDS = {
    "desk": Kind("ventanilla", "ventanilla", "ventanillas", False),
    "service": Kind("servicio", "servicio", "servicios", False),
    "procedure": Kind("trámite", "tramite", "tramites", True),
    "risk": Kind("tema de riesgo", "riesgo", "riesgos", True),
}
ALIASES = {"ventanilla": "desk", "servicio": "service", "tramite": "procedure", "trámite": "procedure",
           "riesgo": "risk"}

HEADER = ("# {what}. Archivo creado con `ventanilla new`: cambia cada dato marcado «por completar»\n"
          "# por lo que dicen tus fuentes; si un dato opcional no tiene fuente, borra su línea.\n"
          "# Cuando alguien confirme los datos: estatus: verificado y la fecha de ese día.\n")
SOURCES = (f"fuentes:  # de dónde sale cada dato: documento, página web o llamada\n"
           f"  - titulo: {TEXT}  # p. ej. «Llamada a la ventanilla» o el título de la página\n"
           f"    # url: https://ejemplo.org/pagina  # opcional: dirección de la fuente; quita el # para usarla\n"
           f"    consultado: {TODAY}  # fecha en que consultaste la fuente (AAAA-MM-DD)\n")
OPTIONAL_CONTACT = (
    '# correo: contacto@ejemplo.org  # opcional: correo de contacto; quita el # para usarlo\n'
    '# whatsapp: "+52 962 123 4567"  # opcional: WhatsApp con lada; quita el # para usarlo\n')


def _texts(key: str, comment: str, langs: list[str], indent: str = "", as_list: bool = False) -> str:
    """A text in every language: Spanish to complete, the others to translate."""
    out = f"{indent}{key}:  # {comment}\n"
    for i, lang in enumerate(langs):
        value = TEXT if i == 0 else TRANSLATE
        value = f"[{value}]" if as_list else value
        note = (f"  # {language_name(lang)}: sin traducción, borra la línea (se mostrará en español con un aviso)"
                if i == 1 else "")
        out += f"{indent}  {lang}: {value}{note}\n"
    return out


def _entity_head(what: str, entry_id: str) -> str:
    """The first lines of a new desk or service: what to do, its id, its status."""
    return (HEADER.format(what=what)
            + f"id: {entry_id}  # identificador, igual al nombre del archivo: no lo cambies\n"
            "estatus: sin_verificar  # sin_verificar hasta que alguien confirme los datos; luego verificado (o cerrado)\n")


def desk_yaml(entry_id: str, langs: list[str]) -> str:
    return (
        _entity_head("Ventanilla nueva", entry_id)
        + _texts("nombre", "nombre de la ventanilla en cada idioma", langs)
        + f"institucion: {TEXT}  # institución que aloja la ventanilla (nombre propio)\n"
        f"entidad: {ID}  # entidad federativa: un id de «entidades» en content/catalogos.yml, p. ej. chiapas\n"
        "# zona_horaria: America/Matamoros  # opcional: solo si no usa la hora de su entidad (pueblos de la frontera norte)\n"
        f"municipio: {TEXT}  # municipio o alcaldía\n"
        f"direccion: {TEXT}  # calle, número y colonia (opcional: bórrala si no tienes fuente)\n"
        "# coordenadas: {lat: 14.9056, lon: -92.2636, aproximadas: true}  # opcional: punto del mapa; quita el # para usarlo\n"
        'telefonos: []  # opcional, p. ej. [{numero: "+52 962 123 4567", tipo: fijo}]; tipos: fijo, celular, whatsapp, gratuito\n'
        + OPTIONAL_CONTACT
        + 'horario: []  # opcional, p. ej. [{dias: [lun, mar, mie, jue, vie], abre: "09:00", cierra: "17:00"}]\n'
        f"servicios: [{ID}]  # qué ofrece: ids de «servicios_ventanilla» en content/catalogos.yml\n"
        "idiomas: []  # idiomas en que atiende, p. ej. [es, en]\n"
        + _texts("accesibilidad", "opcional: acceso para personas con discapacidad (borra el bloque si no lo sabes)", langs)
        + _texts("descripcion", "opcional: qué es y qué hace la ventanilla, en pocas frases", langs)
        + SOURCES
        + f"verificado_el: {TODAY}  # fecha de la última revisión de los datos (AAAA-MM-DD)\n"
    )


def service_yaml(entry_id: str, langs: list[str]) -> str:
    return (
        _entity_head("Servicio nuevo del directorio", entry_id)
        + _texts("nombre", 'nombre del servicio en cada idioma (un nombre propio puede ir solo: nombre: "911")', langs)
        + f"organizacion: {ID}  # id de la organización que lo presta (archivo en content/organizaciones/)\n"
        + _texts("descripcion", "qué ofrece el servicio, en pocas frases", langs)
        + f"categorias: [{ID}]  # ids de «categorias» en content/catalogos.yml, p. ej. [asilo-refugio]\n"
        f"poblaciones: [{ID}]  # ids de «poblaciones» en content/catalogos.yml, p. ej. [todas]\n"
        "cobertura:  # dónde se presta: la lista de entidades, o nacional: true para todo el país\n"
        f"  entidades: [{ID}]  # ids de «entidades» en content/catalogos.yml, p. ej. [chiapas]\n"
        "costo:  # cuánto cuesta\n"
        f"  gratuito: false  # {TEXT}: true si es gratis, false si se cobra; borra este aviso al confirmarlo\n"
        + _texts("nota", "opcional: detalle del costo (borra el bloque si no hace falta)", langs, indent="  ")
        + 'telefonos: []  # opcional, p. ej. [{numero: "+52 55 1234 5678", tipo: fijo}]; 911 y otros cortos: tipo: emergencia\n'
        + OPTIONAL_CONTACT
        + "# sitio_web: https://ejemplo.org/  # opcional: página oficial (https://); quita el # para usarla\n"
        'horario: []  # opcional, p. ej. [{dias: [lun, mar, mie, jue, vie], abre: "09:00", cierra: "17:00"}]\n'
        "# abierto_24h: true  # opcional: si atiende las 24 horas todos los días; quita el # para usarlo\n"
        "idiomas: []  # idiomas en que atiende, p. ej. [es, en]\n"
        + _texts("que_llevar", "opcional: qué llevar, una lista por idioma (borra el bloque si no aplica)", langs, as_list=True)
        + "ubicaciones: []  # opcional: oficinas, p. ej. [{entidad: chiapas, municipio: Tapachula, direccion: Calle 1}]\n"
        + SOURCES
        + f"verificado_el: {TODAY}  # fecha de la última revisión de los datos (AAAA-MM-DD)\n"
    )


PROCEDURE_TEXTS = (  # (field, comment, form): form "t" text, "l" list of texts, "[]" empty list, "pasos"
    ("titulo", "nombre corto del trámite, p. ej. «Pedir asilo en México»", "t"),
    ("resumen", "una o dos frases: qué es y para qué sirve", "t"),
    ("para_quien", "quién puede hacerlo", "t"),
    ("donde", "dónde se hace: oficina, en línea…", "t"),
    ("costo", "cuánto cuesta, en palabras, p. ej. «Gratuito.»", "t"),
    ("documentos", "qué llevar, p. ej. [Pasaporte, Comprobante de domicilio]", "[]"),
    ("pasos", "los pasos en orden, cada uno con titulo y texto", "pasos"),
    ("plazos", "cuánto tarda cada etapa, p. ej. [45 días hábiles para la respuesta]", "[]"),
    ("despues", "qué pasa después (opcional: bórralo si no aplica)", "t"),
    ("errores_comunes", "creencias falsas frecuentes, p. ej. [{mito: Hay que pagar la cita, realidad: Es gratis}]", "[]"),
)
PROCEDURE_SHARED = (
    "# gratuito: true  # opcional: true si el trámite es gratis, false si se paga; quita el # para usarlo\n"
    "servicios: []  # ids de servicios del directorio que ayudan (content/servicios/), p. ej. [comar-tapachula]\n"
    "etapas: []  # para quién es, según su momento: pensar-migrar, en-transito, vivir-en-mexico, retorno (content/catalogos.yml)\n")
RISK_TEXTS = (
    ("titulo", "nombre corto del tema, p. ej. «Fraude en trámites»", "t"),
    ("resumen", "una o dos frases: qué es y qué hacer", "t"),
    ("que_es", "explicación en palabras sencillas", "t"),
    ("senales", "señales de alerta, una por línea", "l"),
    ("como_protegerte", "qué hacer para protegerte, una acción por línea", "l"),
)
RISK_SHARED = ("ayuda: []  # ids de servicios que ayudan (content/servicios/), p. ej. [linea-contra-trata, emergencias-911]\n"
               "etapas: []  # para quién es, según su momento: pensar-migrar, en-transito, vivir-en-mexico, retorno (content/catalogos.yml)\n")


def _kit(marker: str, source: bool) -> str:
    """The `taller` block of a risk topic: the activity kit (facilitator sheet and posters)."""
    minutes = "  # duracion_minutos: 45  # opcional: cuánto dura la actividad; quita el # para usarlo\n" if source else ""
    return (
        "taller:  # para dar una charla sobre el tema: ficha para quien facilita y carteles\n"
        f"  objetivo: {marker}  # qué se quiere lograr con la actividad\n"
        f"  publico: {marker}  # para quién es, p. ej. «Personas migrantes en albergues»\n"
        + minutes
        + f"  mensajes_clave:  # de 2 a 5 frases cortas\n    - {marker}\n    - {marker}\n"
        f"  preguntas:  # de 2 a 6 preguntas para abrir el diálogo\n    - {marker}\n    - {marker}\n"
        f"  pasos:  # cómo se hace, en pasos cortos\n    - {marker}\n"
        f"  materiales:  # qué se entrega, p. ej. «El cartel de este tema»\n    - {marker}\n"
        "  cartel:\n"
        f"    titular: {marker}  # la frase grande del cartel (90 letras como máximo)\n"
        f"    texto: {marker}  # una o dos frases bajo el titular (260 letras como máximo)\n")


def _page_fields(fields, marker: str) -> str:
    out = ""
    for key, comment, form in fields:
        if form == "t":
            out += f"{key}: {marker}  # {comment}\n"
        elif form == "l":
            out += f"{key}:  # {comment}\n  - {marker}\n"
        elif form == "[]":
            out += f"{key}: []  # {comment}\n"
        else:
            out += f"{key}:  # {comment}\n  - titulo: {marker}\n    texto: {marker}\n"
    return out


def page_markdown(kind: Kind, entry_id: str, lang: str, source: str, langs: list[str], version: str = "") -> str:
    fields, shared = (PROCEDURE_TEXTS, PROCEDURE_SHARED) if kind.schema == "tramite" else (RISK_TEXTS, RISK_SHARED)
    what = "Trámite nuevo" if kind.schema == "tramite" else "Tema de riesgo nuevo"
    if lang == source:
        others = ", ".join(f"content/{code}/{kind.folder}/{entry_id}.md" for code in langs[1:])
        return (
            "---\n" + HEADER.format(what=what)
            + (f"# Traducciones: {others}.\n" if others else "")
            + _page_fields(fields, TEXT)
            + (_kit(TEXT, True) if kind.schema == "riesgo" else "")
            + "# Solo en español: estos datos valen para todos los idiomas.\n"
            + shared + SOURCES
            + f"revisado_el: {TODAY}  # fecha de la última revisión (AAAA-MM-DD)\n"
            "estatus: sin_verificar  # sin_verificar hasta que alguien confirme la información; luego verificado\n"
            "---\n\n"
            f"{TEXT}: texto adicional en Markdown (opcional; borra este párrafo si no hace falta).\n"
        )
    own = f"content/{lang}/{kind.folder}/{entry_id}.md"
    return (
        f"---\n# Traducción al {language_name(lang)} de content/{source}/{kind.folder}/{entry_id}.md: "
        "traduce cada dato marcado «por traducir».\n"
        "# Los datos que valen para todos los idiomas (fuentes, fechas, estatus, servicios) van solo en español.\n"
        f"# Al terminar de traducir, ejecuta: ventanilla traducido {own}\n"
        f"{drift.FIELD}: {version}{PAGE_COMMENT}\n"
        + _page_fields(fields, TRANSLATE)
        + (_kit(TRANSLATE, False) if kind.schema == "riesgo" else "")
        + "---\n\n"
        f"{TRANSLATE}: texto adicional (bórralo si el original en español no tiene).\n"
    )


class Refused(Exception):
    """The entry cannot be created; the message says why, in Spanish."""


def _existing(content, kind: Kind, entry_id: str, root: Path) -> Path | None:
    if kind.page:
        for lang in content.codes:
            path = root / lang / kind.folder / f"{entry_id}.md"
            if path.exists():
                return path
        return None
    for folder in content_model.ENTITY_FOLDERS:  # ids are unique across all entity files
        for suffix in (".yml", ".yaml"):
            if (root / folder / f"{entry_id}{suffix}").exists():
                return root / folder / f"{entry_id}{suffix}"
    for entities in content.entities.values():
        if entry_id in entities:
            return entities[entry_id].doc.path
    return None


def _id_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((i for i, line in enumerate(lines, 1) if line.startswith("id:")), 1)


def _schema_line(path: Path, project_root: Path, schema: str) -> str:
    target = os.path.relpath(project_root / "ventanilla" / "schemas" / f"{schema}.schema.json", path.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}\n"


def create(project_root: Path, content_root: Path, kind_name: str, entry_id: str, today: str) -> list[Path]:
    """Write the files of a new entry; raise Refused with a Spanish message."""
    kind = KINDS[ALIASES.get(kind_name, kind_name)]
    if not ID_PATTERN.match(entry_id) or entry_id == ID:
        raise Refused(f'error [id-invalido] el id "{entry_id}" no es válido: usa minúsculas sin acentos, '
                      "números y guiones, p. ej. ventanilla-tapachula")
    findings = Findings(project_root)
    content = content_model.load(content_root, findings)
    if content is None:
        raise Refused("no se pudo leer content/sitio.yml: corrige primero sus errores (`ventanilla check`)")
    existing = _existing(content, kind, entry_id, content_root)
    if existing is not None:
        raise Refused(f"{findings.relative(existing)}:{_id_line(existing)}: error [id-existe] ya existe una ficha "
                      f'con el id "{entry_id}"; elige otro id o edita ese archivo')
    langs, source = content.codes, content.source_lang
    if not kind.page:
        path = content_root / kind.folder / f"{entry_id}.yml"
        text = (desk_yaml if kind.schema == "ventanilla" else service_yaml)(entry_id, langs)
        _write(path, _schema_line(path, project_root, kind.schema) + text, today)
        doc = read_yaml(path, Findings(project_root))  # the translations made from this Spanish text
        version = drift.entity_version(doc, source)
        _write(path, set_entity_records(path.read_text(encoding="utf-8"), {lang: version for lang in langs[1:]}), today)
        return [path]
    spanish = content_root / source / kind.folder / f"{entry_id}.md"
    _write(spanish, page_markdown(kind, entry_id, source, source, langs), today)
    doc = read_markdown(spanish, Findings(project_root))
    created = [spanish]
    for lang in langs[1:]:
        path = content_root / lang / kind.folder / f"{entry_id}.md"
        _write(path, page_markdown(kind, entry_id, lang, source, langs, drift.page_version(doc)), today)
        created.append(path)
    return created


def _write(path: Path, text: str, today: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(TODAY, today), encoding="utf-8")
