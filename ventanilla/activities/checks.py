"""Checks of the activities calendar (content/actividades/), after the JSON Schema.

The schema already refuses an activity without `fecha`, `lugar` or `ventanilla` (and the
other required fields), with the file and line. Cases handled here:
- error `referencia-rota`: the desk, the topic (a risk or community topic), or an
  audience (`publicos_actividad` in content/catalogos.yml) does not exist
- error `fecha-invalida`: a `fecha` that does not exist in the calendar (2026-02-30)
- error `horario`: `hora_fin` not after `hora_inicio`
- error `falta-campo`: an activity that is not free (`gratuito: false`) without `costo_nota`
- aviso `actividad-lejana`: a date more than two years ahead (a typo in the year?)
"""

from __future__ import annotations

import datetime as dt
import re

FAR_AHEAD_DAYS = 730


def check(checker) -> None:
    """`checker` is crosscheck.Checker: the content, today, its reference and finding helpers."""
    f, content, today = checker.f, checker.c, checker.today
    topics = content.awareness_topics()
    audiences = content.catalogs.get("publicos_actividad", {})
    for entity in content.activities().values():
        d, doc = entity.data, entity.doc
        checker.ref(doc, ("ventanilla",), d.get("ventanilla"), content.desks(), "la ventanilla")
        checker.ref(doc, ("tema",), d.get("tema"), topics, "el tema (de content/es/riesgos/ o content/es/comunidad/)")
        checker.refs(doc, ("publico",), d.get("publico"), audiences, "el público")
        day = d.get("fecha")
        if isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            try:
                when = dt.date.fromisoformat(day)
            except ValueError:
                f.error(doc.path, doc.line(("fecha",)), "fecha-invalida", f'la fecha "{day}" no existe en el calendario')
            else:
                if (when - today).days > FAR_AHEAD_DAYS:
                    f.warning(doc.path, doc.line(("fecha",)), "actividad-lejana",
                              f'la fecha "{day}" está a más de dos años; revisa el año')
        start, end = d.get("hora_inicio"), d.get("hora_fin")
        if isinstance(start, str) and isinstance(end, str) and end <= start:
            f.error(doc.path, doc.line(("hora_fin",)), "horario",
                    f"hora_fin ({end}) debe ser después de hora_inicio ({start}); usa horas de 24 horas, p. ej. 17:00")
        if d.get("gratuito") is False and not d.get("costo_nota"):
            f.error(doc.path, doc.line(("gratuito",)), "falta-campo",
                    "una actividad con costo necesita costo_nota: cuánto cuesta y qué incluye")
        checker.translations(doc)
