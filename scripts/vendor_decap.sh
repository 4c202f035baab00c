#!/bin/sh
# Replace the vendored Decap CMS (ventanilla/cms/vendor/decap-cms/) with another npm version.
# Usage: scripts/vendor_decap.sh 3.16.3     (needs npm; the build and the tests do not)
set -eu
version="${1:?usage: scripts/vendor_decap.sh <version>}"
here="$(cd "$(dirname "$0")/.." && pwd)"
target="$here/ventanilla/cms/vendor/decap-cms"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "decap-cms@$version" >/dev/null && tar xzf "decap-cms-$version.tgz")
find "$target" -type f ! -name LICENSE -delete
cp "$work/package/dist/decap-cms.js" "$work/package/dist/decap-cms.js.LICENSE.txt" "$target/"
cp "$work"/package/dist/*.decap-cms.js "$work"/package/dist/*.wasm "$target/"
sed -i "s/decap-cms [0-9][0-9.]*/decap-cms $version/" "$here/ventanilla/cms/vendor/README.md"
echo "Decap CMS $version en $target; corre tests/test_cms_*.py"
