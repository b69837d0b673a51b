#!/usr/bin/env bash
# Installs what building the app needs, skipping whatever is already there (safe to re-run):
# the wasm32 target, wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version, wasm-pack
# (for the npm package in js/pkg and its tests), and the npm tools (wasm-opt from binaryen,
# playwright-core). Sourced by run.sh and test.sh.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wb_version"; then
  echo "Installing wasm-bindgen-cli $wb_version (takes a few minutes once)..."
  # --locked fails on this registry for 0.2.130 (a pinned dependency is missing); fall back.
  cargo install wasm-bindgen-cli --version "=$wb_version" --locked \
    || cargo install wasm-bindgen-cli --version "=$wb_version"
fi

# wasm-pack uses the wasm-bindgen above and the npm wasm-opt below from PATH, so it downloads
# nothing. Its lock file resolves on crates.io, so --locked works (unlike wasm-bindgen-cli).
wasm_pack_version=0.15.1
if ! wasm-pack --version 2>/dev/null | grep -qF "$wasm_pack_version"; then
  echo "Installing wasm-pack $wasm_pack_version (takes a couple of minutes once)..."
  cargo install wasm-pack --version "=$wasm_pack_version" --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
