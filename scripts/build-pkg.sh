#!/usr/bin/env bash
# Builds the JS API as an npm package in js/pkg/ with wasm-pack, then completes it
# (js/finish-pkg.mjs: the generated data types in the .d.ts, "exports" and "module" in
# package.json), and packs it with `npm pack` into js/pkg/access-sim-js.tgz (a stable name, so
# examples/js-consumer's file: dependency needs no edit when the version changes).
#
# --target web: an ES module whose default export `init()` fetches the .wasm next to it
# (`new URL(..., import.meta.url)`), so it runs in a browser as is (an import map or a relative
# import, no bundler) and, given the bytes, in Node. `--target bundler` emits
# `import * as wasm from "./x_bg.wasm"`, which only a bundler understands.
# Expects scripts/setup.sh (wasm-pack, wasm-bindgen and npm's wasm-opt on PATH: nothing is
# downloaded). Reuses target/ with scripts/build-api.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

wasm-pack build js --release --target web
tmp=${CARGO_TARGET_DIR:-target}
cargo run -q --bin access-sim -- api-schema > "$tmp/api-schema.json"
node scripts/gen-types.mjs "$tmp/api-schema.json" > "$tmp/api-types.d.ts"
node js/finish-pkg.mjs js/pkg "$tmp/api-types.d.ts"
rm -f js/pkg/*.tgz
packed=$(cd js/pkg && npm pack --silent)
mv "js/pkg/$packed" js/pkg/access-sim-js.tgz
raw=$(wc -c < js/pkg/access_sim_js_bg.wasm)
echo "built js/pkg/ (wasm $raw bytes) and js/pkg/access-sim-js.tgz (npm pack: $packed)"
