"""Search: shared normalisation, the built indexes, and the browser side in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from lunr.index import Index

from ventanilla.search import compact, query, text
from ventanilla.search import index as search_index

QUESTIONS = Path(__file__).with_name("search_questions.yml")


def questions(lang: str) -> list[tuple[str, list[str]]]:
    """tests/search_questions.yml: (question, pages any of which must be in the top 3)."""
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))[lang]
    return [(q, expected if isinstance(expected, list) else [expected]) for q, expected in data.items()]


def test_folding_and_tokens_match_the_issue_examples():
    assert text.tokens("TRÁMITE trámite tramite", "es") == ["tramite"] * 3
    assert text.tokens("la demande d'asile", "fr") == ["demande", "asile"]
    assert text.tokens("Información de la COMAR", "es") == ["informacion", "comar"]
    assert text.tokens("the right to work", "en") == ["right", "work"]


def test_stop_words_live_in_the_repository():
    for lang in ("es", "en", "fr", "ht"):
        assert len(text.stop_words(lang)) > 40
    assert text.stop_words("xx") == frozenset()  # a new language works without a list


def test_one_index_per_language_that_lunr_py_loads(bundled_build):
    root, result = bundled_build
    files = sorted((root / "site" / "search").glob("*.json"))
    assert [f.name.split(".")[0] for f in files] == sorted(result.content.codes)
    for f in files:
        lang = f.name.split(".")[0]
        data = json.loads(f.read_text(encoding="utf-8"))
        serialized = compact.unpack(data["index"])
        index = Index.load(serialized)
        # the language's own word for the desk list ("Ventanillas", "Desks", "Guichets", "Biwo
        # enfòmasyon") finds that page in its index
        word = text.tokens(result.content.ui[lang]["ventanillas"], lang)[0]
        found = [compact.unpack_docs(data["docs"])[int(hit["ref"])][0] for hit in index.search(word)]
        assert "ventanillas/" in found, (lang, word, found[:10])
        assert serialized["pipeline"] == []  # lunr.js needs no registered function
        assert len(data["docs"]) == len(serialized["fieldVectors"]) // 2


def test_each_search_page_points_at_its_own_language_index(bundled_build):
    root, result = bundled_build
    for i, lang in enumerate(result.content.codes):
        page = (root / "site" / ("" if i == 0 else lang) / "buscar" / "index.html").read_text(encoding="utf-8")
        assert f'data-index="{"../" if i == 0 else "../../"}search/{lang}.' in page
        assert f'data-lang="{lang}"' in page


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


def test_query_words_are_stemmed_the_same_way_the_browser_does():
    es, en, fr = (text.suffixes(lang) for lang in ("es", "en", "fr"))
    assert text.stem("secuestraron", es) == text.stem("secuestrar", es) == "secuestr"
    assert text.stem("extorsionando", es) == "extorsion"
    assert text.stem("desaparecio", es) == text.stem("desaparecer", es)
    assert text.stem("kidnapped", en) == "kidnapp"
    assert text.stem("enleve", fr) == text.stem("enlever", fr) == "enlev"
    assert text.stem("gratuite", fr) == "gratuit"
    assert text.stem("comer", es) == "comer" and text.stem("asilo", es) == "asil"  # at least four letters stay
    assert text.suffixes("xx") == ()  # a new language works without a list


def test_synonyms_are_found_by_the_stems_of_a_question():
    data = {"suffixes": list(text.suffixes("es")), "stop": sorted(text.stop_words("es")),
            "synonyms": search_index._synonyms({"secuestrar": ["secuestro"], "me pega": ["violencia"],
                                                "abogado": ["asesoria legal"]}, "es")}
    assert [w for w, _ in query.terms("¿Dónde me secuestraron?", data)] == ["secuestraron", "secuestro"]
    assert [w for w, _ in query.terms("mi pareja me pega", data)] == ["pareja", "pega", "violencia"]
    assert [w for w, _ in query.terms("necesito un abogado", data)] == ["abogado", "asesoria", "legal"]


def test_question_words_are_not_searched():
    for lang, question in (("es", "donde puedo necesito quiero como"), ("en", "where can i need want how"),
                           ("fr", "ou comment besoin veux puis")):
        assert text.tokens(question, lang) == [], lang


def test_place_words_come_from_desks_services_and_states(bundled_build):
    content = bundled_build[1].content
    words = search_index.place_words(content, "es")
    assert {"tapachula", "tijuana", "chiapas", "villahermosa", "potosi"} <= set(words)
    assert not {"mexico", "centro", "de"} & set(words)  # shared by two states, or a bracketed name's label


def _answers(root, lang):
    from lunr.index import Index
    data = json.loads(next((root / "site" / "search").glob(f"{lang}.*.json")).read_text(encoding="utf-8"))
    index = Index.load(compact.unpack(data["index"]))
    return lambda q: [r["url"].split("#")[0] for r in query.search(index, data, q)[:3]]


@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_questions_find_their_page_in_the_top_three(bundled_build, lang):
    """At least 95 % of tests/search_questions.yml, through query.py (what search.js does)."""
    root, result = bundled_build
    site = root / "site" / ("" if lang == result.content.codes[0] else lang)
    asked = questions(lang)
    assert len(asked) >= (15 if lang == "ht" else 40)  # Kreyòl: the issue asks for at least 15
    missing = [p for _, pages in asked for p in pages if not (site / p / "index.html").exists()]
    assert not missing, f"search_questions.yml names pages that are not built: {missing}"
    answer = _answers(root, lang)
    misses = [f"{q!r}: expected {pages}, got {top}" for q, pages in asked
              if not set(pages) & set(top := answer(q))]
    assert len(misses) <= len(asked) * 0.05, "\n".join(misses)


def test_the_compact_index_gives_back_what_lunr_py_builds(bundled_build):
    """compact.unpack rebuilds lunr.py's inverted index exactly and its field vectors to
    the quarter point (search.js `expand` does the same; the browser test compares them)."""
    root, result = bundled_build
    site = root / "site"
    for lang in result.content.codes:
        lang_root, skip = search_index.language_root(site, result.content.codes, lang)
        from ventanilla.search import documents
        docs = [d for path, url in documents.language_pages(lang_root, skip) if search_index.indexed(url)
                for d in documents.page_documents(path.read_bytes(), url, search_index.document_mode(url))]
        builder = search_index.lunr_builder(lang, docs)
        packed = compact.pack(builder, len(docs))
        ours = compact.unpack(json.loads(json.dumps(packed)))
        theirs = builder.build().serialize()
        # lunr.py numbers terms in the order it met them; the compact form, alphabetically
        renumber = {entry["_index"]: i for i, (_, entry) in enumerate(theirs["invertedIndex"])}
        assert ours["invertedIndex"] == [[term, dict(entry, _index=renumber[entry["_index"]])]
                                         for term, entry in theirs["invertedIndex"]]
        assert [ref for ref, _ in ours["fieldVectors"]] == [ref for ref, _ in theirs["fieldVectors"]]
        for (ref, mine), (_, lunr) in zip(ours["fieldVectors"], theirs["fieldVectors"]):
            pairs = sorted((renumber[lunr[j]], lunr[j + 1]) for j in range(0, len(lunr), 2))
            assert mine[0::2] == [i for i, _ in pairs], ref
            assert all(abs(a - b) <= 0.5 / compact.SCALE + 0.001 for a, (_, b) in zip(mine[1::2], pairs)), ref
        assert json.loads(next((site / "search").glob(f"{lang}.*.json")).read_text(encoding="utf-8"))["index"] == packed
        assert compact.unpack_docs(compact.pack_docs([[d.url, d.title, d.heading, d.snippet] for d in docs])) \
            == [[d.url, d.title, d.heading, d.snippet] for d in docs]
