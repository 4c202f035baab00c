"""Smaller HTML without changing what it means: every run of white space that holds
a line break becomes one line break (white space between words and tags stays
white space), except inside <pre>, <textarea>, <script> and <style>; and without the
hooks only Material's JavaScript, which the site does not load, would use."""

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


# Material's templates mark elements for its JavaScript (data-md-component, -type,
# -level, -scrollfix), keep a toggle and an empty dialog for its search and its
# messages. The site loads none of that script (overrides/main.html) and its CSS
# selects none of these (only data-md-toggle="drawer", which stays).
MATERIAL_HOOKS = re.compile(
    r' data-md-(?:component|type|level)="[^"]*"| data-md-scrollfix'
    r'|<input class="md-toggle" data-md-toggle="search"[^>]*>\s*'
    r'|<div class="md-dialog"[^>]*>\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>\s*')


def drop_material_hooks(html: str) -> str:
    return MATERIAL_HOOKS.sub("", html)


def add_head_meta(html: str, meta: str) -> str:
    """`meta` as the first element after <meta charset> (a Content-Security-Policy
    applies only to what follows it), or first in <head>."""
    for anchor in ('<meta charset="utf-8">', "<head>"):
        at = html.find(anchor)
        if at >= 0:
            at += len(anchor)
            return html[:at] + "\n" + meta + html[at:]
    return html
