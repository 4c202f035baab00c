"""Text normalisation for search, identical at index time (here) and query time
(overrides/assets/search.js `fold`, `stem`, `terms`; query.py): keep them in step.

1. case and accent folding: NFD, drop combining marks, lower case
   (TRÁMITE, trámite, tramite -> tramite; niño -> nino);
2. tokens are runs of [a-z0-9]; everything else separates, so d'asile -> d, asile;
3. one-letter tokens, the language's stop words and numbers of four or more digits
   (years, postal codes, pieces of phone numbers: 6 % of the terms, never searched;
   911, 088 or "La 72" stay) are dropped.
The index is not stemmed: the browser matches prefixes (tramit -> tramite, tramites),
and strips a query word's suffix to search its stem as a prefix too (`stem`, by
suffix lists that travel in the index file, so Python and JavaScript cannot disagree).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def stop_words(lang: str) -> frozenset[str]:
    """Stop words kept in ventanilla/search/stopwords/<lang>.txt (none for a new language)."""
    path = resources.files("ventanilla.search") / "stopwords" / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(fold(line).split())
    return frozenset(words)


def tokens(text: str, lang: str) -> list[str]:
    stops = stop_words(lang)
    return [t for t in TOKEN.findall(fold(text)) if len(t) > 1 and t not in stops and not (t.isdigit() and len(t) > 3)]


# Query-side suffix stripping. The index keeps whole words; a query word also searches
# its stem as a prefix (secuestraron -> secuestr* finds secuestro), and editors'
# synonyms are looked up by stems, so one entry covers a verb's forms. The lists travel
# in each language's index file and search.js applies them with the same rule (`stem`):
# the longest suffix whose removal leaves at least MIN_STEM letters.
MIN_STEM = 4
SUFFIXES = {
    "es": """aramos ieramos iesemos asemos ciones aremos eremos iremos abamos ieron iendo
             arme arte arse erme erte erse irme irte irse ando aron aban abas aria eria iria
             aste iste ados adas idos idas amos emos imos ara era ira aba ado ada ido ida cion
             ia io an en as es os ar er ir a o e s""",
    "en": """ations ation ings ing ies ied ers ed er es ly s""",
    "fr": """eraient assent aient ements ement ments ment erait erons eront tions tion ees
             ant ent ons ait ais ees ee er ez es ir is ue us u e s x""",
}


@cache
def suffixes(lang: str) -> tuple[str, ...]:
    """The language's suffixes, longest first (none for a language without a list)."""
    return tuple(sorted(set(SUFFIXES.get(lang, "").split()), key=lambda s: (-len(s), s)))


def stem(token: str, suffix_list: tuple[str, ...] | list[str]) -> str:
    for suffix in suffix_list:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_STEM:
            return token[: -len(suffix)]
    return token


def words(text: str) -> list[str]:
    """Folded tokens of a query, stop words included (synonym phrases may hold them)."""
    return TOKEN.findall(fold(text))
