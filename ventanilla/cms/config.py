"""The whole Decap CMS configuration, generated from the schemas and content/catalogos.yml.

Generated at build time (and by `ventanilla editar` at start), never kept by hand, so the form
cannot drift from what `ventanilla check` accepts (tests/test_cms_config.py). Two backends:
- the git host named in sitio.yml's `editor` block (GitHub or GitLab): each change becomes a
  pull/merge request (Decap's editorial workflow), where CI runs `ventanilla check`;
- `local`: Decap's proxy protocol, answered by `ventanilla editar` over the working copy.
Keys starting with `x_` are ours (the schema of a collection, the catalogue of a dropdown): the
tests read them, `public()` removes them before Decap sees the configuration.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..checks.crosscheck import language_name
from ..content.sources import ContentLoader
from . import collections, fields

LOCAL_API = "/api/v1"


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def languages(site: dict) -> list[tuple[str, str]]:
    out = []
    for item in site.get("idiomas") or []:
        if isinstance(item, dict) and isinstance(item.get("codigo"), str):
            code = item["codigo"]
            out.append((code, f"{language_name(code).capitalize()} ({code})"))
    return out or [("es", "Español (es)")]


def backend(site: dict, local: bool) -> dict | None:
    """Decap's backend: the local proxy, the git host of sitio.yml, or None (not configured)."""
    if local:
        return {"name": "proxy", "proxy_url": LOCAL_API, "branch": "main"}
    editor = site.get("editor")
    if not isinstance(editor, dict) or editor.get("servidor") not in ("github", "gitlab"):
        return None
    out = {"name": editor["servidor"], "repo": editor.get("repositorio", ""), "branch": editor.get("rama") or "main",
           "squash_merges": True}
    if editor["servidor"] == "gitlab":
        out.update(auth_type="pkce", app_id=editor.get("app_id", ""))
        if editor.get("url_base"):
            out.update(api_root=editor["url_base"].rstrip("/") + "/api/v4", base_url=editor["url_base"].rstrip("/"))
    elif editor.get("url_base"):
        out["base_url"] = editor["url_base"]
    return out


def build(content_dir: Path, local: bool) -> dict | None:
    """The configuration (with our `x_` keys), or None when no backend is configured."""
    content_dir = Path(content_dir)
    site = _read(content_dir / "sitio.yml")
    chosen = backend(site, local)
    if chosen is None:
        return None
    ctx = fields.Context(languages=languages(site), catalogues=_read(content_dir / "catalogos.yml"))
    ctx.options["temas"] = collections.topic_options(content_dir, ctx.languages[0][0])
    config = {
        "locale": "es",
        "backend": chosen,
        "publish_mode": "simple" if local else "editorial_workflow",
        "site_url": site.get("url", ""),
        "display_url": site.get("url", ""),
        "media_folder": "content/medios",
        "public_folder": "/medios",
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": (collections.entities(ctx) + collections.pages(ctx)
                        + [collections.interface(content_dir, ctx), collections.synonyms(ctx)]),
    }
    config["x_uneditable"] = sorted(set(ctx.uneditable))
    return config


def public(node):
    """The configuration without our `x_` keys."""
    if isinstance(node, dict):
        return {k: public(v) for k, v in node.items() if not k.startswith("x_")}
    if isinstance(node, list):
        return [public(v) for v in node]
    return node


def text(config: dict) -> str:
    header = "# Generado por Ventanilla desde ventanilla/schemas/ y content/catalogos.yml: no lo edites.\n"
    return header + yaml.safe_dump(public(config), allow_unicode=True, sort_keys=False, width=120)
