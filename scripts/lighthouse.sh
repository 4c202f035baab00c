#!/usr/bin/env bash
# Lighthouse (mobile) accessibility and performance scores of each page type, in every
# language: prints a table, asserts nothing. Needs Debian's chromium and npm.
#   scripts/lighthouse.sh [site-folder]    (default: site/, built by scripts/build.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="${1:-$ROOT/site}"
TOOLS="${LIGHTHOUSE_HOME:-$ROOT/.cache/lighthouse}"
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent lighthouse@12.2.3
fi
export CHROME_PATH="${CHROME_PATH:-$(command -v chromium)}"
PORT="${PORT:-8791}"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
OUT="$(mktemp -d)"
desk=$(ls "$SITE/ventanillas" | grep -v '\.' | head -1)
service=$(ls "$SITE/directorio" | grep -v '\.\|categorias\|entidades' | head -1)
printf '| page | lang | accessibility | performance |\n|---|---|---|---|\n'
for lang in es en fr; do
  prefix=""; [ "$lang" = es ] || prefix="$lang/"
  for page in "" ventanillas/ "ventanillas/$desk/" "directorio/$service/" directorio/categorias/salud/ \
              directorio/entidades/chiapas/ tramites/asilo-comar/ riesgos/trata-de-personas/ urgente/ buscar/ monitoreo/ comunidad/mitos-y-realidades/ actividades/ actividades/materiales/ 404.html; do
    url="http://127.0.0.1:$PORT/$prefix$page"
    "$TOOLS/node_modules/.bin/lighthouse" "$url" --quiet --output=json --output-path="$OUT/r.json" \
      --only-categories=accessibility,performance --form-factor=mobile \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      >/dev/null 2>&1 || { echo "| /$prefix$page | $lang | lighthouse failed | |"; continue; }
    python3 - "$OUT/r.json" "/$prefix$page" "$lang" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
failed = [a for a in c["accessibility"]["auditRefs"] if r["audits"][a["id"]].get("score") == 0]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {round(c['accessibility']['score'] * 100)} | {round(c['performance']['score'] * 100)} |"
      + (f" failing: {', '.join(a['id'] for a in failed)}" if failed else ""))
PY
  done
done
