"""The package's one direction (README, "Layers"), checked on the code as it is.

- the import contracts in pyproject.toml ([tool.importlinter]): each layer imports only the
  layers below it, and no package has an import cycle between its modules (import-linter);
- no module imports another module's private name (a leading underscore): features talk to
  the page writer, the checker and each other through public names;
- every relative import, also those inside functions (which import-linter cannot see when
  the module is missing), names a module or a package's name that exists;
- the contract with the theme (ventanilla/render/theme.py) stops the build with a clear
  message when Material's HTML no longer holds what post-processing reads.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ventanilla.render import theme

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ventanilla"


def test_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed: pip install -e '.[test]'")
    done = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout


def _private_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("ventanilla")):
            found += [alias.name for alias in node.names if alias.name.startswith("_")]
    return found


def test_private_imports_are_found():
    assert _private_imports("from .pagecontext import PageContext, _phone_forms") == ["_phone_forms"]
    assert _private_imports("from ventanilla.x import _y\nfrom os import _exit") == ["_y"]


def test_no_module_imports_a_private_name_of_another():
    offenders = {path.relative_to(ROOT).as_posix(): names for path in sorted(PACKAGE.rglob("*.py"))
                 if (names := _private_imports(path.read_text(encoding="utf-8")))}
    assert not offenders


def test_theme_contract_names_what_changed(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    page = site / "index.html"
    page.write_text(f"<html><body>{theme.ARTICLE_OPEN}<p>Hola</p></article></body></html>", encoding="utf-8")
    (site / "assets" / "stylesheets" / "main.abc123.min.css").write_text("a{}", encoding="utf-8")
    assert theme.broken(site, page) == []
    page.write_text('<html><body><article class="md-content">Hola</article></body></html>', encoding="utf-8")
    (site / "assets" / "stylesheets" / "main.abc123.min.css").rename(site / "assets" / "stylesheets" / "modern.css")
    problems = theme.broken(site, page)
    assert len(problems) == 2 and "main.*.min.css" in problems[0] and "index.html" in problems[1]
    with pytest.raises(theme.ThemeChanged, match="ventanilla/render/theme.py"):
        theme.require(site, page)


def test_every_relative_import_names_something_that_exists():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            target = ROOT.joinpath(*base)
            if not (target.with_suffix(".py").exists() or (target / "__init__.py").exists()):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {'.'.join(base)}")
                continue
            if node.module is None:  # `from . import x`: a module of the package, or a name in its __init__
                init = (target / "__init__.py").read_text(encoding="utf-8")
                missing += [f"{path.relative_to(ROOT)}:{node.lineno}: {'.'.join(base)}.{alias.name}"
                            for alias in node.names
                            if not ((target / f"{alias.name}.py").exists() or (target / alias.name).is_dir()
                                    or alias.name in init)]
    assert not missing
