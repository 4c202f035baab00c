"""Read content/monitoreo/atenciones.csv: aggregated counts only, never personal data.

One row per month, desk, dimension and category:

    mes,ventanilla,dimension,categoria,personas
    2026-05,ventanilla-tapachula,nacionalidad,HN,212

Dimensions: nacionalidad (ISO 3166 two-letter code), sexo, edad (age band), necesidad
and canalizacion (service categories of content/catalogos.yml); from the desks' attention
form (intake.py) also situacion (the `etapas` of catalogos.yml), idioma (languages spoken)
and canalizada (si/no: whether the person was referred). Lines starting with
`#` are comments. Every problem is a finding in Spanish with file and line:
- error `monitoreo-columna`: a column other than the five above (names, documents,
  phones or notes must never be kept here)
- error `monitoreo-dato-personal`: a value that looks like a name, a document or phone
  number, an e-mail address or free text
- error `monitoreo-valor`: a month, desk, dimension or category that does not exist
- error `monitoreo-cifra`: a count that is not a whole number (0, 1, 2…)
- error `monitoreo-duplicado`: the same month, desk, dimension and category twice
- error `monitoreo-totales`: nationality, sex and age of one desk and month do not add
  up to the same number of people
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from ..findings import Findings

FILE = "atenciones.csv"
COLUMNS = ["mes", "ventanilla", "dimension", "categoria", "personas"]
SEXES = ["mujer", "hombre", "otro"]
AGE_BANDS = ["0-11", "12-17", "18-29", "30-59", "60+"]
LANGUAGES = ["es", "en", "fr", "ht", "pt", "indigena", "otro"]  # languages the person speaks (form.py labels them)
YES_NO = ["si", "no"]
PEOPLE_DIMENSIONS = ("nacionalidad", "sexo", "edad")  # each splits the people attended
DIMENSIONS = PEOPLE_DIMENSIONS + ("necesidad", "canalizacion", "situacion", "idioma", "canalizada")
DEFAULT_THRESHOLD = 5

_MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")
_COUNT = re.compile(r"^\d+$")
_PERSONAL_COLUMN = re.compile(
    r"nombre|apellido|name|curp|rfc|pasaporte|passport|documento|document|ident|telefono|teléfono|phone|"
    r"celular|whatsapp|correo|mail|direccion|dirección|address|nacimiento|birth|comentario|nota|observ|texto|"
    r"descripcion|descripción|caso|expediente", re.I)
_DIGITS = re.compile(r"\d[\d\s\-().]{4,}\d")


def _looks_personal(value: str) -> str | None:
    """Why a value looks like personal data or free text, or None."""
    if "@" in value:
        return "parece un correo electrónico"
    if re.search(r"[A-Z]{4}\d{6}", value.upper()):
        return "parece una CURP o un número de documento"
    if _DIGITS.search(value):
        return "parece un número de teléfono o de documento"
    if len(value) > 40 or len(value.split()) >= 3:
        return "parece texto libre"
    if len(value.split()) == 2 and all(w[:1].isupper() for w in value.split()):
        return "parece un nombre de persona"
    return None


@dataclass
class Monitoring:
    """The checked rows: (month, desk, dimension, category) -> people."""

    path: Path
    counts: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    threshold: int = DEFAULT_THRESHOLD
    synthetic: bool = False  # sitio.yml's monitoreo.datos_sinteticos
    synthetic_months: list = field(default_factory=list)  # months still holding synthetic figures (importaciones.yml)
    lines: dict = field(default_factory=dict)  # (month, desk) -> first line, for messages

    @property
    def is_synthetic(self) -> bool:
        """What the pages and downloads say: synthetic while sitio.yml says so or while any
        month imported over the synthetic starter figures (--sobre-sinteticas) remains."""
        return bool(self.synthetic or self.synthetic_months)

    @property
    def months(self) -> list[str]:
        return sorted({k[0] for k in self.counts})

    def total(self, dimension: str, **where) -> dict[str, int]:
        """Sum by category of one dimension, over the rows matching `where` (mes=, ventanilla=)."""
        sums: dict[str, int] = defaultdict(int)
        for (month, desk, dim, cat), n in self.counts.items():
            if dim != dimension:
                continue
            if where.get("mes") not in (None, month) or where.get("ventanilla") not in (None, desk):
                continue
            sums[cat] += n
        return dict(sums)

    def people(self, key: str) -> dict[str, int]:
        """People attended (the nationality rows) by month ("mes") or desk ("ventanilla")."""
        index = 0 if key == "mes" else 1
        sums: dict[str, int] = defaultdict(int)
        for k, n in self.counts.items():
            if k[2] == "nacionalidad":
                sums[k[index]] += n
        return dict(sums)


def categories(dimension: str, catalogs: dict) -> set[str]:
    if dimension == "nacionalidad":
        return {code for code in Locale("es").territories if len(code) == 2 and code.isalpha()}
    if dimension == "sexo":
        return set(SEXES)
    if dimension == "edad":
        return set(AGE_BANDS)
    if dimension == "situacion":
        return set((catalogs or {}).get("etapas", {}))
    if dimension == "idioma":
        return set(LANGUAGES)
    if dimension == "canalizada":
        return set(YES_NO)
    return set((catalogs or {}).get("categorias", {}))


def load(root: Path, site: dict, catalogs: dict, desks, findings: Findings) -> Monitoring | None:
    """Read content/monitoreo/atenciones.csv; None when there is none (no monitoring section)."""
    path = Path(root) / "monitoreo" / FILE
    if not path.exists():
        return None
    settings = site.get("monitoreo") or {}
    data = Monitoring(path, threshold=int(settings.get("umbral", DEFAULT_THRESHOLD)),
                      synthetic=bool(settings.get("datos_sinteticos", False)))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        findings.error(path, 1, "codificacion", "el archivo no está en UTF-8: guárdalo como «CSV UTF-8»")
        return None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        findings.error(path, 1, "archivo-vacio", "el archivo no tiene cifras: la primera línea debe ser " + ",".join(COLUMNS))
        return None
    rows = list(csv.reader(io.StringIO("\n".join(line for _, line in lines))))
    header_line, header = lines[0][0], [h.strip() for h in rows[0]]
    bad = False
    for name in header:
        if name not in COLUMNS:
            why = " (podría guardar datos personales o texto libre, que nunca van aquí)" if _PERSONAL_COLUMN.search(name) else ""
            findings.error(path, header_line, "monitoreo-columna",
                           f'columna no permitida "{name}"{why}; las columnas son: {", ".join(COLUMNS)}')
            bad = True
    if bad or header != COLUMNS:
        if not bad:
            findings.error(path, header_line, "monitoreo-columna",
                           f'la primera línea debe ser exactamente: {",".join(COLUMNS)}')
        return None
    valid = {dim: categories(dim, catalogs) for dim in DIMENSIONS}
    ok = True
    for (line, _), row in zip(lines[1:], rows[1:]):
        if len(row) != len(COLUMNS):
            findings.error(path, line, "monitoreo-columna",
                           f"la línea tiene {len(row)} valores y debe tener {len(COLUMNS)} ({','.join(COLUMNS)})")
            ok = False
            continue
        month, desk, dim, cat, count = (v.strip() for v in row)
        checked = [v for v in (month, desk, dim, cat, count)
                   if not (v is month and re.match(r"^\d{4}-\d{1,2}$", v)) and not (v is count and _COUNT.match(v))]
        personal = [(v, why) for v in checked if (why := _looks_personal(v))]
        if personal:
            value, why = personal[0]
            findings.error(path, line, "monitoreo-dato-personal",
                           f'"{value}" {why}: aquí solo van cifras agregadas, nunca datos de una persona')
            ok = False
            continue
        problems = []
        if not _MONTH.match(month):
            problems.append(f'el mes "{month}" no es válido (formato AAAA-MM, p. ej. 2026-05)')
        if desk not in desks:
            problems.append(f'la ventanilla "{desk}" no existe en content/ventanillas/')
        if dim not in valid:
            problems.append(f'la dimensión "{dim}" no existe (usa: {", ".join(DIMENSIONS)})')
        elif cat not in valid[dim]:
            hint = {"nacionalidad": "un código de país de dos letras, p. ej. HN",
                    "sexo": ", ".join(SEXES), "edad": ", ".join(AGE_BANDS),
                        "idioma": ", ".join(LANGUAGES), "canalizada": ", ".join(YES_NO)}.get(dim, "una categoría de content/catalogos.yml")
            problems.append(f'la categoría "{cat}" no existe para {dim} (usa {hint})')
        for problem in problems:
            findings.error(path, line, "monitoreo-valor", problem)
        if not _COUNT.match(count):
            findings.error(path, line, "monitoreo-cifra",
                           f'"{count}" no es un número entero de personas (0, 1, 2…; sin decimales ni signos)')
            problems.append(count)
        if problems:
            ok = False
            continue
        key = (month, desk, dim, cat)
        if key in data.counts:
            findings.error(path, line, "monitoreo-duplicado",
                           f"{month}, {desk}, {dim}, {cat} ya aparece en otra línea: deja una sola")
            ok = False
            continue
        data.counts[key] = int(count)
        data.lines.setdefault((month, desk), line)
    if not ok:
        return None
    for (month, desk), line in sorted(data.lines.items()):
        sums = {dim: sum(data.total(dim, mes=month, ventanilla=desk).values()) for dim in PEOPLE_DIMENSIONS}
        if len(set(sums.values())) > 1:
            detail = ", ".join(f"{dim} {n}" for dim, n in sums.items())
            findings.error(path, line, "monitoreo-totales",
                           f"{month}, {desk}: nacionalidad, sexo y edad deben sumar las mismas personas ({detail})")
            ok = False
    data.synthetic_months = sorted(set(_recorded_synthetic_months(path.parent)) & set(data.months))
    return data if ok else None


def _recorded_synthetic_months(folder: Path) -> list[str]:
    """`meses_sinteticos` of importaciones.yml: the months of the synthetic starter figures that
    an import (--sobre-sinteticas) merged real answers into."""
    import yaml

    try:
        record = yaml.safe_load((folder / "importaciones.yml").read_text(encoding="utf-8")) or {}
        return [str(m) for m in record.get("meses_sinteticos") or []] if isinstance(record, dict) else []
    except (OSError, yaml.YAMLError):
        return []
