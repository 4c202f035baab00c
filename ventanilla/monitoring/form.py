"""The desks' attention form (XLSForm) for KoboToolbox and ODK Central, from formulario.yml.

formulario.yml, beside this file, is the form in a reviewable text form: its questions
(`preguntas`, written by hand) and its choice lists (`listas`, generated here from
content/: desks from content/ventanillas/, needs and services from `categorias` and
situations from `etapas` of content/catalogos.yml, nationalities from Babel, sex, age
bands, languages and yes/no from data.py). `ventanilla monitoreo formulario --actualizar`
rewrites the lists; the tests fail when they drift from content/.

The form is the importer's contract (intake.py reads its field and choice names), so it
lives with the code. It only has dates and closed lists: no name, document, phone, free
text, exact birth date or GPS (`allowed_types` is checked by the tests).

`write_xlsx` builds the .xlsx that KoboToolbox ("Replace form" / "Upload XLSForm") and ODK
Central ("New form") import: sheets survey, choices and settings, labels in es, en, fr.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from babel import Locale

from . import data

SOURCE = Path(__file__).with_name("formulario.yml")
LANGS = {"es": "Español (es)", "en": "English (en)", "fr": "Français (fr)"}
ALLOWED_TYPES = {"date", "select_one", "select_multiple", "begin_group", "end_group"}
NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB"}
FIXED_LABELS = {
    "sexo": {"mujer": {"es": "Mujer", "en": "Woman", "fr": "Femme"},
             "hombre": {"es": "Hombre", "en": "Man", "fr": "Homme"},
             "otro": {"es": "Otra identidad o prefiere no decir", "en": "Another identity or prefers not to say",
                      "fr": "Autre identité ou préfère ne pas le dire"}},
    "edad": {band: {"es": f"{band} años", "en": f"{band} years", "fr": f"{band} ans"} for band in data.AGE_BANDS},
    "idioma": {"es": {"es": "Español", "en": "Spanish", "fr": "Espagnol"},
               "en": {"es": "Inglés", "en": "English", "fr": "Anglais"},
               "fr": {"es": "Francés", "en": "French", "fr": "Français"},
               "ht": {"es": "Criollo haitiano (kreyòl)", "en": "Haitian Creole (Kreyòl)", "fr": "Créole haïtien (kreyòl)"},
               "pt": {"es": "Portugués", "en": "Portuguese", "fr": "Portugais"},
               "indigena": {"es": "Una lengua indígena", "en": "An Indigenous language", "fr": "Une langue autochtone"},
               "otro": {"es": "Otro idioma", "en": "Another language", "fr": "Une autre langue"}},
    "sino": {"si": {"es": "Sí", "en": "Yes", "fr": "Oui"}, "no": {"es": "No", "en": "No", "fr": "Non"}},
}
FIXED_LABELS["edad"]["60+"] = {"es": "60 años o más", "en": "60 years or older", "fr": "60 ans ou plus"}


def _labels(value, fallback: str) -> dict[str, str]:
    if isinstance(value, dict):
        return {lang: str(value.get(lang) or value.get("es") or fallback) for lang in LANGS}
    return {lang: str(value or fallback) for lang in LANGS}


def desks_of(content: Path) -> dict[str, dict]:
    """{desk id: its `nombre`} of content/ventanillas/*.yml (the file name is the id)."""
    desks = {}
    for path in sorted((Path(content) / "ventanillas").glob("*.yml")):
        try:
            entry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            entry = {}
        desks[path.stem] = entry.get("nombre") if isinstance(entry, dict) else None
    return desks


def catalogs_of(content: Path) -> dict:
    path = Path(content) / "catalogos.yml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def countries() -> dict[str, dict[str, str]]:
    names = {lang: Locale(lang).territories for lang in LANGS}
    codes = sorted((c for c in names["es"] if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES),
                   key=lambda c: names["es"][c])
    out = {c: {lang: names[lang].get(c, c) for lang in LANGS} for c in codes}
    out["ZZ"] = {"es": "No lo sabe o prefiere no decir", "en": "Does not know or prefers not to say",
                 "fr": "Ne sait pas ou préfère ne pas le dire"}
    return out


def generate_lists(content: Path) -> dict[str, list[dict]]:
    """The form's choice lists, from content/ (the portal's own categories)."""
    catalogs = catalogs_of(content)

    def entries(mapping: dict) -> list[dict]:
        return [{"nombre": key, "etiqueta": _labels(value, key)} for key, value in mapping.items()]

    return {
        "ventanilla": entries(desks_of(content)),
        "nacionalidad": entries(countries()),
        "sexo": entries(FIXED_LABELS["sexo"]),
        "edad": entries(FIXED_LABELS["edad"]),
        "situacion": entries(catalogs.get("etapas") or {}),
        "idioma": entries(FIXED_LABELS["idioma"]),
        "categoria": entries(catalogs.get("categorias") or {}),
        "sino": entries(FIXED_LABELS["sino"]),
    }


def load(path: Path = SOURCE) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def drift(content: Path, path: Path = SOURCE) -> list[str]:
    """What differs between formulario.yml's lists and content/ (empty: up to date)."""
    have, want = load(path).get("listas") or {}, generate_lists(content)
    problems = []
    for name in sorted(set(have) | set(want)):
        a = {c["nombre"]: c["etiqueta"] for c in have.get(name) or []}
        b = {c["nombre"]: c["etiqueta"] for c in want.get(name) or []}
        if set(a) != set(b):
            extra, missing = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            problems.append(f"lista {name}: sobran {extra}, faltan {missing}")
        elif a != b:
            problems.append(f"lista {name}: cambiaron las etiquetas de {sorted(k for k in a if a[k] != b[k])}")
    return problems


def update(content: Path, path: Path = SOURCE) -> bool:
    """Rewrite the generated `listas` of formulario.yml; True when something changed."""
    text = Path(path).read_text(encoding="utf-8")
    marker = "\nlistas:"
    head = text[: text.index(marker) + 1] if marker in text else text.rstrip("\n") + "\n"
    lists = generate_lists(content)
    body = ["listas:"]
    for name, choices in lists.items():
        body.append(f"  {name}:")
        for choice in choices:
            labels = ", ".join(f"{lang}: {_quote(choice['etiqueta'][lang])}" for lang in LANGS)
            body.append(f"    - {{nombre: {_quote(choice['nombre'])}, etiqueta: {{{labels}}}}}")
    new = head + "\n".join(body) + "\n"
    if new == text:
        return False
    Path(path).write_text(new, encoding="utf-8")
    return True


def _quote(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def fields(form: dict | None = None) -> dict[str, tuple[str, str | None, str | None]]:
    """{field name: (type, list name or None, group name or None)} of the form's questions."""
    form = form or load()
    out, group = {}, []
    for q in form["preguntas"]:
        kind, *rest = q["tipo"].split()
        if kind == "begin_group":
            group.append(q["nombre"])
        elif kind == "end_group":
            group.pop()
        else:
            out[q["nombre"]] = (kind, rest[0] if rest else None, "/".join(group) or None)
    return out


def sheets(form: dict, lists: dict[str, list[dict]]) -> dict[str, list[list]]:
    """The XLSForm's sheets as rows (the first row is the header)."""
    langs = list(LANGS.items())
    survey = [["type", "name"] + [f"label::{n}" for _, n in langs] + [f"hint::{n}" for _, n in langs]
              + ["required", "relevant", "constraint"] + [f"constraint_message::{n}" for _, n in langs]
              + ["appearance", "default"]]
    for q in form["preguntas"]:
        label, hint, msg = (_labels(q.get(k), "") for k in ("etiqueta", "ayuda", "mensaje"))
        survey.append([q["tipo"], q["nombre"]] + [label[l] for l, _ in langs] + [hint[l] for l, _ in langs]
                      + ["yes" if q.get("obligatoria") else "", q.get("relevante", ""), q.get("restriccion", "")]
                      + [msg[l] if q.get("restriccion") else "" for l, _ in langs]
                      + [q.get("apariencia", ""), q.get("predeterminado", "")])
    choices = [["list_name", "name"] + [f"label::{n}" for _, n in langs]]
    for name, entries in lists.items():
        for c in entries:
            choices.append([name, c["nombre"]] + [c["etiqueta"][l] for l, _ in langs])
    s = form["ajustes"]
    settings = [["form_title", "form_id", "version", "default_language"],
                [s["titulo"]["es"], s["form_id"], str(s["version"]), LANGS["es"]]]
    return {"survey": survey, "choices": choices, "settings": settings}


def write_xlsx(out: Path, content: Path | None = None, path: Path = SOURCE) -> Path:
    """Build the .xlsx (lists fresh from `content` when given, else those of formulario.yml)."""
    from openpyxl import Workbook

    form = load(path)
    lists = generate_lists(content) if content is not None else form["listas"]
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets(form, lists).items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
