"""Smaller HTML without changing what it means: every run of white space that holds
a line break becomes one line break (white space between words and tags stays
white space), except inside <pre>, <textarea>, <script> and <style>."""

from __future__ import annotations

import re

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
BREAKS = re.compile(r"[ \t\r\f\v]*\n\s*")


def collapse(html: str) -> str:
    parts = KEEP.split(html)
    out = []
    # re.split with two groups yields: text, whole block, tag name, text, …
    for i in range(0, len(parts), 3):
        out.append(BREAKS.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
