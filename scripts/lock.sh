#!/usr/bin/env bash
# Write the lock files requirements/build.txt (what `ventanilla build` needs) and
# requirements/test.txt (that, plus the test extra) from pyproject.toml: every package pinned,
# with the SHA-256 of each of its files, for every platform. scripts/_venv.sh and CI install
# from them with `pip install --require-hashes`. Run this after changing a dependency in
# pyproject.toml; versions already locked are kept unless that change needs others
# (`scripts/lock.sh --upgrade` moves everything to the newest allowed versions).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
UV_VERSION=0.13.9
uv="$(command -v uv || true)"
if [ -z "$uv" ]; then  # uv only writes the locks: it is not needed to install from them
  tools="${TMPDIR:-/tmp}/ventanilla-lock-tools"
  [ -x "$tools/bin/uv" ] || { python3 -m venv "$tools" && "$tools/bin/python" -m pip install --quiet "uv==$UV_VERSION"; }
  uv="$tools/bin/uv"
fi
# the packages pyproject.toml's [build-system] needs: _venv.sh installs Ventanilla itself
# with --no-build-isolation, so they come from the lock too (written here from pyproject.toml)
build_system=requirements/build-system.in
{ echo "# written by scripts/lock.sh from [build-system] requires in pyproject.toml"
  python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))'
} > "$build_system"
# --python-version: the oldest Python the locked packages support (pymdown-extensions: 3.11.5)
common=(--generate-hashes --universal --python-version 3.11.5 --no-header --quiet "$@")
"$uv" pip compile pyproject.toml "$build_system" "${common[@]}" -o requirements/build.txt
# the test environment runs the very versions the build uses
"$uv" pip compile pyproject.toml "$build_system" --extra test -c requirements/build.txt "${common[@]}" \
  -o requirements/test.txt
echo "requirements/build.txt: $(grep -c '==' requirements/build.txt) paquetes; requirements/test.txt: $(grep -c '==' requirements/test.txt)"
