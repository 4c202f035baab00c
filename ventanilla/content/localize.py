"""Pick the reader's language out of a text that holds several, with fallback.

A text in content is either a plain string (a proper name, the same in every
language) or a mapping {es: …, en: …}. When the reader's language is missing, the
source-language text is served and the caller learns it, to mark it `lang="es"` and
show a notice: a missing translation is a gap, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Text:
    value: object  # str, or list of str
    lang: str | None  # language of the value; None for language-neutral names
    fallback: bool = False  # True when the reader's language was missing


def pick(value, lang: str, fallbacks) -> Text | None:
    """The text in `lang`, else in the first of `fallbacks` that has it (the language's
    chain from sitio.yml, e.g. ht → fr → es; a single code is the source language)."""
    if value is None:
        return None
    if isinstance(value, dict):
        if value.get(lang):
            return Text(value[lang], lang)
        for other in ([fallbacks] if isinstance(fallbacks, str) else fallbacks):
            if value.get(other):
                return Text(value[other], other, fallback=other != lang)
        return None
    return Text(value, None)


def own_name(code: str) -> str:
    """A language's name in itself, from Babel (CLDR): "Português", "Kreyòl Ayisyen"; the code if unknown."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def language_names(content, codes) -> str:
    """"Español, Kreyòl ayisyen": the names configured in sitio.yml first, then Babel's."""
    names = {lang.code: lang.name for lang in content.languages}
    return ", ".join(names.get(code) or own_name(code) for code in codes)


def plain(value, lang: str, fallbacks, default: str = "") -> str:
    """The text alone, for places where a fallback needs no marking (titles in lists)."""
    text = pick(value, lang, fallbacks)
    return text.value if text else default
