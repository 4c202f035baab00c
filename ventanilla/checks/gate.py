"""The publishing gate: what `ventanilla check --publish` refuses, on top of every check error.

Errors added (code):
- `sin-verificar`: a desk, service, procedure or risk topic still `estatus: sin_verificar`;
- `actividad-ejemplo`: an upcoming activity still `estatus: ejemplo` (starter data, not real);
- `caducado`: an entry last verified or reviewed more than `revision.maximo_dias` ago;
- `por-completar`: a line still holding a marker written by `ventanilla new`;
- `falta-traduccion-critica`: a safety-critical entry (`revision.criticas` in
  content/sitio.yml) not translated, in whole or in part, into every language;
- `sin-revision-nativa`: with `revision.revision_nativa_criticas: true`, a translation of a
  critical entry recorded as not yet reviewed by a native speaker (native_review.py);
- `traduccion-critica-desactualizada`: a translation of a critical entry made from an
  older Spanish text, or with no record of which one.
Broken links and references are check errors already, so they stop the gate too;
`ventanilla build --publish` then also checks the built site (sitecheck.py).

A warning that a gate error replaces (same file and line) is dropped, so each problem
is listed once. A normal build (a preview) is marked as a draft while `problems()`
finds any.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content import Content, native_review
from ..content.sources import read_markdown
from ..findings import WARNING, Findings
from . import drift, editorial, sitecheck

SUPERSEDES = {
    "por-completar": {"por-completar"},
    "falta-traduccion-critica": {"falta-traduccion"},
    "traduccion-critica-desactualizada": {"traduccion-desactualizada", "traduccion-sin-version"},
}
CRITICAL = "página crítica para la seguridad (content/sitio.yml: revision.criticas)"


def _rules(content: Content, findings: Findings, today: dt.date) -> None:
    st = editorial.state(content, today)
    limit = st.settings.max_days
    for e in st.unverified():
        findings.error(e.doc.path, e.doc.line(("estatus",)), "sin-verificar",
                       f"{e.kind_name} sin verificar: no se publica información que nadie ha confirmado; "
                       f'confírmala con la fuente, pon "estatus: verificado" y la fecha en {e.date_key or "verificado_el"}')
    for e in st.entries:
        if e.kind == "actividad" and e.status == "ejemplo":
            findings.error(e.doc.path, e.doc.line(("estatus",)), "actividad-ejemplo",
                           "actividad de ejemplo: no es real y no se publica; bórrala o cámbiala por una actividad "
                           "confirmada por la ventanilla (estatus: verificado)")
    for e in st.expired():
        findings.error(e.doc.path, e.doc.line((e.date_key,)), "caducado",
                       f"la última revisión ({e.date.isoformat()}) tiene {e.age} días, más que el máximo de {limit} "
                       f"(content/sitio.yml: revision.maximo_dias); vuelve a confirmar los datos y actualiza {e.date_key}")
    for m in st.markers:
        findings.error(m.path, m.line, "por-completar",
                       f"falta {'traducir' if m.translation else 'completar'} este dato ({m.text[:60]}); "
                       "no se publica con datos por completar")
    for t in st.translations:
        if not st.is_critical(t):
            continue
        name = f"al {drift.language_name(t.lang)} ({t.lang})"
        if t.state == drift.MISSING and t.is_page:
            findings.error(t.source.path, 1, "falta-traduccion-critica",
                           f"falta la traducción {name}: {findings.relative(t.path)}; es una {CRITICAL} "
                           "y no se publica sin ella")
        elif t.missing_fields:
            fields = ", ".join(t.field_names())
            findings.error(t.path, t.source.line(t.missing_fields[0]), "falta-traduccion-critica",
                           f"falta la traducción {name} de {fields}; es una {CRITICAL} y no se publica sin ella")
        if st.settings.native_review_critical and t.state != drift.MISSING and native_review_pending(t):
            findings.error(t.path, t.line, "sin-revision-nativa",
                           f"la traducción {name} no la ha revisado una persona hablante nativa y es una {CRITICAL} "
                           "que sitio.yml pide revisar (revision_nativa_criticas): pide la revisión y luego "
                           f"ejecuta `ventanilla traducido {findings.relative(t.path)}"
                           f"{'' if t.is_page else ' --idioma ' + t.lang} --revisada`")
        if t.state in (drift.OUTDATED, drift.NO_RECORD):
            why = ("se hizo de un texto en español anterior" if t.state == drift.OUTDATED
                   else "no registra qué versión del español traduce")
            findings.error(t.path, t.line, "traduccion-critica-desactualizada",
                           f"la traducción {name} {why}; es una {CRITICAL}: revísala y luego ejecuta "
                           f"`{drift.command_for(t, findings)}`")


def native_review_pending(t: drift.Translation) -> bool:
    """Whether this translation is recorded as not reviewed by a native speaker."""
    doc = read_markdown(t.path, Findings(t.path.parent)) if t.is_page and t.path.exists() else None
    if t.is_page:
        return doc is not None and native_review.page_pending(doc.data)
    return native_review.entity_pending(t.source.data, t.lang)


def problems(content: Content, root, today: dt.date) -> Findings:
    """The gate's own errors, apart from the normal check's."""
    findings = Findings(root)
    _rules(content, findings, today)
    return findings


def merge(findings: Findings, refused: Findings) -> None:
    """Add the gate's errors to the findings of a check, dropping the warnings they replace."""
    replaced = {(f.file, f.line, old) for f in refused.items for old in SUPERSEDES.get(f.code, ())}
    findings.items = [f for f in findings.items
                      if not (f.severity == WARNING and (f.file, f.line, f.code) in replaced)]
    findings.items += refused.items


def check_site(site: Path, content: Content) -> list:
    """Errors of the built site (broken links and anchors, external requests…)."""
    return [p for p in sitecheck.check_site(site, content.codes, content.site["url"]) if p.severity == "error"]
