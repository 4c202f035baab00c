"""Safe Markdown output: every text from content is escaped unless marked `Md`.

Editors' text fields are plain text. The page templates are Jinja2 templates that
write Markdown; the environment's `finalize` escapes every `{{ value }}` that is
not an `Md` (already-safe Markdown such as a link we built), the way HTML
autoescaping works (macro output is Markup and passes). So `<script>` in a desk name comes out as text, and `[x](y)`
typed in a field stays literal instead of becoming a link.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, Undefined
from markupsafe import Markup


class Md(Markup):
    """A string that is already valid, safe Markdown.

    A Markup subclass so that Jinja's autoescaping leaves it alone; macros return
    Markup too, which is why `escape` passes every Markup through unchanged.
    Build Md with Md(f"...") from parts that are already escaped.
    """


_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#!|~])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])", re.MULTILINE)


def escape(text) -> Md:
    if isinstance(text, Undefined):
        str(text)  # raises: see OptionalUndefined
    if isinstance(text, Markup):
        return Md(text)
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "".join("\\" + c if not c.isdigit() else c for c in m.group(2)), text)
    return Md(text)


def url(value: str) -> str:
    """A URL safe inside `(…)` of a Markdown link."""
    return quote(value, safe=":/?#[]@!$&'*+,;=%~.-_")


def link(text, target: str) -> Md:
    return Md(f"[{escape(text)}]({url(target)})")


class OptionalUndefined(Undefined):
    """A missing optional field tests false and iterates empty, but printing one
    is a template bug and fails loudly instead of writing an empty string."""

    __slots__ = ()

    def __str__(self):
        self._fail_with_undefined_error()


def html_attr(value) -> Md:
    """Text for raw HTML (an attribute or element) inside the Markdown: HTML-escaped
    only, since Markdown does not process raw HTML blocks."""
    return Md(html.escape(str(value), quote=True))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ventanilla", "templates/pages"),
        finalize=escape,
        undefined=OptionalUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,  # only a fallback: finalize has already made every value Md
    )
    env.filters["h"] = html_attr
    return env
