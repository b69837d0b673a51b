#!/usr/bin/env bash
# The README's test command: installs what tests need (wasm tools, Debian chromium and
# chromium-driver, npm packages), then runs every suite: native, wasm in headless Chromium,
# the npm package's downstream example, and the browser end-to-end tests against a fresh
# build. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing Debian chromium and chromium-driver..."
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver
fi

echo "== native tests"
cargo test --all-targets

echo "== wasm tests in headless Chromium (engine and app)"
CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test wasm

echo "== JS API tests in headless Chromium (wasm-pack test)"
CHROMEDRIVER=$(command -v chromedriver) wasm-pack test --headless --chrome js

echo "== builds, TypeScript check of the API declarations"
bash scripts/build-web.sh
tsc -p tests/ts

echo "== npm package (wasm-pack build) and the downstream example using it"
bash scripts/build-pkg.sh
# A fresh copy of the package each run: npm keeps an installed file: tarball of the same version.
rm -rf examples/js-consumer/node_modules/access-sim-js
(cd examples/js-consumer && npm install --no-audit --no-fund && npm test)

echo "== browser end-to-end tests"
node --test tests/e2e/
