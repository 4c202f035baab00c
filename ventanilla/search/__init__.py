"""Site search: one lunr index per language, built from the finished HTML.

text.py      the normalisation shared with the browser (search.js mirrors it)
documents.py pages and their sections, read from the built HTML
index.py     lunr.py index per language, serialised for lunr.js 2.3.9
compact.py   the index's transport form; the browser scores the documents itself
query.py     what search.js does with a question, in Python (tests, benchmark)
"""
