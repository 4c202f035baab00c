"""`ventanilla monitoreo importar <export>`: the desks' form answers become monthly counts.

Reads an export of the attention form (formulario.yml) as KoboToolbox or ODK Central
write it: CSV separated by `;` or `,` (or tab), XLSX, or ODK Central's «Download» .zip as it
comes (its one CSV is read in memory; a zip with attachments or repeat tables is refused and
nothing in it is extracted); column names with or without
group prefixes (`persona/edad`, `persona-edad`); select_multiple answers as one column of
space-separated values or one 0/1 column per option (`atencion/necesidades/salud`). Server
metadata columns (`_uuid`, `KEY`, `SubmitterName`…) are skipped without being read, except
the submission id and the review state.

Nothing individual is ever kept: each accepted answer adds 1 to the counts of
content/monitoreo/atenciones.csv (month, desk, dimension, category); the submission id is
only kept as a salted, truncated SHA-256 in importados.txt, so that importing the same
export again changes nothing; importaciones.yml records the date (`ultima_importacion`),
the salt, per import how many answers and which months, and (`meses_sinteticos`) the months
of synthetic starter figures an import was merged into (--sobre-sinteticas), so that the
pages keep saying «synthetic» while any of them remains. Refusals name the file, the
row and the column, never the value (a value refused as personal data must not reach a
log either).

Refused (findings in Spanish, file and row):
- the whole file: `importar-archivo` (unreadable, empty, not UTF-8, not a table; a .zip with
  attachments, several tables or no CSV; an atenciones.csv that already fails its check),
  `importar-columna` (a column that is not in the form: it could hold personal data),
  `importar-sinteticos` (atenciones.csv still holds the synthetic starter figures);
- one row (the others are imported): `importar-dato-personal` (a value that looks like a
  phone or document number, an e-mail, a name or free text), `importar-valor` (a desk or
  choice that does not exist, a missing answer, no submission id), `importar-fecha`
  (a date that is not valid, in the future, or outside --desde/--hasta).
Row refusals print as, e.g. (at most 20 per code, then only the count in the summary):
    export.csv:14: error [importar-dato-personal] la columna «persona-nacionalidad» tiene un valor que …
    export.csv:9: error [importar-valor] falta la respuesta de «sexo»
    export.csv:11: error [importar-fecha] la fecha 2027-01-15 es futura
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import re
import secrets
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..findings import Findings
from . import data, form

RECORD = "importaciones.yml"
HASHES = "importados.txt"
HASH_CHARS = 20  # 80 bits of SHA-256: no collisions in millions of answers, and no raw id kept
SEPARATORS = "/-:."
ID_COLUMNS = ["meta/rootUuid", "meta-rootUuid", "meta/instanceID", "meta-instanceID", "instanceID", "KEY", "_uuid"]
STATUS_COLUMNS = {"_validation_status": {"validation_status_not_approved"}, "ReviewState": {"rejected"}}
META = set(ID_COLUMNS) | set(STATUS_COLUMNS) | {
    # KoboToolbox
    "_id", "_submission_time", "_notes", "_status", "_submitted_by", "__version__", "_version_", "_tags", "_index",
    "_xform_id_string", "_attachments", "_media_all_received", "_total_media", "_media_count", "_geolocation",
    "formhub/uuid", "meta/deprecatedID", "meta/instanceName", "_parent_index", "_parent_table_name",
    # ODK Central
    "SubmissionDate", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
    "DeviceID", "Edits", "FormVersion", "meta-deprecatedID", "meta-instanceName", "meta-audit",
}
REQUIRED = ("fecha", "ventanilla", "nacionalidad", "sexo", "edad")
DIMENSION_OF = {"nacionalidad": "nacionalidad", "sexo": "sexo", "edad": "edad", "situacion": "situacion",
                "idiomas": "idioma", "necesidades": "necesidad", "canalizada": "canalizada",
                "canalizaciones": "canalizacion"}
TRUE, FALSE = {"1", "1.0", "true", "True", "TRUE", "yes"}, {"0", "0.0", "", "false", "False", "FALSE", "no"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?$")
_SERIAL = re.compile(r"^[1-9]\d{4}(\.\d+)?$")
_PHONE = re.compile(r"\d[\d\s\-().]{5,}\d")
SHOWN_PER_CODE = 20


class Refused(Exception):
    """The whole file is refused (its finding is already in the Findings)."""


@dataclass
class Outcome:
    read: int = 0
    imported: int = 0
    already: int = 0
    rejected_on_server: int = 0
    refused: Counter = field(default_factory=Counter)  # code -> rows
    months: set = field(default_factory=set)
    desks: set = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)  # (month, desk, dimension, category) -> people
    written: bool = False


# -- reading the export -------------------------------------------------------------------

def read_rows(path: Path, findings: Findings, skip: set[int] | None = None):
    """(header, iterator of (row number, values)) of a CSV, XLSX or ODK Central .zip export.
    Columns whose index is in `skip` (filled in by the caller once it has read the header) may be left empty."""
    path = Path(path)
    if not path.exists():
        findings.error(path, None, "importar-archivo", "no existe el archivo")
        raise Refused from None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, findings, skip if skip is not None else set())
    raw = path.read_bytes()
    if raw[:2] == b"PK":  # a zip: ODK Central's «Descargar» (the CSV inside), or an XLSX with another name
        raw = _csv_in_zip(path, findings)
        if raw is None:
            return _read_xlsx(path, findings, skip if skip is not None else set())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        findings.error(path, None, "importar-archivo",
                       "el archivo no está en UTF-8: descárgalo otra vez del servidor como CSV o XLSX")
        raise Refused from None
    return _read_csv(path, text, findings)


ZIP_LIMIT = 1 << 30  # a CSV of more than 1 GB inside a zip is not an export of this form


def _csv_in_zip(path: Path, findings: Findings) -> bytes | None:
    """The main CSV of ODK Central's export .zip, read in memory (nothing is extracted to disk);
    None when the zip is an XLSX. Refused: attachments (photos, audio… the form has none, so
    they belong to another form), several tables (repeat groups: questions not in the form),
    no CSV, a broken zip."""
    try:
        with zipfile.ZipFile(path) as book:
            names = [i for i in book.infolist() if not i.is_dir()]
            if any(i.filename == "xl/workbook.xml" for i in names):
                return None
            tables = [i for i in names if i.filename.lower().endswith(".csv") and "/" not in i.filename]
            others = [i for i in names if i not in tables]
            if others:
                findings.error(path, None, "importar-archivo",
                               f"el .zip trae {len(others)} archivo{'s' if len(others) != 1 else ''} adjunto"
                               f"{'s' if len(others) != 1 else ''} (fotos, audios u otros): el formulario de atención no "
                               "tiene adjuntos, así que no se leyó nada ni se extrajo nada. En ODK Central descarga "
                               "las respuestas sin archivos adjuntos («Descargar» → CSV), o importa solo el .csv")
                raise Refused from None
            if not tables:
                findings.error(path, None, "importar-archivo",
                               "el .zip no trae ningún .csv: descárgalo otra vez de ODK Central («Descargar» → CSV)")
                raise Refused from None
            if len(tables) > 1:
                findings.error(path, None, "importar-archivo",
                               f"el .zip trae {len(tables)} tablas ({', '.join(i.filename for i in tables[:4])}): "
                               "las de grupos que se repiten son preguntas que no están en el formulario de atención; "
                               "no se importó nada")
                raise Refused from None
            if tables[0].file_size > ZIP_LIMIT:
                findings.error(path, None, "importar-archivo",
                               f"el .csv dentro del .zip ocupa más de {ZIP_LIMIT >> 30} GB: no es una exportación de este formulario")
                raise Refused from None
            return book.read(tables[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, RuntimeError):
        findings.error(path, None, "importar-archivo",
                       "el .zip está roto o cifrado: descárgalo otra vez de ODK Central («Descargar» → CSV)")
        raise Refused from None


def _read_csv(path: Path, text: str, findings: Findings):
    first = text.split("\n", 1)[0]
    if not first.strip():
        findings.error(path, 1, "importar-archivo", "el archivo está vacío: no tiene encabezados ni respuestas")
        raise Refused from None
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        findings.error(path, 1, "importar-archivo", f"el archivo no es un CSV que se pueda leer ({exc})")
        raise Refused from None

    def rows():
        number = 1
        try:
            for row in reader:
                number = reader.line_num
                yield number, row
        except csv.Error:
            findings.error(path, number + 1, "importar-archivo",
                           "el CSV está roto desde esta fila (comillas sin cerrar): descárgalo otra vez")
            raise Refused from None

    return header, rows()


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_CELL = re.compile(r'<c r="([A-Z]+)\d*"([^>]*)>(?:<is><t[^>]*>|<v>)?([^<]*)')


def _row_with_lxml(inner: str, strings: list[str]) -> dict[int, str]:
    from lxml import etree

    row = etree.fromstring(f'<row xmlns="{_NS[1:-1]}">{inner}</row>')
    values = {}
    for position, c in enumerate(row.iterchildren(f"{_NS}c")):
        kind, ref = c.get("t"), c.get("r")
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(f"{_NS}t"))
        else:
            v = c.find(f"{_NS}v")
            text = v.text if v is not None and v.text is not None else ""
            if kind == "s" and text:
                text = strings[int(text)]
            elif kind in (None, "n") and text.endswith(".0"):
                text = text[:-2]
        values[_column_index(ref) if ref else position] = text.strip()
    return values


def _column_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if ch.isalpha():
            n = n * 26 + (ord(ch.upper()) - 64)
        else:
            break
    return n - 1


def _read_xlsx(path: Path, findings: Findings, skip: set[int]):
    """The first sheet of an .xlsx, streamed with lxml (openpyxl takes a minute for 100,000 rows)."""
    from lxml import etree

    try:
        book = zipfile.ZipFile(path)
        workbook = etree.fromstring(book.read("xl/workbook.xml"))
        rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        first = workbook.find(f"{_NS}sheets/{_NS}sheet")
        target = next(r.get("Target") for r in rels if r.get("Id") == first.get(_REL))
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        strings = []
        if "xl/sharedStrings.xml" in book.namelist():
            for si in etree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_NS}si"):
                strings.append("".join(t.text or "" for t in si.iter(f"{_NS}t")))
        sheet = book.open(target)
    except Exception:  # zipfile.BadZipFile, KeyError, XMLSyntaxError, StopIteration…: a broken file
        findings.error(path, None, "importar-archivo", "no se pudo abrir como XLSX: descárgalo otra vez del servidor")
        raise Refused from None

    def parse():
        """Rows by regular expressions over the XML text (lxml per cell is 5 times slower);
        a row whose cells the expression does not all match is parsed with lxml."""
        text = io.TextIOWrapper(sheet, encoding="utf-8")
        buffer, number, columns = "", 0, {}
        try:
            while True:
                block = text.read(1 << 22)
                buffer += block
                cut = buffer.rfind("</row>") + 6 if block else len(buffer)
                if cut < 6 and block:
                    continue
                chunk, buffer = buffer[:cut], buffer[cut:]
                for attrs, inner in _ROW.findall(chunk):
                    found = _ROW_NUMBER.search(attrs)
                    number = int(found.group(1)) if found else number + 1
                    if not inner:
                        continue
                    cells = _CELL.findall(inner)
                    if len(cells) != inner.count("<c ") + inner.count("<c>"):
                        yield number, _row_with_lxml(inner, strings)
                        continue
                    values = {}
                    for ref, attrs, value in cells:
                        index = columns.get(ref)
                        if index is None:
                            index = columns[ref] = _column_index(ref)
                        if index in skip:
                            continue
                        if 't="s"' in attrs:
                            value = strings[int(value)] if value else ""
                        if value:
                            if "&" in value:
                                value = html.unescape(value)
                            elif value.endswith(".0") and "t=" not in attrs:
                                value = value[:-2]
                            values[index] = value.strip()
                    yield number, values
                if not block:
                    break
        except (UnicodeDecodeError, IndexError, ValueError, zipfile.BadZipFile):
            findings.error(path, number + 1, "importar-archivo", "el XLSX está roto desde esta fila: descárgalo otra vez")
            raise Refused from None

    rows = parse()
    try:
        _, first_row = next(rows)
    except StopIteration:
        findings.error(path, 1, "importar-archivo", "la hoja está vacía: no tiene encabezados ni respuestas")
        raise Refused from None
    width = max(first_row) + 1 if first_row else 0
    header = [first_row.get(i, "") for i in range(width)]
    while header and not header[-1]:
        header.pop()
    width = len(header)

    def body():
        for number, values in rows:
            if any(values.values()):
                yield number, [values.get(i, "") for i in range(width)]
        book.close()

    return header, body()


# -- the columns ----------------------------------------------------------------------------

def column_map(fields: dict, lists: dict[str, set[str]]) -> dict[str, tuple]:
    """Every accepted column name -> ("field", name) | ("option", name, option) | ("meta", role)."""
    accepted: dict[str, tuple] = {}
    for name, (kind, _, group) in fields.items():
        names = {name}
        if group:
            for sep in SEPARATORS:
                names.add(group.replace("/", sep) + sep + name)
        for n in names:
            accepted[n] = ("field", name)
            if kind == "select_multiple":
                for option in lists[name]:
                    for sep in SEPARATORS:
                        accepted[f"{n}{sep}{option}"] = ("option", name, option)
    for name in META:
        accepted.setdefault(name, ("meta", "id" if name in ID_COLUMNS else "status" if name in STATUS_COLUMNS else "skip"))
    return accepted


def _why_personal(value: str) -> str | None:
    if "@" in value:
        return "parece un correo electrónico"
    if re.search(r"[A-Z]{4}\d{6}", value.upper()):
        return "parece una CURP o un número de documento"
    if _PHONE.search(value):
        return "parece un número de teléfono o de documento"
    if re.search(r"\d{5,}", value):
        return "parece un número de documento"
    if len(value) > 40 or len(value.split()) >= 3:
        return "parece texto libre"
    if len(value.split()) == 2 and all(w[:1].isupper() for w in value.split()):
        return "parece un nombre de persona"
    return None


# -- the import record ------------------------------------------------------------------------

def _record(folder: Path) -> dict:
    path = folder / RECORD
    if path.exists():
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {}


def _known_hashes(folder: Path) -> set[str]:
    path = folder / HASHES
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def submission_hash(salt: str, submission_id: str) -> str:
    key = submission_id.strip().lower().removeprefix("uuid:")
    return hashlib.sha256((salt + key).encode("utf-8")).hexdigest()[:HASH_CHARS]


def _month(value: str) -> tuple[int, int]:
    match = re.match(r"^(20\d\d)-(0[1-9]|1[0-2])$", value or "")
    if not match:
        raise ValueError(value)
    return int(match.group(1)), int(match.group(2))


# -- the import ----------------------------------------------------------------------------------

def run(export: Path, content: Path, findings: Findings, today: dt.date, since: str | None = None,
        until: str | None = None, dry_run: bool = False, over_synthetic: bool = False) -> Outcome:
    """Import one export into content/monitoreo/; refusals go to `findings`."""
    export, content = Path(export), Path(content)
    folder = content / "monitoreo"
    outcome = Outcome()
    site = (yaml.safe_load((content / "sitio.yml").read_text(encoding="utf-8")) or {}) if (content / "sitio.yml").exists() else {}
    if (site.get("monitoreo") or {}).get("datos_sinteticos") and not over_synthetic and (folder / data.FILE).exists():
        findings.error(folder / data.FILE, 1, "importar-sinteticos",
                       "las cifras actuales son sintéticas (datos_sinteticos: true en content/sitio.yml): "
                       "deja en atenciones.csv solo la línea de encabezados y quita datos_sinteticos antes de importar")
        raise Refused from None
    catalogs = form.catalogs_of(content)
    desks = set(form.desks_of(content))
    fields = form.fields()
    valid = {name: (desks if name == "ventanilla" else data.categories(DIMENSION_OF[name], catalogs)
                    if name in DIMENSION_OF else set()) for name in fields}
    valid["canalizada"] = set(data.YES_NO)
    multiple = [n for n, (kind, _, _) in fields.items() if kind == "select_multiple"]
    accepted = column_map(fields, {n: valid[n] for n in multiple})

    skip: set[int] = set()
    header, rows = read_rows(export, findings, skip)
    columns = [accepted.get(h) for h in header]
    unknown = [h for h, c in zip(header, columns) if c is None and h]
    if unknown:
        personal = [h for h in unknown if data._PERSONAL_COLUMN.search(h)]
        why = " (por su nombre podría guardar datos personales)" if personal else ""
        findings.error(export, 1, "importar-columna",
                       f"columnas que no están en el formulario{why}: {', '.join(unknown[:10])}"
                       f"{'…' if len(unknown) > 10 else ''}; no se importó nada. Exporta con «Valores y encabezados XML» "
                       "el formulario de formulario.yml, sin preguntas agregadas")
        raise Refused from None
    single = {c[1]: i for i, c in enumerate(columns) if c and c[0] == "field"}
    options = defaultdict(list)
    for i, c in enumerate(columns):
        if c and c[0] == "option":
            options[c[1]].append((i, c[2]))
    # not read at all: server metadata, and the 0/1 columns of a select_multiple that also has its own column
    skip.update(i for i, c in enumerate(columns) if c and (c[0] == "meta" and c[1] == "skip"
                                                            or c[0] == "option" and c[1] in single))
    ids = [i for name in ID_COLUMNS for i, h in enumerate(header) if h == name]
    statuses = [(i, STATUS_COLUMNS[h]) for i, h in enumerate(header) if h in STATUS_COLUMNS]
    missing = [n for n in REQUIRED if n not in single]
    if not ids:
        missing.append("el identificador del envío (_uuid, KEY o meta/instanceID)")
    if missing:
        findings.error(export, 1, "importar-columna",
                       f"faltan columnas del formulario: {', '.join(missing)}; no se importó nada")
        raise Refused from None

    lo = _month(since) if since else ((today.year - 2, today.month))
    hi = _month(until) if until else (today.year, today.month)
    record = _record(folder)
    salt = record.get("sal") or secrets.token_hex(16)
    known = _known_hashes(folder)
    new_hashes: list[str] = []
    seen: set[str] = set()
    counts: Counter = Counter()
    width = len(header)
    pairs = [(name, single.get(name), options.get(name)) for name in fields]

    def refuse(row: int, code: str, message: str) -> None:
        outcome.refused[code] += 1
        if outcome.refused[code] <= SHOWN_PER_CODE:
            findings.error(export, row, code, message)

    for number, row in rows:
        if not any(row):
            continue
        outcome.read += 1
        if len(row) != width:
            refuse(number, "importar-archivo", f"la fila tiene {len(row)} valores y el encabezado {width}: fila rota")
            continue
        if any(row[i] in bad for i, bad in statuses):
            outcome.rejected_on_server += 1
            continue
        submission = next((row[i] for i in ids if row[i]), "")
        if not submission:
            refuse(number, "importar-valor", "la fila no tiene identificador del envío (_uuid, KEY o meta/instanceID)")
            continue
        answers, problem = {}, None
        for name, index, opts in pairs:
            if index is not None and row[index]:
                values = row[index].split() if name in multiple else [row[index]]
            elif opts:
                values = []
                for i, option in opts:
                    flag = row[i]
                    if flag in TRUE:
                        values.append(option)
                    elif flag not in FALSE:
                        values = [flag]
                        break
            else:
                values = []
            if name == "fecha":
                answers[name] = values
                continue
            bad = [v for v in values if v not in valid[name]]
            if bad:
                why = _why_personal(" ".join(bad))
                if why:
                    problem = ("importar-dato-personal", f"la columna «{name}» tiene un valor que {why}: "
                               "corrígelo o bórralo en el servidor (el valor no se muestra aquí para no copiarlo)")
                else:
                    what = "una ventanilla que no existe en content/ventanillas/" if name == "ventanilla" else \
                        "un valor que no es una opción del formulario (exporta con «Valores y encabezados XML»)"
                    problem = ("importar-valor", f"la columna «{name}» tiene {what}")
                break
            if not values and name in REQUIRED:
                problem = ("importar-valor", f"falta la respuesta de «{name}»")
                break
            answers[name] = values
        if problem:
            refuse(number, *problem)
            continue
        if answers["fecha"] and _SERIAL.match(answers["fecha"][0]):  # an XLSX date cell: days since 1899-12-30
            answers["fecha"] = [(dt.date(1899, 12, 30) + dt.timedelta(days=int(float(answers["fecha"][0])))).isoformat()]
        match = _DATE.match(answers["fecha"][0]) if answers["fecha"] else None
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
        except ValueError:
            day = None
        if day is None:
            why = _why_personal(answers["fecha"][0]) if answers["fecha"] else None
            refuse(number, "importar-dato-personal" if why else "importar-fecha",
                   f"la columna «fecha» tiene un valor que {why}" if why else
                   "la fecha no es válida (AAAA-MM-DD)" if answers["fecha"] else "falta la respuesta de «fecha»")
            continue
        if day > today:
            refuse(number, "importar-fecha", f"la fecha {day.isoformat()} es futura")
            continue
        if not lo <= (day.year, day.month) <= hi:
            refuse(number, "importar-fecha", f"la fecha {day.isoformat()} está fuera de los meses que se importan "
                                             f"({lo[0]}-{lo[1]:02d} a {hi[0]}-{hi[1]:02d}; cámbialos con --desde y --hasta)")
            continue
        digest = submission_hash(salt, submission)
        if digest in known or digest in seen:
            outcome.already += 1
            continue
        seen.add(digest)
        new_hashes.append(digest)
        month, desk = f"{day.year}-{day.month:02d}", answers["ventanilla"][0]
        for name, values in answers.items():
            dim = DIMENSION_OF.get(name)
            if dim:
                for value in dict.fromkeys(values):
                    counts[(month, desk, dim, value)] += 1
        outcome.imported += 1
        outcome.months.add(month)
        outcome.desks.add(desk)
    outcome.counts = counts
    if dry_run or not counts:
        return outcome
    _write(folder, content, counts, new_hashes, salt, record, outcome, today, site, catalogs, findings)
    return outcome


def _write(folder, content, counts, new_hashes, salt, record, outcome, today, site, catalogs, findings) -> None:
    """Merge the counts into atenciones.csv (checked by data.load first), then the record."""
    path = folder / data.FILE
    comments, merged = [], Counter()
    synthetic = set(record.get("meses_sinteticos") or [])
    if path.exists():  # the figures already there, read and checked by their one reader (data.load)
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        while lines and (lines[0].lstrip().startswith("#") or not lines[0].strip()):
            comments.append(lines.pop(0))
        check = Findings(content.parent)
        existing = None if not any(l.strip() for l in lines[1:]) else data.load(content, site, catalogs, set(form.desks_of(content)), check)
        if check.errors:
            for finding in check.errors[:SHOWN_PER_CODE]:
                findings.error(path, finding.line, "importar-archivo",
                               f"atenciones.csv ya tiene un error ({finding.code}: {finding.message}): corrígelo "
                               "(ventanilla check) antes de importar; no se escribió nada")
            raise Refused from None
        if existing is not None:
            merged.update(existing.counts)
            if (site.get("monitoreo") or {}).get("datos_sinteticos"):  # imported over them (--sobre-sinteticas)
                synthetic |= set(existing.months)
    merged.update(counts)
    order = {dim: i for i, dim in enumerate(data.DIMENSIONS)}
    body = [",".join(data.COLUMNS)] + [f"{m},{d},{dim},{cat},{n}" for (m, d, dim, cat), n in
                                       sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1], order[kv[0][2]], kv[0][3]))]
    new_text = "\n".join(comments + body) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "monitoreo").mkdir()
        (Path(tmp) / "monitoreo" / data.FILE).write_text(new_text, encoding="utf-8")
        check = Findings(Path(tmp))
        data.load(Path(tmp), site, catalogs, set(form.desks_of(content)), check)
        if check.errors:
            for finding in check.errors[:SHOWN_PER_CODE]:
                findings.error(path, finding.line, "importar-archivo",
                               f"el resultado no pasaría la revisión ({finding.code}: {finding.message}); no se escribió nada")
            raise Refused from None
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(new_text, encoding="utf-8")
    hashes = folder / HASHES
    if not hashes.exists():
        hashes.write_text("# Huellas (SHA-256 con sal, recortado) de los envíos ya importados: ningún identificador real.\n"
                          "# `ventanilla monitoreo importar` las usa para no contar dos veces la misma respuesta.\n",
                          encoding="utf-8")
    with hashes.open("a", encoding="utf-8") as out:
        out.write("".join(h + "\n" for h in new_hashes))
    history = list(record.get("importaciones") or [])
    history.append({"fecha": today, "respuestas": outcome.imported, "meses": sorted(outcome.months)})
    new_record = {"ultima_importacion": today, "sal": salt, "importaciones": history}
    if synthetic:  # the page says «synthetic» while any of these months remains in atenciones.csv
        new_record["meses_sinteticos"] = sorted(synthetic)
    (folder / RECORD).write_text(
        "# Registro de `ventanilla monitoreo importar`: cuándo se importó y cuántas respuestas, nunca una respuesta.\n"
        "# La sal sirve para las huellas de importados.txt; no la cambies o se volverían a contar los envíos.\n"
        + yaml.dump(new_record, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, default_flow_style=None),
        encoding="utf-8")
    outcome.written = True


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def summary_lines(export: Path, outcome: Outcome, dry_run: bool = False) -> list[str]:
    lines = [f"Leídas {outcome.read} filas de {Path(export).name}: {outcome.imported} importadas, "
             f"{outcome.already} ya importadas antes, {sum(outcome.refused.values())} rechazadas"
             + (f", {outcome.rejected_on_server} no aprobadas en el servidor (omitidas)" if outcome.rejected_on_server else "")
             + "."]
    if outcome.refused:
        lines.append("Rechazadas por motivo: " + ", ".join(f"{code} {n}" for code, n in sorted(outcome.refused.items()))
                     + " (se muestran hasta 20 filas de cada motivo arriba).")
    if outcome.months:
        lines.append(f"Meses con cifras nuevas: {', '.join(sorted(outcome.months))} ({len(outcome.desks)} "
                     f"ventanilla{'s' if len(outcome.desks) != 1 else ''}).")
    if dry_run:
        lines.append("Simulación: no se escribió nada.")
    elif outcome.written:
        lines.append("Se actualizaron content/monitoreo/atenciones.csv, importaciones.yml e importados.txt "
                     "(solo cifras y huellas, ningún dato de una persona).")
    else:
        lines.append("No había respuestas nuevas: no se cambió nada.")
    return lines
