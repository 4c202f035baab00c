"""Desk packs cut out of one PDF per language, so that each section is painted once.

A desk pack holds its desk's leaflet, its state's urgent-help and services sheets and
every procedure of the language, and the procedures are the same in every pack of a
language. WeasyPrint writing each pack whole painted (and compressed) every procedure
page once per desk: a third of a cold build. Here WeasyPrint's PDF step runs once on
every distinct section page of the packs being made (a `Book`); each pack is then
written from that object tree: its pages and what they use (content streams, the
shared resources and fonts, link annotations), with its own page tree, bookmarks,
title and language, as WeasyPrint writes them (object streams, compressed). Objects of
the other pages stay out of the file (free entries in the cross-reference stream).

What the reader gets is unchanged: the same pages, text, links and bookmarks. The font
subsets are the book's, so they may hold the few glyphs of the other desks' names.

Relies on WeasyPrint's internal PDF step (weasyprint.pdf.generate_pdf, a pinned version)
and on pydyf, which writes WeasyPrint's PDFs.
"""

from __future__ import annotations

import io
import re

import pydyf

REFERENCE = re.compile(rb"(\d+) 0 R")
PAGES, CATALOG = 1, 2  # object numbers pydyf gives the page tree and the catalogue


class Book:
    """The pages of several laid-out leaflets (WeasyPrint documents), painted once."""

    def __init__(self, documents: list, lang: str):
        from weasyprint import DEFAULT_OPTIONS
        from weasyprint.document import DocumentMetadata
        from weasyprint.pdf import generate_pdf

        self.documents = documents
        bound = documents[0].copy([page for document in documents for page in document.pages])
        bound.metadata = DocumentMetadata(lang=lang)
        self.pdf = generate_pdf(bound, None, 1, **DEFAULT_OPTIONS)
        self.options = DEFAULT_OPTIONS
        numbers = self.pdf.pages["Kids"][::3]  # pydyf keeps [number, 0, "R"] per page
        self._pages: dict[int, list[int]] = {}
        for document in documents:
            self._pages[id(document)], numbers = numbers[:len(document.pages)], numbers[len(document.pages):]
        self._references: dict[int, list[int]] = {}
        self._written: dict[int, _Written] = {}

    @property
    def usable(self) -> bool:
        """False when pages link to named places (anchors): those would need a name tree per pack."""
        return "Names" not in self.pdf.catalog

    def _refers_to(self, number: int) -> list[int]:
        if number not in self._references:
            obj = self.pdf.objects[number]
            data = pydyf.Dictionary(obj.extra).data if isinstance(obj, pydyf.Stream) else obj.data
            self._references[number] = [int(n) for n in REFERENCE.findall(data) if int(n) not in (PAGES, CATALOG)]
        return self._references[number]

    def _frozen(self, number: int):
        """A stream object of the book, compressed once for every pack that holds it."""
        if number not in self._written:
            self._written[number] = _Written(self.pdf.objects[number])
        return self._written[number]

    def pack(self, documents: list, title: str, lang: str) -> bytes:
        """The PDF of `documents` (all in this book), in this order, as one file."""
        from weasyprint import VERSION
        from weasyprint.pdf.anchors import add_outlines

        pages = [number for document in documents for number in self._pages[id(document)]]
        needed, stack = set(), list(pages)
        while stack:
            number = stack.pop()
            if number not in needed:
                needed.add(number)
                stack.extend(self._refers_to(number))

        pdf = pydyf.PDF()  # objects 0 (free), 1 (page tree) and 2 (catalogue), as in the book
        pdf.pages["Kids"] = pydyf.Array([item for number in pages for item in (number, 0, "R")])
        pdf.pages["Count"] = len(pages)
        for number, obj in enumerate(self.pdf.objects[3:], start=3):
            if number not in needed:
                pdf.objects.append(_Free())
            elif isinstance(obj, pydyf.Stream):
                pdf.objects.append(self._frozen(number))
            else:
                pdf.objects.append(obj)
        # bookmarks as WeasyPrint makes them for the pages bound together (scale: 72 / 96 pt)
        bound = documents[0].copy([page for document in documents for page in document.pages])
        add_outlines(pdf, bound.make_bookmark_tree(0.75, transform_pages=True))
        pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION}")
        pdf.info["Title"] = pydyf.String(title)
        pdf.catalog["Lang"] = pydyf.String(lang)
        output = io.BytesIO()
        pdf.write(output, self.options["pdf_version"], self.options["pdf_identifier"],
                  not self.options["uncompressed_pdf"])
        return output.getvalue()


class _Free(pydyf.Object):
    """An object number of the book that this pack does not use."""

    def __init__(self):
        super().__init__()
        self.number, self.generation, self.free = 0, 65535, "f"  # as pydyf's object 0


class _Written(pydyf.Object):
    """A stream object of the book, whose bytes are computed (and compressed) once."""

    def __init__(self, stream: pydyf.Stream):
        super().__init__()
        self.number = stream.number
        self._indirect = stream.indirect

    @property
    def indirect(self) -> bytes:
        return self._indirect

    @property
    def compressible(self) -> bool:
        return False  # streams never go into object streams
