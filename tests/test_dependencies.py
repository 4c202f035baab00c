"""Reproducible installs: every package the code imports is declared in pyproject.toml, and the
lock files (requirements/*.txt, written by scripts/lock.sh) pin every declared package, within
what pyproject.toml allows, with the hashes pip checks."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
TEST = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
# the project's own modules: the package, and the tests' and scripts' modules imported by name
LOCAL = {"ventanilla", "conftest"} | {p.stem for p in (REPO / "tests").glob("*.py")} \
    | {p.stem for p in (REPO / "scripts").glob("*.py")}


def imported(folder: Path) -> dict[str, str]:
    """Top-level names of the modules imported anywhere in `folder` (also inside functions),
    each with one file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, path.relative_to(REPO).as_posix())
    return found


def undeclared(folder: str, declared: list[Requirement]) -> list[str]:
    names = {canonicalize_name(r.name) for r in declared}
    providers = packages_distributions()
    missing = []
    for module, where in imported(REPO / folder).items():
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        if not dists & names:
            missing.append(f"{where}: import {module} ({', '.join(sorted(dists)) or 'no installed package'})")
    return missing


def test_the_package_imports_only_declared_dependencies():
    assert undeclared("ventanilla", RUNTIME) == []


@pytest.mark.parametrize("folder", ["tests", "scripts"])
def test_tests_and_scripts_import_only_declared_dependencies(folder):
    assert undeclared(folder, RUNTIME + TEST) == []


def locked(name: str) -> dict[str, tuple[str, int]]:
    """requirements/<name>.txt: package -> (version, number of hashes)."""
    text = (REPO / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            pins[canonicalize_name(match.group(1))] = (match.group(2), block.count("--hash=sha256:"))
    return pins


@pytest.mark.parametrize("name, declared", [("build", RUNTIME), ("test", RUNTIME + TEST)])
def test_the_lock_pins_every_declared_package_with_hashes(name, declared):
    pins = locked(name)
    build_system = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    problems = []
    for requirement in declared + build_system:
        version, _ = pins.get(canonicalize_name(requirement.name), (None, 0))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement}: {version or 'not locked'}")
    assert not problems, f"requirements/{name}.txt is out of date; run scripts/lock.sh: {problems}"
    assert [pkg for pkg, (_, hashes) in pins.items() if hashes == 0] == []


def test_the_test_lock_runs_the_versions_the_build_lock_has():
    build, test = locked("build"), locked("test")
    assert {pkg: test[pkg][0] for pkg in build if pkg in test} == {pkg: v for pkg, (v, _) in build.items()}
