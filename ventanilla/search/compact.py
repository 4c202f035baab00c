"""A compact, lossless transport form of a serialised lunr index.

lunr's JSON repeats field names and writes every posting as `"12":{}`; on a phone
every byte counts. `pack` turns lunr.py's serialisation into:
    {"fields": [...], "terms": "a b c", "postings": [[[doc deltas] per field] per term],
     "vectors": [[[term-index delta, score × 10, …] per field] per document]}
and `unpack` (mirrored by `expand` in overrides/assets/search.js) gives back exactly
the object lunr.js 2.3.9 loads, with two normalisations made here, at build time:
term indices are the terms' sorted positions, and scores are kept in quarter points (SCALE).
Document references must be "0", "1", … in order.
"""

from __future__ import annotations

LUNR_VERSION = "2.3.9"
SCALE = 4  # quarter points: ranks barely move, the file shrinks by about 7 %


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


def pack(serialized: dict, documents: int) -> dict:
    fields = serialized["fields"]
    renumber = {entry["_index"]: i for i, (_, entry) in enumerate(serialized["invertedIndex"])}
    postings = [[_deltas(sorted(int(ref) for ref in entry.get(f, {}))) for f in fields]
                for _, entry in serialized["invertedIndex"]]
    vectors_by_ref = dict(serialized["fieldVectors"])
    vectors = []
    for doc in range(documents):
        row = []
        for f in fields:
            flat = vectors_by_ref.get(f"{f}/{doc}", [])
            pairs = sorted((renumber[flat[j]], round(flat[j + 1] * SCALE)) for j in range(0, len(flat), 2))
            indices = _deltas([p[0] for p in pairs])
            row.append([x for index, (_, score) in zip(indices, pairs) for x in (index, score)])
        vectors.append(row)
    return {"fields": fields, "terms": " ".join(t for t, _ in serialized["invertedIndex"]),
            "postings": postings, "vectors": vectors}


def unpack(packed: dict) -> dict:
    fields = packed["fields"]
    inverted = []
    for i, term in enumerate(packed["terms"].split(" ") if packed["terms"] else []):
        entry = {"_index": i}
        for k, f in enumerate(fields):
            entry[f] = {str(doc): {} for doc in _undeltas(packed["postings"][i][k])}
        inverted.append([term, entry])
    vectors = []
    for doc, row in enumerate(packed["vectors"]):
        for k, f in enumerate(fields):
            flat = row[k]
            indices = _undeltas(flat[0::2])
            vector = [x for index, score in zip(indices, flat[1::2]) for x in (index, score / SCALE)]
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
