"""Awareness topics (risk topics and community topics): their myths and activity kits.

A topic's `taller` block (front matter) is the activity kit desk staff print: the
facilitator sheet and the posters (leaflets/). Each language writes its own texts;
`duracion_minutos` is said once, in Spanish. A community topic's `mitos` carry their
sources in Spanish only; translations repeat each myth's `id`, so the sources follow.

Checks (after the JSON Schema), each a finding with file and line:
- error `mito-sin-fuente`: a myth in Spanish without `fuentes` (no claim goes unsourced)
- error `mito-desconocido`: a translated myth whose `id` is not among the Spanish myths
- error `campo-solo-original`: a translation repeating a myth's `fuentes` or the kit's
  `duracion_minutos`
- aviso `falta-taller`: a Spanish risk or community topic without `taller` (its page is
  published, but desk staff get no facilitator sheet or poster for it)
- aviso `falta-traduccion`: a myth or a kit that a translation lacks (shown in Spanish,
  with a notice)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import drift

SOURCE_ONLY_KIT_FIELDS = ("duracion_minutos",)


@dataclass(frozen=True)
class Myth:
    id: str
    myth: str
    reality: str
    sources: list  # from the Spanish file
    lang: str  # language the texts are in (Spanish when the translation lacks this myth)


@dataclass(frozen=True)
class Kit:
    topic_kind: str  # riesgo or comunidad
    topic_id: str
    texts: dict  # the `taller` block in `lang`
    lang: str  # language of `texts` (Spanish when the translation has no kit)
    minutes: int | None


def myths(page, lang: str, source: str, fallbacks=()) -> list[Myth]:
    """The myths of a community topic in `lang`, in the Spanish order; a myth missing in
    `lang` comes from the first of `fallbacks` (e.g. French for Kreyòl) that has it, else Spanish."""
    spanish = page.docs[source].data.get("mitos") or []
    translations = []
    for code in dict.fromkeys([lang, *fallbacks]):
        if code != source and code in page.docs:
            translations.append((code, {m.get("id"): m for m in page.docs[code].data.get("mitos") or []
                                        if isinstance(m, dict)}))
    found = []
    for item in spanish:
        own = next(((code, mine[item["id"]]) for code, mine in translations if item["id"] in mine), None)
        texts, served = (own[1], own[0]) if own else (item, source)
        found.append(Myth(item["id"], texts["mito"], texts["realidad"], item.get("fuentes") or [], served))
    return found


def kit(page, lang: str, source: str) -> Kit | None:
    spanish = page.docs[source].data.get("taller")
    if not spanish:
        return None
    own = page.docs[lang].data.get("taller") if lang in page.docs else None
    texts, served = (own, lang) if own else (spanish, source)
    return Kit(page.kind, page.id, texts, served, spanish.get("duracion_minutos"))


def kits(content, lang: str) -> list[Kit]:
    found = []
    for page in content.awareness_topics().values():
        if content.source_lang in page.docs:
            k = kit(page, lang, content.source_lang)
            if k:
                found.append(k)
    return sorted(found, key=lambda k: (k.topic_kind != "comunidad", k.topic_id))


def check(content, findings) -> None:
    source = content.source_lang
    for page in content.awareness_topics().values():
        src = page.docs.get(source)
        if src is None:
            continue  # crosscheck reports the missing original
        if not src.data.get("taller"):
            findings.warning(src.path, 1, "falta-taller",
                             'este tema no tiene "taller": no habrá ficha para facilitar ni cartel; '
                             "agrega el bloque taller (objetivo, publico, mensajes_clave, preguntas, materiales, cartel)")
        spanish_ids = set()
        for i, item in enumerate(src.data.get("mitos") or []):
            if not isinstance(item, dict):
                continue
            spanish_ids.add(item.get("id"))
            if not item.get("fuentes"):
                findings.error(src.path, src.line(("mitos", i)), "mito-sin-fuente",
                               f'el mito "{item.get("id")}" no tiene fuentes: cada respuesta necesita de dónde sale '
                               "(titulo, url y consultado)")
        for lang, doc in page.docs.items():
            if lang == source:
                continue
            _check_translation(content, findings, src, doc, lang, spanish_ids)


def _check_translation(content, findings, src, doc, lang, spanish_ids) -> None:
    name = f"{drift.language_name(lang)} ({lang})"
    own = {}
    for i, item in enumerate(doc.data.get("mitos") or []):
        if not isinstance(item, dict):
            continue
        own[item.get("id")] = item
        if item.get("id") not in spanish_ids:
            findings.error(doc.path, doc.line(("mitos", i, "id")), "mito-desconocido",
                           f'el mito "{item.get("id")}" no existe en la versión en español ({findings.relative(src.path)}); '
                           "usa el mismo id que allí")
        if "fuentes" in item:
            findings.error(doc.path, doc.line(("mitos", i, "fuentes")), "campo-solo-original",
                           f'las fuentes del mito van solo en la versión en español ({findings.relative(src.path)}): '
                           "bórralas de la traducción")
    missing = [i for i in spanish_ids if i not in own]
    if missing:
        findings.warning(doc.path, 1, "falta-traduccion",
                         f"faltan en {name} los mitos {', '.join(sorted(str(m) for m in missing))}; "
                         "se mostrarán en español con un aviso")
    kit_texts = doc.data.get("taller")
    if isinstance(kit_texts, dict):
        for key in SOURCE_ONLY_KIT_FIELDS:
            if key in kit_texts:
                findings.error(doc.path, doc.line(("taller", key)), "campo-solo-original",
                               f'"taller.{key}" va solo en la versión en español ({findings.relative(src.path)}): '
                               "bórralo de la traducción")
    elif src.data.get("taller"):
        findings.warning(doc.path, 1, "falta-traduccion",
                         f'falta en {name} el bloque "taller"; la ficha y el cartel saldrán en español con un aviso')
