"""QR codes as inline SVG (vector), made with segno.

One function for leaflets and web pages alike. The SVG has a viewBox and no size,
so CSS sets its printed size; the quiet zone (the white margin a scanner needs) is
part of the drawing, so it survives any layout.
"""

from __future__ import annotations

from functools import lru_cache

import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


# A build draws each page's code twice (the page's print-only code and its leaflets') and, at
# 2,000 services, about 12,600 codes: encoding is 4-5 ms a code (mostly segno choosing the
# best mask), so codes are kept for the whole build, not just the last few thousand.
CACHE_SIZE = 32768


@lru_cache(maxsize=CACHE_SIZE)
def _code(data: str) -> segno.QRCode:
    return segno.make(data, error="m", micro=False)


@lru_cache(maxsize=CACHE_SIZE)
def svg(data: str, *, css_class: str = "qr", border: int = QUIET_ZONE) -> str:
    """An <svg> element encoding `data` (error correction M or better, never micro)."""
    return _code(data).svg_inline(border=border, omitsize=True, svgclass=css_class, lineclass=None)
