"""`ventanilla conservar [--desde REF]`: put the content files changed since a git ref back in
our conventions, for changes made by the form editor on a git host.

On GitHub or GitLab, Decap writes files with its own YAML (no schema line, its quoting, no
comments). Run on the pull/merge request's branch (by hand, or as a CI step that commits the
result), this rewrites each changed file as files.py would have written it from the ref's
version: only the changed values change. Cases:
- a file the ref did not have: written as a new file (schema line, schema order);
- a file whose data did not change (only Decap's layout did): put back exactly as at the ref;
- a file that cannot be read (invalid YAML): left alone, reported (the check reports it too).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import files


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def changed_files(root: Path, ref: str) -> list[str] | None:
    """Content files changed since `ref` (committed or not), or None when git cannot tell."""
    listed = _git(root, "diff", "--name-only", ref, "--", "content/")
    if listed.returncode != 0:
        return None
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", "content/")
    names = set(listed.stdout.split()) | set(untracked.stdout.split())
    return sorted(n for n in names if n.endswith((".yml", ".md")) and (root / n).exists())


def run(root: Path, ref: str) -> tuple[int, list[str]]:
    root = Path(root).resolve()
    names = changed_files(root, ref)
    if names is None:
        return 2, [f"no se pudo comparar con «{ref}»: ¿es una rama o commit de este repositorio git?"]
    lines = []
    for rel in names:
        if files.schema_of(rel) is None:
            continue  # sitio.yml, catalogos.yml…: not written by the form editor
        shown = _git(root, "show", f"{ref}:{rel}")
        old = shown.stdout if shown.returncode == 0 else None
        current = (root / rel).read_text(encoding="utf-8-sig")
        try:
            text = files.compose(rel, old, current)
        except files.NotOurs as exc:
            lines.append(f"{rel}: no se tocó ({exc})")
            continue
        text = old if text is None else text
        if text != current:
            (root / rel).write_text(text, encoding="utf-8")
            lines.append(f"{rel}: reescrito con las convenciones del proyecto")
    lines.append(f"Revisados {len(names)} archivos cambiados desde {ref}.")
    return 0, lines
