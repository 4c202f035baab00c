"""Cut Material's stylesheet down to the rules the built pages can use.

A selector is kept when every class, id, element and attribute name it requires
appears somewhere in the site's HTML. Names inside :not(), :is(), :where() and
:has() are not required (conservative: such rules are kept). @media and @supports
blocks are trimmed recursively and dropped when empty; @font-face, @keyframes and
other at-rules are kept as they are. Rules that only JavaScript would make match
are lost, which is fine: the site loads no JavaScript that adds classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from lxml import etree

FUNCTIONAL = re.compile(r":(not|is|where|has|matches)\(")
TOKEN = re.compile(r"([.#]?)(-?[A-Za-z_][\w-]*)|\[([\w-]+)")


@dataclass
class UsedNames:
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)


class _Collector:
    """An lxml parser target (libxml2 reads the HTML, much faster than html.parser)."""

    def __init__(self, used: UsedNames):
        self.used = used

    def start(self, tag, attrs):
        self.used.tags.add(tag)
        for name, value in attrs.items():
            self.used.attributes.add(name)
            if name == "class" and value:
                self.used.classes.update(value.split())
            elif name == "id" and value:
                self.used.ids.add(value)

    def end(self, tag):
        pass

    def close(self):
        return None


def collect(html: str | bytes, used: UsedNames) -> None:
    """Add the names one page uses to `used`."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    etree.fromstring(html, etree.HTMLParser(target=_Collector(used), encoding="utf-8"))


def merge(names: list[UsedNames]) -> UsedNames:
    merged = UsedNames(tags={"html", "body"})
    for used in names:
        merged.classes |= used.classes
        merged.ids |= used.ids
        merged.tags |= used.tags
        merged.attributes |= used.attributes
    return merged


def _strip_functional(selector: str) -> str:
    """Remove the arguments of :not()/:is()/… (balanced parentheses)."""
    out, i = [], 0
    while i < len(selector):
        match = FUNCTIONAL.match(selector, i)
        if not match:
            out.append(selector[i])
            i += 1
            continue
        depth, j = 1, match.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    return "".join(out)


def selector_used(selector: str, used: UsedNames) -> bool:
    bare = _strip_functional(selector)
    bare = re.sub(r"::?[\w-]+(\([^)]*\))?", "", bare)  # pseudo-classes and elements
    bare = re.sub(r"\[([\w-]+)[^\]]*\]", r"[\1", bare)  # attribute values are not names
    for prefix, name, attribute in TOKEN.findall(bare):
        if attribute:
            if attribute not in used.attributes:
                return False
        elif prefix == ".":
            if name not in used.classes:
                return False
        elif prefix == "#":
            if name not in used.ids:
                return False
        elif name.lower() not in used.tags and name not in ("from", "to"):
            return False
    return True


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _trim(rules, used: UsedNames) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _split_selectors(tinycss2.serialize(rule.prelude)) if selector_used(s, used)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _trim(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def without_comments(css: str) -> str:
    """Our own stylesheet as the browser reads it: no comments, no blank space between rules
    (every rule kept: search.js adds classes no built page holds, so nothing is purged)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(re.sub(r"\s+", " ", tinycss2.serialize([rule])) for rule in rules)


_LAST_PURGE: dict = {}  # the last result, for `ventanilla serve`'s rebuilds: mostly the same input


def purge(css: str, used: UsedNames) -> str:
    key = (css, frozenset(used.classes), frozenset(used.ids), frozenset(used.tags), frozenset(used.attributes))
    if key in _LAST_PURGE:
        return _LAST_PURGE[key]
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    result = _trim(rules, used)
    _LAST_PURGE.clear()
    _LAST_PURGE[key] = result
    return result
