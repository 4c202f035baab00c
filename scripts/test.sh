#!/usr/bin/env bash
# Run the whole test suite (creates .venv with the test extra on first use).
# Browser tests need Debian's chromium (`sudo apt-get install chromium`); without it
# they are skipped and pytest says why.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" test
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
