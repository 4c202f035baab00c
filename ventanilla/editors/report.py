"""`ventanilla report`: the editors' report, in Markdown and HTML, outside the public site.

Lists, from the same editorial state the publishing gate uses (editorial.py):
entries past their review interval, unverified entries, lines still to complete,
missing translations, translations made from an older Spanish text (drift.py) or
without a record of it, the readability of each page in each language, hardest first
(readability.py), the check's errors, and whether the gate would pass.
Written to build/informe/ (or --out): informe.md and informe.html, a self-contained
page with no request to any host, marked noindex.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date

from ..checks import drift, editorial, gate
from ..findings import Findings
from . import readability


class Code(str):
    """A cell shown as code: a file path or a command."""


@dataclass
class Table:
    title: str
    intro: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    empty: str = "Nada que mostrar."


def _where(findings: Findings, path, line: int | None) -> Code:
    rel = findings.relative(path)
    return Code(f"{rel}:{line}" if line else rel)


def _title(entry_title: str, critical: bool) -> str:
    return f"{entry_title} (crítica)" if critical else entry_title


def tables(result, st: editorial.State, scores: list | None = None) -> list[Table]:
    f = result.findings
    s = st.settings
    titles = {(e.kind, e.id): e.title for e in st.entries}
    out = []

    due = Table(f"Por revisar: más de {s.review_days} días",
                f"La última verificación o revisión tiene más de {s.review_days} días (content/sitio.yml: "
                f"revision.revisar_cada_dias). Confirma los datos con la fuente y actualiza la fecha. "
                f"Con más de {s.max_days} días (revision.maximo_dias) no se puede publicar.",
                ["Ficha", "Tipo", "Última revisión", "Días", "Archivo"])
    for e in st.overdue():
        days = f"{e.age} (pasa el máximo: no se puede publicar)" if e.age > s.max_days else str(e.age)
        due.rows.append([e.title, e.kind_name, e.date.isoformat(), days, _where(f, e.doc.path, e.doc.line((e.date_key,)))])
    out.append(due)

    unverified = Table("Sin verificar",
                       "Fichas con estatus: sin_verificar. El portal las muestra con el aviso «Información sin "
                       "verificar» y no se pueden publicar hasta que alguien confirme los datos.",
                       ["Ficha", "Tipo", "Última revisión", "Archivo"])
    for e in sorted(st.unverified(), key=lambda e: (e.kind, e.id)):
        unverified.rows.append([e.title, e.kind_name, e.date.isoformat() if e.date else "—",
                                _where(f, e.doc.path, e.doc.line(("estatus",)))])
    out.append(unverified)

    unreachable = Table("Sin contacto",
                        "Ventanillas y servicios abiertos sin teléfono, WhatsApp ni correo: nadie puede llamarles "
                        "y no tienen hoja de referencia. Busca un contacto en fuentes públicas (aviso sin-contacto).",
                        ["Ficha", "Archivo"])
    for e in f.sorted():
        if e.code == "sin-contacto":
            kind = "ventanilla" if Path(e.file).parent.name == "ventanillas" else "servicio"
            unreachable.rows.append([titles.get((kind, Path(e.file).stem), Path(e.file).stem), Code(f"{e.file}:{e.line}")])
    out.append(unreachable)

    todo = Table("Por completar",
                 "Líneas que aún dicen POR COMPLETAR, POR TRADUCIR o por-completar (las escribe `ventanilla new`).",
                 ["Archivo", "Línea"])
    todo.rows = [[_where(f, m.path, m.line), m.text] for m in st.markers]
    out.append(todo)

    missing = Table("Traducciones que faltan",
                    "El portal muestra el texto en español con un aviso. Las fichas críticas (content/sitio.yml: "
                    "revision.criticas) no se pueden publicar sin todas sus traducciones.",
                    ["Ficha", "Tipo", "Idioma", "Qué falta", "Archivo"])
    for t in st.translations:
        if t.state == drift.MISSING and t.is_page:
            what, where = "toda la página", _where(f, t.path, None)
        elif t.missing_fields:
            what = "todos los textos" if t.state == drift.MISSING else ", ".join(t.field_names())
            where = _where(f, t.path, t.source.line(t.missing_fields[0]))
        else:
            continue
        missing.rows.append([_title(titles.get((t.kind, t.entry_id), t.entry_id), st.is_critical(t)),
                             editorial.KIND_NAMES[t.kind], drift.language_name(t.lang), what, where])
    out.append(missing)

    outdated = Table("Traducciones desactualizadas",
                     "El texto en español cambió después de la traducción. Compara con el español (el historial "
                     "del archivo en el sitio de git muestra qué cambió), actualiza la traducción y ejecuta el "
                     "comando de la última columna.",
                     ["Ficha", "Idioma", "Traducción", "Original en español", "Versión traducida → actual", "Para marcarla al día"])
    unrecorded = Table("Traducciones sin versión registrada",
                       "No dicen qué versión del español traducen, así que no se puede saber si están al día. "
                       "Si lo están, márcalas con el comando de la última columna.",
                       ["Ficha", "Idioma", "Traducción", "Para marcarla al día"])
    for t in st.translations:
        name = _title(titles.get((t.kind, t.entry_id), t.entry_id), st.is_critical(t))
        if t.state == drift.OUTDATED:
            outdated.rows.append([name, drift.language_name(t.lang), _where(f, t.path, t.line),
                                  _where(f, t.source.path, None), f"{t.recorded} → {t.current}",
                                  Code(drift.command_for(t, f))])
        elif t.state == drift.NO_RECORD:
            unrecorded.rows.append([name, drift.language_name(t.lang), _where(f, t.path, t.line),
                                    Code(drift.command_for(t, f))])
    out += [outdated, unrecorded]
    pending = Table("Traducciones sin revisión nativa",
                    "Traducciones hechas con ayuda de una máquina o por alguien que no habla el idioma desde niño: "
                    "el portal lo avisa en cada una. Cuando una persona hablante nativa la revise, ejecuta el "
                    "comando de la última columna.",
                    ["Ficha", "Idioma", "Traducción", "Cuando esté revisada"])
    for t in st.translations:
        if t.state != drift.MISSING and gate.native_review_pending(t):
            command = f"ventanilla traducido {f.relative(t.path)}{'' if t.is_page else ' --idioma ' + t.lang} --revisada"
            pending.rows.append([_title(titles.get((t.kind, t.entry_id), t.entry_id), st.is_critical(t)),
                                 drift.language_name(t.lang), _where(f, t.path, t.line), Code(command)])
    out.append(pending)
    out += readability_tables(result, scores if scores is not None else readability.page_scores(result.content))

    errors = Table("Errores de la revisión", "Errores de `ventanilla check`: impiden construir el sitio.",
                   ["Error"], [[Code(e.format())] for e in f.sorted() if e.severity == "error"],
                   empty="Ninguno.")
    out.append(errors)
    gate_rows = [[Code(e.format())] for e in result.gate.sorted()] if result.gate else []
    verdict = ("Se puede publicar." if not gate_rows and not errors.rows else
               f"No se puede publicar todavía: {len(gate_rows) + len(errors.rows)} arreglos. "
               "Mientras tanto, el sitio de vista previa lleva el aviso «BORRADOR» en cada página.")
    out.append(Table("Publicación", verdict + " Es lo que revisa `ventanilla check --publish`.",
                     ["Lo que impide publicar"], gate_rows, empty="Nada impide publicar."))
    return out


def _language(code: str) -> str:
    return "español" if code == "es" else drift.language_name(code)


def readability_tables(result, scores: list) -> list[Table]:
    """One table per scored language, the hardest pages first."""
    f = result.findings
    out = []
    skipped = readability.unscored_languages(result.content)
    for code in result.content.codes:
        method = readability.METHODS.get(code)
        if method is None:
            continue
        main, others = method.main, method.others
        scale = ("escala INFLESZ: menos de 40 muy difícil, 40–55 algo difícil, 55–65 normal, 65–80 bastante "
                 "fácil, más de 80 muy fácil" if main.scale is readability.INFLESZ else
                 "menos de 30 muy difícil, 30–50 difícil, 50–60 bastante difícil, 60–70 normal, 70–80 bastante "
                 "fácil, 80–90 fácil, 90 o más muy fácil")
        also = "".join(f" Al lado, {o.name} (de 60 a 70 es normal)." for o in others)
        table = Table(f"Legibilidad en {_language(code)}: las páginas más difíciles primero",
                      f"Fórmula de {main.name} ({scale}); más alto es más fácil.{also} Se mide el texto que se ve: "
                      "título, resumen, pasos, listas y el texto de la página, no las fuentes. Para quien lee con "
                      "prisa o en otro idioma, apunta a «normal» o más fácil: frases cortas (unas 15 palabras), "
                      "palabras de todos los días y una idea por frase. Las cifras son aproximadas: sirven para "
                      "comparar páginas y ver cuáles simplificar primero."
                      + (f" Sin fórmula de legibilidad: {', '.join(skipped)}." if skipped and code == result.content.source_lang else ""),
                      ["Página", "Tipo", main.name, "Nivel", *(o.name for o in others), "Palabras por frase",
                       "Palabras", "Archivo"])
        for s in scores:
            if s.lang == code:
                table.rows.append([s.title, editorial.KIND_NAMES[s.kind], f"{s.score:.1f}", s.level,
                                   *(f"{s.others[o.name]:.1f}" for o in others), f"{s.words_per_sentence:.1f}",
                                   str(s.words), _where(f, s.path, None)])
        out.append(table)
    return out


def _counts(result, st: editorial.State, scores: list | None = None) -> list[tuple[str, int]]:
    gaps = [t for t in st.translations if t.missing_fields or (t.state == drift.MISSING and t.is_page)]
    critical = sum(1 for t in gaps if st.is_critical(t))
    missing = len(gaps)
    return [
        (f"por revisar (más de {st.settings.review_days} días)", len(st.overdue())),
        (f"caducadas (más de {st.settings.max_days} días)", len(st.expired())),
        ("sin verificar", len(st.unverified())),
        ("líneas por completar", len(st.markers)),
        (f"traducciones que faltan ({critical} de fichas críticas)", missing),
        ("traducciones desactualizadas", len(st.translations_in(drift.OUTDATED))),
        ("traducciones sin versión registrada", len(st.translations_in(drift.NO_RECORD))),
        ("páginas difíciles de leer (legibilidad)",
         sum(1 for s in (scores if scores is not None else readability.page_scores(result.content)) if s.hard)),
        ("errores de la revisión", len(result.findings.errors)),
    ]


def summary_lines(result, today: dt.date) -> list[str]:
    st = editorial.state(result.content, today)
    lines = [f"Informe para editores ({format_date(today, format='long', locale='es')}):"]
    lines += [f"  {label}: {count}" for label, count in _counts(result, st)]
    refused = len(result.gate.errors) if result.gate else 0
    blocked = refused + len(result.findings.errors)
    lines.append("  publicación: " + ("se puede publicar" if not blocked else
                                     f"no se puede publicar ({blocked} arreglos; `ventanilla check --publish`)"))
    return lines


# -- output ---------------------------------------------------------------------
def _md_cell(value: str) -> str:
    text = " ".join(str(value).split()).replace("|", "\\|")
    if isinstance(value, Code):
        return f"`` {text} ``" if "`" in text else f"`{text}`"
    return text.replace("<", "&lt;")


def _html_cell(value: str) -> str:
    text = html.escape(str(value))
    return f"<code>{text}</code>" if isinstance(value, Code) else text


def to_markdown(title: str, lead: str, counts, sections: list[Table]) -> str:
    out = [f"# {title}", "", lead, "", "| | |", "|---|---:|"]
    out += [f"| {label} | {count} |" for label, count in counts]
    for table in sections:
        out += ["", f"## {table.title} ({len(table.rows)})", "", _md_cell(table.intro), ""]
        if not table.rows:
            out.append(table.empty)
            continue
        out.append("| " + " | ".join(table.columns) + " |")
        out.append("|" + "---|" * len(table.columns))
        out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#eee}code{font-size:.85em;word-break:break-all}
td.n{text-align:right}h2{margin-top:2rem;border-bottom:2px solid #333}"""


def to_html(title: str, lead: str, counts, sections: list[Table]) -> str:
    out = ['<!doctype html>', '<html lang="es">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           '<meta name="robots" content="noindex">', f"<title>{html.escape(title)}</title>",
           f"<style>{STYLE}</style>", "</head>", "<body>", f"<h1>{html.escape(title)}</h1>",
           f"<p>{html.escape(lead)}</p>", "<table>"]
    out += [f'<tr><td>{html.escape(label)}</td><td class="n">{count}</td></tr>' for label, count in counts]
    out.append("</table>")
    for table in sections:
        out += [f"<h2>{html.escape(table.title)} ({len(table.rows)})</h2>", f"<p>{html.escape(table.intro)}</p>"]
        if not table.rows:
            out.append(f"<p>{html.escape(table.empty)}</p>")
            continue
        out.append("<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in table.columns) + "</tr>")
        out += ["<tr>" + "".join(f"<td>{_html_cell(cell)}</td>" for cell in row) + "</tr>" for row in table.rows]
        out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def write(result, out: Path, today: dt.date) -> list[Path]:
    st = editorial.state(result.content, today)
    site_name = result.content.site.get("nombre", {})
    name = site_name.get(result.content.source_lang, "") if isinstance(site_name, dict) else str(site_name)
    title = f"Informe para editores: {name}" if name else "Informe para editores"
    lead = (f"Generado el {format_date(today, format='long', locale='es')} con `ventanilla report`. "
            "No forma parte del sitio público.")
    scores = readability.page_scores(result.content)
    counts, sections = _counts(result, st, scores), tables(result, st, scores)
    out.mkdir(parents=True, exist_ok=True)
    md, page = out / "informe.md", out / "informe.html"
    md.write_text(to_markdown(title, lead, counts, sections), encoding="utf-8")
    page.write_text(to_html(title, lead.replace("`", ""), counts, sections), encoding="utf-8")
    return [md, page]
