"""Search: shared normalisation, the built indexes, and the browser side in Chromium."""

from __future__ import annotations

import json

import pytest
from lunr.index import Index

from ventanilla.search import compact, text


def test_folding_and_tokens_match_the_issue_examples():
    assert text.tokens("TRÁMITE trámite tramite", "es") == ["tramite"] * 3
    assert text.tokens("la demande d'asile", "fr") == ["demande", "asile"]
    assert text.tokens("Información de la COMAR", "es") == ["informacion", "comar"]
    assert text.tokens("the right to work", "en") == ["right", "work"]


def test_stop_words_live_in_the_repository():
    for lang in ("es", "en", "fr"):
        assert len(text.stop_words(lang)) > 40
    assert text.stop_words("xx") == frozenset()  # a new language works without a list


def test_one_index_per_language_that_lunr_py_loads(bundled_build):
    root, result = bundled_build
    files = sorted((root / "site" / "search").glob("*.json"))
    assert [f.name.split(".")[0] for f in files] == sorted(result.content.codes)
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        serialized = compact.unpack(data["index"])
        index = Index.load(serialized)
        assert index.search("ventanilla") or index.search("desk") or index.search("guichet")
        assert serialized["pipeline"] == []  # lunr.js needs no registered function
        assert len(data["docs"]) == len(serialized["fieldVectors"]) // 2
        assert compact.pack(serialized, len(data["docs"])) == data["index"]  # lossless round trip


def test_each_search_page_points_at_its_own_language_index(bundled_build):
    root, result = bundled_build
    for i, lang in enumerate(result.content.codes):
        page = (root / "site" / ("" if i == 0 else lang) / "buscar" / "index.html").read_text(encoding="utf-8")
        assert f'data-index="{"../" if i == 0 else "../../"}search/{lang}.' in page
        assert 'data-lang="%s"' % lang in page


def test_the_a_to_z_list_holds_every_desk_service_and_page(bundled_build):
    root, result = bundled_build
    page = (root / "site" / "en" / "buscar" / "index.html").read_text(encoding="utf-8")
    for desk in result.content.desks():
        assert f'href="../ventanillas/{desk}/"' in page
    for service in result.content.services():
        assert f'href="../directorio/{service}/"' in page
    for kind, folder in (("tramite", "tramites"), ("riesgo", "riesgos")):
        for page_id in result.content.pages[kind]:
            assert f'href="../{folder}/{page_id}/"' in page


def test_first_search_downloads_at_most_40_kb_brotli(bundled_build):
    site = bundled_build[0] / "site"
    script = next((site / "assets").glob("search.*.js.br")).stat().st_size
    lunr = next((site / "assets" / "vendor" / "lunr-2.3.9").glob("lunr.min.*.js.br")).stat().st_size
    for index in (site / "search").glob("*.json.br"):
        total = script + lunr + index.stat().st_size
        assert total <= 40 * 1024, (index.name, total)
