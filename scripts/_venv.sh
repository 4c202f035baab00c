# Sourced by build.sh and test.sh: create .venv and install Ventanilla into it from the lock
# files (requirements/build.txt, or requirements/test.txt for the tests: every package pinned
# and checked against its SHA-256, see scripts/lock.sh), again only when a lock file changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENTANILLA_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
extra="${1:-}"
lock="$ROOT/requirements/${extra:-build}.txt"
stamp="$VENV/.installed${extra:+-$extra}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creando el entorno de Python en $VENV…"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  echo "Instalando dependencias…"
  "$VENV/bin/python" -m pip install --quiet --require-hashes -r "$lock"
  # Ventanilla itself: its dependencies and the setuptools that installs it are in the lock
  "$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e "$ROOT"
  touch "$stamp"
fi
