#!/usr/bin/env bash
# Run ruff and the whole test suite (creates .venv with the test extra on first use).
# Browser tests need Debian's chromium (`sudo apt-get install chromium`); without it
# they are skipped and pytest says why.
# The tests run in one process per core (pytest-xdist; how files are shared out: addopts in
# pyproject.toml); the processes share the session's builds and caches (tests/conftest.py).
# VENTANILLA_TEST_WORKERS=0 runs them in this process; options given to this script come
# after these and win (`scripts/test.sh -n 0 -x`).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" test
cd "$ROOT"
# the linter first: seconds, and it names the file and line (rules in pyproject.toml)
"$VENV/bin/ruff" check ventanilla tests scripts
exec "$VENV/bin/python" -m pytest -n "${VENTANILLA_TEST_WORKERS:-auto}" "$@"
