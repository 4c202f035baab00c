"""Write what the form editor saved, in our conventions: the files stay ours.

Decap sends a whole file as *it* would write it (its own quoting, no comments, no schema line).
We keep only its data and write the change into our file:
- the data is the same as the file's (opening and saving without a change): nothing is written;
- a top-level field whose value did not change keeps its lines exactly as they were (comments,
  quotes, flow or block style); inside a changed block mapping (a text in every language), each
  unchanged sub-field keeps its lines too; only the changed values are written anew;
- a new field goes where the schema puts it (the key order of `ventanilla new`);
- a new YAML file starts with the `# yaml-language-server: $schema=…` line of its kind;
- `traduce` and `revision_nativa` are the file's own, whatever the form sent (they are written
  by `ventanilla traducido`): the Spanish text changing leaves them as they were, so the check
  reports the translations as out of date;
- empty values the form leaves behind (an untouched optional text, an empty list) are dropped
  unless the file had them;
- Markdown: the front matter as above (no schema line: front matter cannot carry it), the body
  kept byte for byte unless its text changed.
What is written is read back; if it does not hold the data the editor saved, nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content import ENTITY_FOLDERS, PAGE_FOLDERS
from ..content.sources import ContentLoader
from . import schemas

KEEP = ("traduce", "revision_nativa")  # written by `ventanilla traducido`, never by the form
FILE_SCHEMAS = {"interfaz.yml": "interfaz", "sinonimos.yml": "sinonimos"}


class NotOurs(ValueError):
    """What the editor sent cannot be written as one of our files (the message is Spanish)."""


@dataclass
class Saved:
    path: Path
    written: bool  # False: the data was the same, the file was left alone


def _load(text: str):
    data = yaml.load(text, Loader=ContentLoader) if text.strip() else {}
    return data if data is not None else {}


def split_markdown(text: str) -> tuple[str, str]:
    """(front matter, body) of a Markdown file; the body is what follows the closing `---` line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise NotOurs("falta la línea --- que cierra los datos del principio del archivo")
    return "\n".join(lines[1:end]) + "\n", "\n".join(lines[end + 1:])


def schema_of(rel: str) -> str | None:
    """The schema of a content file from its path relative to the project (content/…)."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "content" and parts[1] in ENTITY_FOLDERS:
        return ENTITY_FOLDERS[parts[1]]
    if len(parts) == 3 and parts[0] == "content" and parts[2] in FILE_SCHEMAS:
        return FILE_SCHEMAS[parts[2]]
    if len(parts) == 4 and parts[0] == "content" and parts[2] in PAGE_FOLDERS:
        return PAGE_FOLDERS[parts[2]]
    return None


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(new, old):
    """`new` without the empty values the form leaves behind, unless `old` had them."""
    if isinstance(new, dict):
        out = {}
        for key, value in new.items():
            before = old.get(key) if isinstance(old, dict) else None
            value = _clean(value, before)
            if _empty(value) and not (isinstance(old, dict) and key in old and old[key] == value):
                continue
            out[key] = value
        return out
    if isinstance(new, list):
        olds = old if isinstance(old, list) else []
        items = [_clean(v, olds[i] if i < len(olds) else None) for i, v in enumerate(new)]
        return [v for v in items if not _empty(v) or v in olds]
    return new


# --- blocks of lines -------------------------------------------------------------------------

_KEY = re.compile(r"^(?P<indent> *)(?P<key>[^\s#'\"\-][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(\s|$)")


@dataclass
class Block:
    key: str | None  # None: comments and blank lines at the end
    lead: list[str]  # comment lines before the key line
    lines: list[str]  # the key line and what belongs to it


def blocks(lines: list[str], indent: int) -> list[Block]:
    """The keys of a block mapping written at `indent` spaces, each with its lines."""
    out: list[Block] = []
    lead: list[str] = []
    pad = " " * indent
    for line in lines:
        stripped = line.strip()
        match = _KEY.match(line)
        if match and len(match.group("indent")) == indent:
            out.append(Block(match.group("key").strip("'\""), lead, [line]))
            lead = []
        elif stripped.startswith("#") and (len(line) - len(line.lstrip(" "))) <= indent:
            lead.append(line)
        elif out and (not stripped or line.startswith(pad + " ") or line.startswith(pad + "- ")
                      or line == pad + "-"):
            if not stripped and lead:
                lead.append(line)
            else:
                out[-1].lines.extend(lead + [line])
                lead = []
        else:
            lead.append(line)
    if lead:
        out.append(Block(None, lead, []))
    return out


class _Dumper(yaml.SafeDumper):
    """Phone numbers in double quotes, as the editors' guide and `ventanilla new` write them."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style='"' if value.startswith("+") else None))


def _dump(key: str, value, indent: int, flow: bool) -> list[str]:
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6,
                     default_flow_style=None if flow else False)
    return [" " * indent + line for line in text.rstrip("\n").split("\n")]


def _order(old_keys: list[str], new_keys: list[str], schema_keys: list[str]) -> list[str]:
    """Keys kept in the file's order; a new key goes after the last key the schema puts before it."""
    rank = {k: i for i, k in enumerate(schema_keys)}
    order = [k for k in old_keys if k in new_keys]
    for key in new_keys:
        if key in order:
            continue
        mine = rank.get(key, len(rank))
        at = 0
        for i, other in enumerate(order):
            if rank.get(other, len(rank)) <= mine:
                at = i + 1
        order.insert(at, key)
    return order


def _is_block_mapping(block: Block) -> bool:
    head = re.sub(r"\s+#.*$", "", block.lines[0]).rstrip()
    return head.endswith(":") and len(block.lines) > 1


def render(old_lines: list[str], old: dict, new: dict, schema_keys: list[str], indent: int = 0,
           flow: bool = False) -> list[str]:
    """The lines of the mapping `new`, reusing the lines of `old` wherever a value did not change."""
    found = blocks(old_lines, indent)
    by_key = {b.key: b for b in found if b.key is not None}
    out: list[str] = []
    for key in _order([b.key for b in found if b.key is not None], list(new), schema_keys):
        block = by_key.get(key)
        if block is not None and key in old and old[key] == new[key]:
            out += block.lead + block.lines
        elif (block is not None and isinstance(old.get(key), dict) and isinstance(new[key], dict)
              and _is_block_mapping(block)):
            sub_keys = list(old[key]) + [k for k in new[key] if k not in old[key]]
            out += block.lead + [block.lines[0]] + render(block.lines[1:], old[key], new[key], sub_keys,
                                                           indent + 2, flow)
        else:
            out += (block.lead if block else []) + _dump(key, new[key], indent, flow)
    tail = [b for b in found if b.key is None]
    if tail:
        out += tail[0].lead
    return out


# --- files -----------------------------------------------------------------------------------

def schema_line(rel: str, schema: str) -> str:
    depth = rel.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}ventanilla/schemas/{schema}.schema.json"


def _keep_records(new: dict, old: dict) -> dict:
    new = {k: v for k, v in new.items() if k not in KEEP}
    for key in KEEP:
        if key in old:
            new[key] = old[key]
    return new


def compose(rel: str, old_text: str | None, raw: str) -> str | None:
    """The new text of the file `rel` (relative to the project) for what Decap sent as `raw`;
    None when the data did not change."""
    schema = schema_of(rel)
    markdown = rel.endswith(".md")
    try:
        if markdown:
            front, body = split_markdown(raw)
            new = _load(front)
        else:
            new, body = _load(raw), ""
        old_front, old_body = split_markdown(old_text) if (markdown and old_text is not None) else (old_text or "", "")
        old = _load(old_front) if old_text is not None else {}
    except yaml.YAMLError as exc:
        raise NotOurs(f"el editor envió datos que no se pueden leer ({exc})") from None
    if not isinstance(new, dict) or not isinstance(old, dict):
        raise NotOurs("los datos deben ser campos del tipo `nombre: valor`")
    new = _keep_records(_clean(new, old), old)
    same_body = body.strip("\n") == old_body.strip("\n")
    if old_text is not None and new == old and same_body:
        return None
    schema_keys = list(schemas.properties(schema)) if schema and schema not in FILE_SCHEMAS.values() else []
    flow = schema == "sinonimos"
    if old_text is not None:
        lines = render(old_front.rstrip("\n").split("\n") if old_front.strip() else [], old, new, schema_keys,
                       flow=flow)
    else:
        new = {k: new[k] for k in _order([], list(new), schema_keys)}
        lines = ([schema_line(rel, schema)] if schema and not markdown else []) + render([], {}, new, schema_keys,
                                                                                        flow=flow)
    text = "\n".join(lines).rstrip("\n") + "\n"
    if markdown:
        if old_text is not None and same_body:
            body = old_body  # byte for byte
        elif body and not body.endswith("\n"):
            body += "\n"
        text = "---\n" + text + "---\n" + body
    # read back: the file must hold exactly the data that was saved
    check_front, check_body = split_markdown(text) if markdown else (text, "")
    if _load(check_front) != new or (markdown and check_body != body):
        raise NotOurs("no se pudo escribir el cambio sin alterar otros datos; guarda el archivo a mano "
                      "(ver GUIA-EDITORES.md) o avisa a los desarrolladores")
    return text


def save(root: Path, rel: str, raw: str) -> Saved:
    """Write `raw` (what Decap sent) into `root/rel` in our conventions."""
    path = root / rel
    old_text = path.read_text(encoding="utf-8-sig") if path.exists() else None
    text = compose(rel, old_text, raw)
    if text is None:
        return Saved(path, False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Saved(path, True)
