#!/usr/bin/env bash
# Run ruff and the whole test suite (creates .venv with the test extra on first use).
# Browser tests need Debian's chromium (`sudo apt-get install chromium`); without it
# they are skipped and pytest says why.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" test
cd "$ROOT"
# the linter first: seconds, and it names the file and line (rules in pyproject.toml)
"$VENV/bin/ruff" check ventanilla tests scripts
exec "$VENV/bin/python" -m pytest "$@"
