#!/usr/bin/env bash
# Copy the built JavaScript the web UI needs from node_modules into the
# package's static files, with its licence, so `pip install` needs no npm and
# the pages load nothing from a CDN. Run after changing package.json:
#   npm install && bash tools/vendor-js.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/entente/web/static/vendor
test -d node_modules/cytoscape || npm ci --no-audit --no-fund
mkdir -p "$dest"
cp node_modules/cytoscape/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp node_modules/cytoscape/LICENSE "$dest/cytoscape.LICENSE"
version=$(node -p "require('./node_modules/cytoscape/package.json').version")
printf 'cytoscape %s (MIT), from npm: node_modules/cytoscape/dist/cytoscape.min.js\n' "$version" > "$dest/VERSIONS"
echo "vendored cytoscape $version into $dest"
