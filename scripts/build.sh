#!/usr/bin/env bash
# Build the site from content/ into site/ (creates .venv on first use).
#   scripts/build.sh           build
#   scripts/build.sh serve     build, serve on http://127.0.0.1:8000/ and rebuild on changes
#   scripts/build.sh check     only validate the content
#   scripts/build.sh editar    the form editor on http://127.0.0.1:8080/admin/ over content/
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" ""  # "": the build lock (not this script's own arguments)
cd "$ROOT"
exec "$VENV/bin/ventanilla" "${1:-build}" "${@:2}"
