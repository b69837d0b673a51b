#!/usr/bin/env bash
# Builds the browser app into dist/: release wasm, wasm-bindgen glue, wasm-opt -Oz, the static
# files (index.html, www/, embed-example.html), then the JS API into dist/api/. Expects
# scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --release --target wasm32-unknown-unknown --bin access-sim-web
rm -rf dist
mkdir -p dist/pkg
wasm-bindgen --target web --no-typescript --out-dir dist/pkg \
  target/wasm32-unknown-unknown/release/access-sim-web.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/pkg/access-sim-web_bg.wasm -o dist/pkg/access-sim-web_bg.wasm
cp index.html dist/
cp -r www dist/www
cp www/embed-example.html dist/embed-example.html
cp www/bench.html dist/bench.html
raw=$(wc -c < dist/pkg/access-sim-web_bg.wasm)
gz=$(gzip -9 -c dist/pkg/access-sim-web_bg.wasm | wc -c)
echo "built dist/: app wasm ${raw} bytes, ${gz} bytes gzipped"
bash scripts/build-api.sh
