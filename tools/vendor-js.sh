#!/usr/bin/env bash
# Copy the built JavaScript the web UI needs from node_modules into the
# package's static files, with its licence, so `pip install` needs no npm and
# the pages load nothing from a CDN. Run after changing package.json:
#   npm install && bash tools/vendor-js.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/entente/web/static/vendor
test -d node_modules/cytoscape-fcose || npm ci --no-audit --no-fund
mkdir -p "$dest"
: > "$dest/VERSIONS"
# name, then the built file inside node_modules/NAME; the page loads them in this order
# (the fcose layout needs cose-base, which needs layout-base; all are UMD builds)
for entry in cytoscape:dist/cytoscape.min.js layout-base:layout-base.js cose-base:cose-base.js \
             cytoscape-fcose:cytoscape-fcose.js; do
  name=${entry%%:*} file=${entry#*:}
  target=$name.js
  [ "$name" = cytoscape ] && target=cytoscape.min.js
  cp "node_modules/$name/$file" "$dest/$target"
  cp "node_modules/$name/LICENSE" "$dest/$name.LICENSE"
  version=$(node -p "require('./node_modules/$name/package.json').version")
  printf '%s %s (MIT), from npm: node_modules/%s/%s\n' "$name" "$version" "$name" "$file" >> "$dest/VERSIONS"
  echo "vendored $name $version into $dest"
done
