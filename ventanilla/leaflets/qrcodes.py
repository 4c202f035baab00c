"""QR codes as inline SVG (vector), made with segno.

One function for leaflets and web pages alike. The SVG has a viewBox and no size,
so CSS sets its printed size; the quiet zone (the white margin a scanner needs) is
part of the drawing, so it survives any layout.
"""

from __future__ import annotations

from functools import lru_cache

import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


@lru_cache(maxsize=4096)
def svg(data: str, *, css_class: str = "qr", border: int = QUIET_ZONE) -> str:
    """An <svg> element encoding `data` (error correction M or better, never micro)."""
    code = segno.make(data, error="m", micro=False)
    return code.svg_inline(border=border, omitsize=True, svgclass=css_class, lineclass=None)
