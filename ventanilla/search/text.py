"""Text normalisation for search, identical at index time (here) and query time
(overrides/assets/search.js `normalize`): keep both in step.

1. case and accent folding: NFD, drop combining marks, lower case
   (TRÁMITE, trámite, tramite -> tramite; niño -> nino);
2. tokens are runs of [a-z0-9]; everything else separates, so d'asile -> d, asile;
3. one-letter tokens and the language's stop words are dropped.
No stemming: the browser matches prefixes instead (tramit -> tramite, tramites),
which needs no Python/JavaScript stemmer parity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=None)
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
    return [t for t in TOKEN.findall(fold(text)) if len(t) > 1 and t not in stops]
