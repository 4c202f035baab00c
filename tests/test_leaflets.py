"""Printable leaflets (issue 5): every leaflet in every language, within its page limit,
holding its title, printed URL, date and contacts, with a QR code that decodes to that
URL, embedded fonts, 11 pt or larger black-on-white text, and linked from its page.

The small fixture and the bundled content are each built once per session
(`fixture_build` and `bundled_build` in conftest.py). QR codes are decoded from the rendered PDF page
(pypdfium2 + zxing-cpp), not read back from the SVG that went in.
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import pytest
import zxingcpp

from ventanilla import pipeline
from ventanilla.cli import main as cli
from ventanilla.content import directory, routes
from ventanilla.content import leaflet_locations as locations
from ventanilla.leaflets import build_all, documents
from ventanilla.leaflets.render import PAPERS, last_page_fill
from ventanilla.leaflets.texts import LeafletTexts
from ventanilla.render import leaflet_links as leaflet_web
from ventanilla.render.pagecontext import PageContext, phone_forms

REPO = Path(__file__).resolve().parent.parent
KINDS = ("tramite", "riesgo", "ventanilla", "referencia", "paquete", "ficha", "cartel", "cartel-grande")
POSTERS = ("cartel", "cartel-grande")
SIZE_LIMIT = 150 * 1024


# -- helpers -------------------------------------------------------------------
def site_pdf(site: Path, content, built) -> Path:
    return site / locations.language_prefix(content, built.leaflet.lang) / built.leaflet.file


def flat(text: str) -> str:
    """Text without any whitespace, lower case: lines wrap anywhere in a PDF."""
    return re.sub(r"\s+", "", text).casefold()


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))  # PDFium: fast enough for every leaflet
    try:
        # PDFium writes a hyphen at which a line was broken as U+FFFE
        return "\n".join(page.get_textpage().get_text_range() for page in document).replace("\ufffe", "-")
    finally:
        document.close()


def qr_codes(path: Path, page: int = 0) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        image = document[page].render(scale=3).to_pil()  # 216 dpi, like a phone camera close up
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def fonts(path: Path) -> set[tuple[str, bool]]:
    found = set()
    for page in pypdf.PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font["/BaseFont"]), embedded))
    return found


def is_grey(colour) -> bool:
    """Black, white or grey: nothing that needs colour to be understood."""
    if colour is None:
        return True
    values = colour if isinstance(colour, (list, tuple)) else (colour,)
    values = [v for v in values if isinstance(v, (int, float))]
    if len(values) in (0, 1):
        return True
    if len(values) == 3:
        return max(values) - min(values) < 0.01
    if len(values) == 4:  # CMYK: grey when C = M = Y = 0
        return max(values[:3]) < 0.01
    return False


def contacts(content, leaflet) -> list[str]:
    """Phone numbers (as printed) that the leaflet must hold."""
    v = leaflet.values
    if leaflet.kind == "referencia":
        phones = [p["numero"] for p in v["s"].get("telefonos") or []]
        phones += [p["numero"] for u in v["s"].get("ubicaciones") or [] for p in u.get("telefonos") or []]
    elif leaflet.kind == "ventanilla":
        phones = [p["numero"] for p in v["d"].get("telefonos") or []]
        phones += [box["numero"] for box in v["emergency"]]
    elif leaflet.kind == "riesgo":
        phones = [box["numero"] for box in v["calls"]]
    elif leaflet.kind == "tramite":
        phones = [s["telefonos"][0]["numero"] for s in v["services"] if s.get("telefonos")]
    elif leaflet.kind == "ficha":
        phones = [box["numero"] for box in v["calls"]]
    elif leaflet.kind in POSTERS:
        phones = [box["numero"] for box in v["calls"][:2]]  # a poster keeps at least the first two
    else:
        phones = []
    return [phone_forms(number)[0] for number in phones]


def checked_text(content, leaflet) -> str:
    texts = LeafletTexts(content, leaflet.lang)
    return texts.ui(leaflet.trust_key, fecha=texts.date(leaflet.checked))


# -- builds ----------------------------------------------------------------------
@pytest.fixture(params=["fixture", pytest.param("bundled", marks=pytest.mark.slow)])
def any_build(request):
    return request.getfixturevalue(f"{request.param}_build")


def sample(result):
    """One leaflet of each kind in each language (the first by id)."""
    picked = {}
    for built in sorted(result.leaflets.built, key=lambda b: b.leaflet.id):
        picked.setdefault((built.leaflet.kind, built.leaflet.lang), built)
    return list(picked.values())


# -- what exists -------------------------------------------------------------------
def test_every_leaflet_exists_in_every_language(any_build):
    root, result = any_build
    content, site = result.content, root / "site"
    expected = set()
    for lang in content.codes:
        prefix = locations.language_prefix(content, lang)
        expected |= {f"{prefix}folletos/tramites/{i}.pdf" for i, p in content.pages["tramite"].items() if content.source_lang in p.docs}
        expected |= {f"{prefix}folletos/riesgos/{i}.pdf" for i, p in content.pages["riesgo"].items() if content.source_lang in p.docs}
        expected |= {f"{prefix}folletos/ventanillas/{i}.pdf" for i in content.desks()}
        expected |= {f"{prefix}folletos/paquetes/{i}.pdf" for i in content.desks()}
        # a slip for every open service with a phone, WhatsApp or e-mail: nothing to refer a person to otherwise
        expected |= {f"{prefix}folletos/referencias/{i}.pdf" for i, s in content.services().items() if directory.reachable(s.data)}
        for topic_id, topic in content.awareness_topics().items():  # activity kits: every topic with `taller`
            if (topic.docs.get(content.source_lang) and topic.docs[content.source_lang].data.get("taller")):
                expected |= {f"{prefix}folletos/{folder}/{topic_id}.pdf" for folder in ("fichas", "carteles", "carteles-grandes")}
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}
    assert found == expected
    for path in found:
        assert (site / path).read_bytes().startswith(b"%PDF-")


def test_page_counts_within_limits(any_build):
    root, result = any_build
    limits = {"tramite": 2, "riesgo": 1, "ventanilla": 1, "referencia": 1, "ficha": 2, "cartel": 1, "cartel-grande": 1}
    for built in result.leaflets.built:
        pages = len(pypdf.PdfReader(site_pdf(root / "site", result.content, built)).pages)
        assert pages == built.pages, built.leaflet.key
        if built.leaflet.kind in limits:
            assert 1 <= pages <= limits[built.leaflet.kind], (built.leaflet.key, pages)
        else:  # a desk pack: desk leaflet, urgent help, services of its state, procedures
            sections = built.leaflet.sections
            assert [s.kind for s in sections[:3]] == ["ventanilla", "urgencias", "servicios"]
            assert {s.id for s in sections if s.kind == "tramite"} == {
                i for i, p in result.content.pages["tramite"].items() if result.content.source_lang in p.docs}
            assert pages >= len(sections)
    assert not [f for f in result.findings.warnings if f.code == "folleto-largo"]


def test_each_leaflet_at_most_150_kb_except_desk_packs(any_build):
    _, result = any_build
    for built in result.leaflets.built:
        if built.leaflet.kind != "paquete":
            assert built.size <= SIZE_LIMIT, (built.leaflet.key, built.size)


# -- what each holds ------------------------------------------------------------------
def test_text_holds_title_printed_url_date_and_contacts(any_build):
    root, result = any_build
    content = result.content
    for built in result.leaflets.built:
        text = flat(pdf_text(site_pdf(root / "site", content, built)))
        # a desk pack has no cover (a sheet less to print each day): each of its sheets is checked
        for leaflet in built.leaflet.sections or [built.leaflet]:
            # a poster prints its topic and headline; its title ("Poster: …") is the PDF's title
            title = leaflet.values["topic"] if leaflet.kind in POSTERS else leaflet.title
            assert flat(title) in text, leaflet.key
            assert flat(leaflet.printed_url) in text, leaflet.key
            assert not leaflet.printed_url.startswith("http") and leaflet.url.startswith(content.site["url"])
            assert flat(LeafletTexts(content, leaflet.lang).network()) in text, leaflet.key
            if leaflet.checked:
                assert flat(checked_text(content, leaflet)) in text, leaflet.key
            for phone in contacts(content, leaflet):
                assert flat(phone) in text, (leaflet.key, phone)


def test_the_printed_url_is_the_page_in_the_same_language(fixture_build):
    root, result = fixture_build
    content = result.content
    for built in result.leaflets.built:
        leaflet = built.leaflet
        prefix = locations.language_prefix(content, leaflet.lang)
        assert leaflet.url == f"https://ventanillas.example.org/{prefix}{routes.url(leaflet.page)}"
        page = root / "site" / prefix / routes.url(leaflet.page) / "index.html"
        assert page.exists(), leaflet.key


def test_qr_code_decodes_to_the_printed_url(any_build):
    """Every fixture leaflet, one of each kind and language of the bundled content."""
    root, result = any_build
    chosen = result.leaflets.built if len(result.leaflets.built) < 40 else sample(result)
    for built in chosen:
        leaflet = built.leaflet
        codes = qr_codes(site_pdf(root / "site", result.content, built))
        assert leaflet.url in codes, (leaflet.key, codes)
        if leaflet.kind in ("ventanilla", "paquete"):
            desk = result.content.desks()[leaflet.id].data
            if desk.get("coordenadas"):
                assert documents.map_url(desk["coordenadas"]) in codes, leaflet.key
        if leaflet.kind == "referencia" and built.entry.fit < 2:
            assert codes.count(leaflet.url) == 2  # two slips to a sheet


def test_pack_pages_each_lead_to_their_own_page(fixture_build):
    root, result = fixture_build
    pack = next(b for b in result.leaflets.built if b.leaflet.kind == "paquete" and b.leaflet.lang == "en")
    path = site_pdf(root / "site", result.content, pack)
    first_pages, page = [], 0
    for section in pack.leaflet.sections:
        first_pages.append((page, section.url))
        page += len(pypdf.PdfReader(io.BytesIO(_lay_out_alone(result, section))).pages)
    for index, url in first_pages:
        assert url in qr_codes(path, index), (index, url)


def _pages_as_images(pdf: bytes) -> list[bytes]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=0.75).to_pil().convert("L").tobytes() for page in document]
    finally:
        document.close()


def _outline(reader: pypdf.PdfReader, items=None, depth: int = 0) -> list[tuple]:
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item), round(float(item.top))))
    return found


def _links(reader: pypdf.PdfReader) -> list[list]:
    return [[(a.get_object().get("/A") or {}).get("/URI") for a in page.get("/Annots", [])] for page in reader.pages]


def test_a_desk_pack_cut_from_the_book_is_what_weasyprint_writes_whole(fixture_build):
    """Packs are cut from one PDF per language (binding.py) instead of written whole by
    WeasyPrint: the same pages (rendered), text, bookmarks, title and language, fonts
    embedded, about the same size, and the same bytes each time."""
    from ventanilla.leaflets.binding import Book
    from ventanilla.leaflets.render import Renderer

    root, result = fixture_build
    renderer = Renderer(result.content, root / "overrides" / "leaflets", result.draft)
    packs = [b.leaflet for b in result.leaflets.built if b.leaflet.kind == "paquete" and b.leaflet.lang == "en"]
    # the book also holds pages no pack takes (as another desk's would be): they stay out of the packs
    others = [b.leaflet for b in result.leaflets.built if b.leaflet.kind in ("riesgo", "referencia")
              and b.leaflet.lang == "en"]
    laid = {}
    for leaflet in [section for pack in packs for section in pack.sections] + others:
        laid.setdefault(leaflet.key, renderer.lay_out(leaflet).document)
    assert packs and others
    book = Book(list(laid.values()), "en")
    assert book.usable
    for pack in packs:
        documents = [laid[section.key] for section in pack.sections]
        cut = book.pack(documents, pack.title, pack.lang)
        whole = renderer.pdf(renderer.bind(pack.title, pack.lang, documents))
        assert _pages_as_images(cut) == _pages_as_images(whole), pack.key
        cut_reader, whole_reader = pypdf.PdfReader(io.BytesIO(cut)), pypdf.PdfReader(io.BytesIO(whole))
        assert [p.extract_text() for p in cut_reader.pages] == [p.extract_text() for p in whole_reader.pages]
        assert _outline(cut_reader) == _outline(whole_reader) and _outline(cut_reader)
        assert cut_reader.metadata.title == pack.title and cut_reader.trailer["/Root"]["/Lang"] == "en"
        found = fonts(io.BytesIO(cut))
        assert found and all(embedded for _, embedded in found), found
        assert _links(cut_reader) == _links(whole_reader)
        assert abs(len(cut) - len(whole)) < 0.05 * len(whole), (len(cut), len(whole))
        assert Book(list(laid.values()), "en").pack(documents, pack.title, pack.lang) == cut  # reproducible


def _lay_out_alone(result, leaflet) -> bytes:
    from ventanilla.leaflets.render import Renderer
    renderer = Renderer(result.content, Path(result.content.root).parent / "overrides" / "leaflets", result.draft)
    return renderer.pdf(renderer.lay_out(leaflet).document)


def test_fonts_embedded_and_only_the_bundled_font(any_build):
    root, result = any_build
    for built in sample(result):
        found = fonts(site_pdf(root / "site", result.content, built))
        assert found and all(embedded for _, embedded in found), found
        assert all("Atkinson-Hyperlegible-Next" in name for name, _ in found), found  # no system fallback


def test_text_at_least_11_pt_and_nothing_needs_colour(any_build):
    root, result = any_build
    for built in sample(result):
        with pdfplumber.open(site_pdf(root / "site", result.content, built)) as pdf:
            for page in pdf.pages:
                assert min(c["size"] for c in page.chars) >= 10.95, built.leaflet.key
                assert all(is_grey(c["non_stroking_color"]) for c in page.chars), built.leaflet.key
                for shape in page.rects + page.lines + page.curves:
                    assert is_grey(shape.get("stroking_color")) and is_grey(shape.get("non_stroking_color"))


def test_pdf_metadata_title_and_language(any_build):
    root, result = any_build
    for built in sample(result):
        reader = pypdf.PdfReader(site_pdf(root / "site", result.content, built))
        assert reader.metadata.title == built.leaflet.title
        assert reader.trailer["/Root"]["/Lang"] == built.leaflet.lang


def test_letter_by_default(fixture_build):
    root, result = fixture_build
    built = result.leaflets.built[0]
    box = pypdf.PdfReader(site_pdf(root / "site", result.content, built)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    poster = next(b for b in result.leaflets.built if b.leaflet.kind == "cartel-grande")
    box = pypdf.PdfReader(site_pdf(root / "site", result.content, poster)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 1224)  # Tabloid, 11 × 17 in


def test_missing_translation_and_unverified_data_are_marked(fixture_build):
    root, result = fixture_build
    built = next(b for b in result.leaflets.built if b.leaflet.key == ("tramite", "ejemplo-asilo", "fr"))
    text = flat(pdf_text(site_pdf(root / "site", result.content, built)))
    assert flat("Traduction en attente") in text
    assert flat("Pedir asilo (ejemplo)") in text  # served in Spanish, as the page is
    assert flat("Pas encore confirmé auprès de l'institution") in text  # the trust line, not a second box
    assert flat("Tiré de sources publiques le 1 novembre 2026") in text


def test_referral_slip_has_blank_lines_and_keeps_no_personal_data(fixture_build):
    root, result = fixture_build
    built = next(b for b in result.leaflets.built if b.leaflet.key == ("referencia", "ejemplo-asilo", "es"))
    path = site_pdf(root / "site", result.content, built)
    text = pdf_text(path)
    assert text.count("Nombre:") == 2 and text.count("Fecha:") == 2  # two slips, cut in half
    assert "Cortar aquí" in text and "No se guarda ningún dato tuyo" in text
    with pdfplumber.open(path) as pdf:  # the handwriting lines are drawn (a ruled box each), not underscores
        words = [w for w in pdf.pages[0].extract_words() if w["text"] in ("Nombre:", "Fecha:")]
        rules = [r for r in pdf.pages[0].rects if r["width"] > 100 and r["height"] < 20]
        for word in words:
            assert any(abs(r["bottom"] - word["bottom"]) < 6 and r["x0"] > word["x1"] for r in rules), word


def test_referral_slip_holds_reasons_number_to_call_and_the_pages_trust_line(fixture_build):
    """Issue 16 §6: the service's categories as tick boxes plus "other", the number to
    call before going, lines for the referring desk, and the trust line of the page."""
    root, result = fixture_build
    expected = {"es": ("Motivo:", ["Asilo", "Emergencia", "Otro:"], "Llama antes de ir:", "Ventanilla que refiere:",
                       "Tomado de fuentes públicas el 1 de noviembre de 2026. Aún no confirmado con la institución."),
                "en": ("Reason:", ["Asylum", "Emergency", "Other:"], "Call before you go:", "Referring desk:",
                       "Taken from public sources on 1 November 2026. Not yet confirmed with the institution."),
                "fr": ("Motif:", ["Asile", "Urgence", "Autre:"], "Appelez avant d'y aller:", "Guichet qui oriente:",
                       "Tiré de sources publiques le 1 novembre 2026. Pas encore confirmé auprès de l'institution.")}
    for lang, (reason, boxes, call, desk, trust) in expected.items():
        built = next(b for b in result.leaflets.built if b.leaflet.key == ("referencia", "ejemplo-asilo", lang))
        path = site_pdf(root / "site", result.content, built)
        text = flat(pdf_text(path))
        for part in (reason, *boxes, desk, trust, f"{call}{phone_forms('+52 55 5387 2400')[0]}"):
            assert flat(part) in text, (lang, part)
        assert flat("Verificado el") not in text and flat("Verified on") not in text
        with pdfplumber.open(path) as pdf:  # a drawn tick box before each reason, two slips to the sheet
            squares = [r for r in pdf.pages[0].rects if 8 < r["width"] < 14 and abs(r["width"] - r["height"]) < 1]
            ticks = {(round((r["x0"] + r["x1"]) / 4), round((r["top"] + r["bottom"]) / 4)) for r in squares}  # its edges may be drawn apart
            assert len(ticks) == 2 * len(boxes), (lang, ticks)
    # a service with no office to go to is called, not "called before going"
    built = next(b for b in result.leaflets.built if b.leaflet.key == ("referencia", "ejemplo-911", "en"))
    text = flat(pdf_text(site_pdf(root / "site", result.content, built)))
    assert flat("Call: 911") in text and flat("before you go") not in text


@pytest.mark.slow
def test_referral_slip_says_call_only_where_there_is_a_number(project):
    """A service reached by e-mail only gets a slip that never says "call"; a closed
    service, or one with no phone, WhatsApp or e-mail, gets none."""
    from ventanilla.leaflets.render import Renderer
    service = project / "content/servicios/ejemplo-asilo.yml"
    without_phone = service.read_text(encoding="utf-8").replace('telefonos:\n  - numero: "+52 55 5387 2400"\n', "")
    service.write_text(without_phone.replace("ubicaciones:", "correo: ejemplo@example.org\nubicaciones:"), encoding="utf-8")
    emergency = project / "content/servicios/ejemplo-911.yml"
    emergency.write_text(emergency.read_text(encoding="utf-8").replace("estatus: sin_verificar", "estatus: cerrado"),
                         encoding="utf-8")
    checked = pipeline.check(pipeline.Project(project))
    assert not checked.findings.errors, [f.format() for f in checked.findings.errors]
    renderer = Renderer(checked.content, project / "overrides" / "leaflets")
    for lang, never in (("es", "Llama"), ("en", "Call"), ("fr", "Appelez")):
        slips = documents.slips(checked.content, lang)
        assert [s.id for s in slips] == ["ejemplo-asilo"]  # the closed 911 entry has none
        pdf = renderer.pdf(renderer.lay_out(slips[0]).document)
        document = pypdfium2.PdfDocument(pdf)
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        document.close()
        assert "ejemplo@example.org" in text and never not in text, lang
        assert flat(LeafletTexts(checked.content, lang).ui("referencia_motivo")) in flat(text)
    service.write_text(without_phone, encoding="utf-8")  # no phone, WhatsApp or e-mail: no slip
    assert documents.slips(pipeline.check(pipeline.Project(project)).content, "es") == []


def test_pages_link_their_leaflets_with_their_size(fixture_build):
    root, result = fixture_build
    site, content = root / "site", result.content
    labels = {"es": ("Descargar folleto", "Descargar hoja de referencia", "KB"),
              "en": ("Download leaflet", "Download referral slip", "KB"),
              "fr": ("Télécharger le dépliant", "Télécharger la fiche d'orientation", "Ko")}
    for built in result.leaflets.built:
        leaflet = built.leaflet
        prefix = locations.language_prefix(content, leaflet.lang)
        listed_on = leaflet.listed_on or leaflet.page  # activity kits: on the kits page
        page = (site / prefix / routes.url(listed_on) / "index.html").read_text(encoding="utf-8")
        href = Path("../..") / locations.leaflet_file(leaflet.kind, leaflet.id)
        match = re.search(rf'<a href="{re.escape(href.as_posix())}">([^<]+)</a>', page)
        assert match, leaflet.key
        label = match.group(1).replace("&#39;", "'")
        kb = math.ceil(built.size / 1024)
        leaflet_label, slip_label, unit = labels[leaflet.lang]
        assert f"{kb} {unit}" in label and "PDF" in label, label
        if leaflet.kind == "referencia":
            assert label.startswith(slip_label)
        elif leaflet.kind in ("ficha", *POSTERS):
            assert listed_on == routes.KITS
            assert label.startswith(LeafletTexts(content, leaflet.lang).ui(
                "descargar_ficha" if leaflet.kind == "ficha" else "descargar_cartel").split("{")[0].strip())
        elif leaflet.kind != "paquete":
            assert label.startswith(leaflet_label)
        else:
            assert str(built.pages) in label


# -- cache, options, warnings, command ----------------------------------------------------
@pytest.mark.slow
def test_unchanged_leaflets_come_from_the_cache(project):
    proj = pipeline.Project(project)
    checked = pipeline.check(proj)
    first = pipeline.build_leaflets(proj, checked)
    assert first.laid_out == len(first.built) > 0
    again = pipeline.build_leaflets(proj, pipeline.check(proj))
    assert again.laid_out == 0 and all(b.cached for b in again.built)
    assert [b.entry.pdf.read_bytes() for b in again.built] == [b.entry.pdf.read_bytes() for b in first.built]
    risk = project / "content/es/riesgos/ejemplo-fraude.md"
    risk.write_text(risk.read_text(encoding="utf-8").replace("No pagues.", "No pagues nada."), encoding="utf-8")
    changed = pipeline.build_leaflets(proj, pipeline.check(proj))
    rebuilt = {b.leaflet.key for b in changed.built if not b.cached}
    # Spanish text: the Spanish leaflet only (en and fr have their own texts)
    assert rebuilt == {("riesgo", "ejemplo-fraude", "es")}
    forced = pipeline.build_leaflets(proj, pipeline.check(proj), force=True)
    assert forced.laid_out == len(forced.built)


FORKED_BUILD = """
import sys
from pathlib import Path
from ventanilla import pipeline
from ventanilla.leaflets import build
build.PARALLEL_FROM = 1  # workers even for the few leaflets of the fixture
assert build._start_method() == "fork", build._start_method()
result = pipeline.build_leaflets(pipeline.Project(Path(sys.argv[1])), pipeline.check(pipeline.Project(Path(sys.argv[1]))))
assert result.workers > 1, result.workers
"""


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
                    reason="worker processes need two cores and fork")
def test_forked_workers_lay_out_the_same_bytes_as_one_process(project, tmp_path):
    """`ventanilla build` starts its leaflet workers by fork (WeasyPrint not yet loaded);
    what they write is byte for byte what one process writes."""
    subprocess.run([sys.executable, "-c", FORKED_BUILD, str(project)], check=True, cwd=REPO,
                   env=dict(os.environ, PYTHONPATH=str(REPO)))
    proj = pipeline.Project(project)
    alone = build_all(pipeline.check(proj).content, project / "overrides" / "leaflets", tmp_path / "uno", parallel=False)
    forked = build_all(pipeline.check(proj).content, project / "overrides" / "leaflets", proj.work / "leaflets")
    assert forked.laid_out == 0 and alone.laid_out == len(alone.built) > 0  # the forked build filled the cache
    assert [b.entry.pdf.read_bytes() for b in forked.built] == [b.entry.pdf.read_bytes() for b in alone.built]


@pytest.mark.slow
def test_a4_is_a_configuration_option(project):
    site_yml = project / "content/sitio.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "papel: a4\n", encoding="utf-8")
    proj = pipeline.Project(project)
    checked = pipeline.check(proj)
    assert not checked.findings.errors
    built = pipeline.build_leaflets(proj, checked)
    for b in built.built:
        box = pypdf.PdfReader(b.entry.pdf).pages[0].mediabox
        expected = (842, 1191) if b.leaflet.kind == "cartel-grande" else (595, 842)  # large posters: A3
        assert (round(float(box.width)), round(float(box.height))) == expected, b.leaflet.key
    assert PAPERS["a4"].css == "A4"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("papel: a4", "papel: tabloide"), encoding="utf-8")
    assert [f.code for f in pipeline.check(proj).findings.errors] == ["valor-no-permitido"]


@pytest.mark.slow
def test_a_slip_too_long_for_half_a_page_gets_a_whole_one(project):
    service = project / "content/servicios/ejemplo-asilo.yml"
    offices = "".join(f"  - entidad: chiapas\n    municipio: Tapachula\n    direccion: Avenida de ejemplo {i}, colonia de ejemplo número {i}\n"
                      f"    telefonos:\n      - numero: \"+52 55 5387 24{i:02d}\"\n" for i in range(10))
    text = service.read_text(encoding="utf-8").replace(
        "ubicaciones:\n  - entidad: chiapas\n    municipio: Tapachula\n    direccion: Avenida de ejemplo 2\n", "ubicaciones:\n" + offices)
    service.write_text(text, encoding="utf-8")
    proj = pipeline.Project(project)
    checked = pipeline.check(proj)
    assert not checked.findings.errors, [f.format() for f in checked.findings.errors]
    built = {b.leaflet.key: b for b in pipeline.build_leaflets(proj, checked).built}
    long_slip, short_slip = built[("referencia", "ejemplo-asilo", "es")], built[("referencia", "ejemplo-911", "es")]
    assert long_slip.entry.fit >= 2 and long_slip.pages == 1  # one slip, a whole page
    assert short_slip.entry.fit < 2 and pdf_text(short_slip.entry.pdf).count("Cortar aquí") == 1
    assert "Cortar aquí" not in pdf_text(long_slip.entry.pdf)
    assert flat("+52 55 5387 2409") in flat(pdf_text(long_slip.entry.pdf))


@pytest.mark.slow
def test_a_procedure_too_long_for_two_pages_is_a_warning_not_an_error(project):
    procedure = project / "content/es/tramites/ejemplo-asilo.md"
    steps = "".join(f"  - titulo: Paso {i}\n    texto: {'Haz esta cosa con mucho cuidado y paciencia. ' * 12}\n" for i in range(30))
    text = procedure.read_text(encoding="utf-8")
    text = re.sub(r"pasos:\n(  - titulo: .*\n    texto: .*\n)+", "pasos:\n" + steps, text)
    procedure.write_text(text, encoding="utf-8")
    result = pipeline.build(pipeline.Project(project))
    assert result.built
    warnings = [f for f in result.findings.warnings if f.code == "folleto-largo"]
    assert warnings and warnings[0].file == "content/es/tramites/ejemplo-asilo.md"
    assert "máximo es 2" in warnings[0].message
    built = next(b for b in result.leaflets.built if b.leaflet.key == ("tramite", "ejemplo-asilo", "es"))
    assert built.pages > 2 and built.entry.fit == 3  # every layout tried, the tightest kept


@pytest.mark.slow
def test_leaflets_command_rebuilds_on_demand(project, tmp_path, capsys):
    site, work = tmp_path / "sitio", tmp_path / "trabajo"
    args = ["leaflets", "--project", str(project), "--site", str(site), "--work", str(work)]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    # 6 leaflets (procedure, risk, desk, pack, 2 slips) + 6 of activity kits (2 topics × sheet and 2 posters), × 3
    assert re.search(r"Folletos en .*: 36 PDF en 3 idiomas \(36 construidos, 0 sin cambios\)", out), out
    assert (site / "folletos/tramites/ejemplo-asilo.pdf").exists()
    assert (site / "fr/folletos/referencias/ejemplo-911.pdf").exists()
    stale = site / "en/folletos/tramites/borrado.pdf"
    stale.write_bytes(b"%PDF-")
    assert cli.main(args) == 0
    assert "(0 construidos, 36 sin cambios)" in capsys.readouterr().out
    assert not stale.exists()  # a removed leaflet does not linger
    assert cli.main(args + ["--forzar"]) == 0
    assert "(36 construidos, 0 sin cambios)" in capsys.readouterr().out


def test_leaflets_command_stops_on_content_errors(project, capsys):
    # the leaflets published before stay as they were: none replaced, none removed
    published = project / "site" / "folletos" / "ventanillas" / "ejemplo-tapachula.pdf"
    published.parent.mkdir(parents=True)
    published.write_bytes(b"%PDF- el folleto de ayer")
    desk = project / "content/ventanillas/ejemplo-tapachula.yml"
    desk.write_text(desk.read_text(encoding="utf-8").replace("entidad: chiapas", "entidad: 12"), encoding="utf-8")
    assert cli.main(["leaflets", "--project", str(project)]) == 1
    assert "No se construyeron los folletos" in capsys.readouterr().out
    assert [p for p in (project / "site").rglob("*") if p.is_file()] == [published]
    assert published.read_bytes() == b"%PDF- el folleto de ayer"


def test_draft_builds_mark_every_leaflet(fixture_build):
    root, result = fixture_build
    for built in sample(result):
        text = flat(pdf_text(site_pdf(root / "site", result.content, built)))
        assert (flat(PageContext(result.content, built.leaflet.lang, "index.md").ui("borrador")) in text) == result.draft


def test_last_page_fill_measures_the_text(fixture_build):
    _, result = fixture_build
    from ventanilla.leaflets.render import Renderer
    renderer = Renderer(result.content, Path(result.content.root).parent / "overrides" / "leaflets")
    desk = next(l for l in documents.desks(result.content, "es"))
    fill = last_page_fill(renderer.lay_out(desk).document)
    assert 0.3 < fill <= 1.0


# -- printing web pages from the browser -----------------------------------------------------
def test_every_page_carries_a_print_only_qr_code_of_itself(fixture_build):
    root, result = fixture_build
    site, content = root / "site", result.content
    for lang in content.codes:
        prefix = locations.language_prefix(content, lang)
        for path in routes.all_paths(content) - leaflet_web.NO_PRINT_QR:
            page = (site / prefix / routes.url(path) / "index.html").read_text(encoding="utf-8")
            url = locations.page_url(content, lang, path)
            assert '<div class="vn-print-qr vn-nosearch" aria-hidden="true"><svg' in page, (lang, path)
            assert locations.printed(url).replace("/", "/<wbr>") in page, (lang, path)


PRINTED = ["en/tramites/asilo-comar/", "directorio/comar-tapachula/", "fr/ventanillas/ventanilla-tapachula/"]


@pytest.mark.parametrize("path", PRINTED)
def test_web_pages_print_without_chrome_with_urls_and_a_qr_code(server, browser, path, tmp_path):
    base, result = server
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.vn-downloads']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.querySelector('.vn-print-qr')).display") == "block"
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="Letter")
    page.close()
    url = result.content.site["url"] + path
    assert url in qr_codes(pdf)
    text = flat(pdf_text(pdf))
    assert flat(locations.printed(url)) in text
    assert "ventanillas.example.org/" in text.replace(flat(locations.printed(url)), "")  # links between pages
    assert re.search(r"\(https?://", pdf_text(pdf))  # links to other sites (the sources at least)
    with pdfplumber.open(pdf) as doc:
        last = doc.pages[-1].extract_text() or ""
        lines = [line for line in last.splitlines() if line.strip()]
        assert len(doc.pages) == 1 or len(lines) > 1, f"the last page holds only: {lines}"


def test_printed_emergency_numbers_answer_in_the_readers_state(bundled_build):
    """A desk pack and a state's urgent sheet list only emergency lines that connect there:
    national ones and the state's own. Mexico City's *765 printed for Cancún is a dead number."""
    _, result = bundled_build
    content = result.content
    city_lines = [s for s in content.directory.in_category("emergencias")
                  if not directory.is_national(s) and directory.call_number(s)]
    assert city_lines, "the bundled content has a state-only emergency line (Mexico City's *765)"
    sheets = [(l.values["d"]["entidad"], l) for l in documents.desks(content, "es")]
    sheets += [(state, documents.urgent_sheet(content, "es", state))
               for state in sorted(content.directory.states_served(), key=str)]
    kept_where_it_works = set()
    for state, sheet in sheets:
        for box in sheet.values["emergency"]:
            for service in box["services"]:
                assert directory.is_national(service) or state in directory.covered_states(service), \
                    (sheet.kind, sheet.id, service["id"])
                kept_where_it_works |= {service["id"]} & {s["id"] for s in city_lines}
    assert kept_where_it_works, "a state's own emergency line is printed in that state"
