#!/bin/sh
# Installs the npm packages when they are missing or older than a package.json / the lock file, so that
# `npm start` and `npm test` work from a clean clone with nothing but the system's npm (Node 24 itself is an
# npm package here: docs in README "Toolchain").
set -e
cd "$(dirname "$0")/.."
# onnxruntime-node's postinstall would fetch CUDA libraries from NuGet, which is unreachable: a GPU render node
# opts in with ONNXRUNTIME_NODE_INSTALL=cuda12 (see render-node/README.md).
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false TURBO_TELEMETRY_DISABLED=1

marker=node_modules/.package-lock.json
# `npm install`, not `npm ci`: the lock names optional per-platform packages (e.g. rust-just-darwin-arm64) that
# this registry does not serve, which `npm ci` treats as a lock mismatch while `npm install` skips them.
if [ ! -f "$marker" ]; then
  echo "Installing npm packages (first run)…"
  npm install --no-audit --no-fund
elif [ -n "$(find . -name package.json -not -path '*/node_modules/*' -newer "$marker")" ] || [ package-lock.json -nt "$marker" ]; then
  echo "Installing npm packages (a package.json or the lock file changed)…"
  npm install --no-audit --no-fund
fi
