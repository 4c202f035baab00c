"""A compact, lossless transport form of a lunr index: the browser rebuilds the rest.

lunr's JSON repeats field names, writes every posting as `"12":{}` and stores a score
for every term of every field of every document (its field vectors), which was 40 % of
the file after brotli. `pack` keeps what those scores are computed from:
    {"fields": [...], "boosts": [field boosts], "docBoosts": [per document],
     "terms": "a b c", "postings": [[[doc deltas] per field] per term]}
where a document is listed once per occurrence of the term (a delta of 0 repeats it:
the term frequency). `unpack` (mirrored by `expand` in overrides/assets/search.js)
gives back the object lunr.js 2.3.9 loads: the inverted index, and field vectors
scored with lunr's own BM25 formula (k1 1.2, b 0.75, idf counting a document once per
field, as lunr does), kept in quarter points (SCALE). Both sides do the same floating
point operations in the same order, so lunr.js and lunr.py rank alike.
Document references must be "0", "1", … in order.
"""

from __future__ import annotations

import math

LUNR_VERSION = "2.3.9"
SCALE = 4  # quarter points: ranks barely move
K1, B = 1.2, 0.75  # lunr's defaults


def _deltas(values: list[int]) -> list[int]:
    out, previous = [], 0
    for value in values:
        out.append(value - previous)
        previous = value
    return out


def _undeltas(values: list[int]) -> list[int]:
    out, total = [], 0
    for value in values:
        total += value
        out.append(total)
    return out


def pack(builder, documents: int) -> dict:
    """The compact form of a lunr.py Builder's documents (added, not yet built)."""
    fields = list(builder._fields)
    terms = sorted(builder.inverted_index)
    position = {term: i for i, term in enumerate(terms)}
    postings = [[[] for _ in fields] for _ in terms]
    for doc in range(documents):
        for k, field in enumerate(fields):
            for term, tf in builder.field_term_frequencies[f"{field}/{doc}"].items():
                postings[position[term]][k].extend([doc] * tf)
    return {"fields": fields, "boosts": [builder._fields[f].boost for f in fields],
            "docBoosts": [builder._documents[str(doc)].get("boost", 1) for doc in range(documents)],
            "terms": " ".join(terms), "postings": [[_deltas(docs) for docs in row] for row in postings]}


def unpack(packed: dict) -> dict:
    fields, boosts, doc_boosts = packed["fields"], packed["boosts"], packed["docBoosts"]
    n = len(doc_boosts)
    terms = packed["terms"].split(" ") if packed["terms"] else []
    inverted = []
    tf = [[{} for _ in fields] for _ in range(n)]  # doc -> field -> {term index: frequency}
    lengths = [[0] * len(fields) for _ in range(n)]
    idf = []
    for i, term in enumerate(terms):
        entry = {"_index": i}
        with_term = 0
        for k, f in enumerate(fields):
            docs = _undeltas(packed["postings"][i][k])
            for doc in docs:
                tf[doc][k][i] = tf[doc][k].get(i, 0) + 1
                lengths[doc][k] += 1
            entry[f] = {str(doc): {} for doc in docs}
            with_term += len(entry[f])
        idf.append(math.log(1 + abs((n - with_term + 0.5) / (with_term + 0.5))))
        inverted.append([term, entry])
    average = [sum(lengths[doc][k] for doc in range(n)) / n if n else 0 for k in range(len(fields))]
    vectors = []
    for doc in range(n):
        for k, f in enumerate(fields):
            vector = []
            for i in sorted(tf[doc][k]):
                freq = tf[doc][k][i]
                score = idf[i] * ((K1 + 1) * freq) / (K1 * (1 - B + B * (lengths[doc][k] / average[k])) + freq)
                score *= boosts[k]
                score *= doc_boosts[doc]
                vector.extend((i, math.floor(score * SCALE + 0.5) / SCALE))
            vectors.append([f"{f}/{doc}", vector])
    return {"version": LUNR_VERSION, "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": []}


def pack_docs(docs: list[list[str]]) -> list[list[str]]:
    """[url, title, heading, snippet] rows, a page's sections after its first row written
    as [#anchor, "", heading, snippet]: brotli then has about 400 bytes less to send."""
    out, page = [], None
    for url, title, heading, snippet in docs:
        base, _, anchor = url.partition("#")
        if base == page and anchor:
            out.append(["#" + anchor, "", heading, snippet])
        else:
            out.append([url, title, heading, snippet])
        page = base
    return out


def unpack_docs(rows: list[list[str]]) -> list[list[str]]:
    """The inverse of pack_docs (search.js `expandDocs` does the same)."""
    out, page, page_title = [], "", ""
    for url, title, heading, snippet in rows:
        if url.startswith("#"):
            out.append([page + url, page_title, heading, snippet])
        else:
            page, page_title = url.split("#")[0], title
            out.append([url, title, heading, snippet])
    return out
