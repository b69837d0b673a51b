#!/usr/bin/env bash
# Builds the JS API into dist/api/: a Yew-free wasm module, its ES module glue, and TypeScript
# declarations whose data types are generated from the Rust types; and dist/bench-api/, the
# same module with the benchmark session for bench.html. Expects scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --release --target wasm32-unknown-unknown -p access-sim-js
rm -rf dist/api
mkdir -p dist/api
wasm-bindgen --target web --out-dir dist/api target/wasm32-unknown-unknown/release/access_sim_js.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/api/access_sim_js_bg.wasm -o dist/api/access_sim_js_bg.wasm
cargo run -q --bin access-sim -- api-schema > target/api-schema.json
node scripts/gen-types.mjs target/api-schema.json >> dist/api/access_sim_js.d.ts
# The benchmark page's module: the same crate with BenchSession and the generator.
cargo build --release --target wasm32-unknown-unknown -p access-sim-js --features bench
rm -rf dist/bench-api
wasm-bindgen --target web --no-typescript --out-dir dist/bench-api \
  target/wasm32-unknown-unknown/release/access_sim_js.wasm
raw=$(wc -c < dist/api/access_sim_js_bg.wasm)
gz=$(gzip -9 -c dist/api/access_sim_js_bg.wasm | wc -c)
echo "built dist/api/: API wasm ${raw} bytes, ${gz} bytes gzipped"
