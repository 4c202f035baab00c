# Sourced by build.sh and test.sh: create .venv and install Ventanilla into it once,
# again only when pyproject.toml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENTANILLA_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
extra="${1:-}"
stamp="$VENV/.installed${extra:+-$extra}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creando el entorno de Python en $VENV…"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  echo "Instalando dependencias…"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT${extra:+[$extra]}"
  touch "$stamp"
fi
