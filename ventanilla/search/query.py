"""What the browser does with a query, in Python: overrides/assets/search.js `terms` and
`search` do exactly this (keep them in step); the tests and scripts/benchmark_search.py
use it to measure answers against the built index with lunr.py.

1. The query is folded and split like the indexed text (text.py); stop words, which
   include question words ("donde", "quiero", "how", "comment"), are dropped.
2. Each word is searched as typed (boost 10), as a prefix (4), by its stem as a prefix
   (2: secuestraron -> secuestr*, text.stem) and, from four letters, with one typo (1).
3. Editors' synonyms (content/<lang>/sinonimos.yml), looked up by the stems of the
   query's words, add the portal's own words (abogado -> asesoria legal).
4. Place names: a result whose title names a place of the query (a desk's or a
   service's municipality or state) and that also matches another word of the query
   is that place's answer; its score is multiplied by PLACE_BOOST, so "albergue
   tijuana" puts Tijuana's shelter first, not every shelter nor every Tijuana page.
Results are pages: a page's sections after its best one are skipped.
"""

from __future__ import annotations

from . import compact, text

MAX = 10
PLACE_BOOST = 3


def terms(query: str, data: dict) -> list[tuple[str, str]]:
    """(word, stem) pairs to search, from a query and one language's index file."""
    suffixes, stop = data["suffixes"], set(data["stop"])
    words = text.words(query)
    stems = " " + " ".join(text.stem(w, suffixes) for w in words) + " "
    extra = []
    for phrase, portal_words in data["synonyms"].items():
        if " " + phrase + " " in stems:
            extra.extend(portal_words)
    out, seen = [], set()
    for word in words + extra:
        if len(word) < 2 or word in stop or word in seen:
            continue
        seen.add(word)
        out.append((word, text.stem(word, suffixes)))
    return out


def search(index, data: dict, query: str) -> list[dict]:
    """Results (url, title, heading, snippet) of a query, best first, one per page.
    `index`: the lunr.py Index of `data` (compact.unpack(data["index"]))."""
    from lunr.query import Query

    pairs = terms(query, data)
    if not pairs:
        return []

    def build(q):
        for word, stem in pairs:
            q.term(word, use_pipeline=False, boost=10)
            q.term(word, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=4)
            if stem != word:
                q.term(stem, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=2)
            if len(word) > 3:
                q.term(word, use_pipeline=False, edit_distance=1, boost=1)

    docs = compact.unpack_docs(data["docs"])
    places = set(data["places"])
    hits = []
    for hit in index.query(callback=build):
        matched = hit["match_data"].metadata
        here = any(t in places and "title" in fields for t, fields in matched.items())
        need = any(t not in places for t in matched)
        hits.append((hit["score"] * (PLACE_BOOST if here and need else 1), hit["ref"]))
    hits.sort(key=lambda h: -h[0])  # stable, like Array.prototype.sort
    results, pages = [], set()
    for _, ref in hits:
        url, title, heading, snippet = docs[int(ref)]
        page = url.split("#")[0]
        if page in pages:
            continue
        pages.add(page)
        results.append({"url": url, "title": title, "heading": heading, "snippet": snippet})
        if len(results) >= MAX:
            break
    return results
