// Completes the npm package that `wasm-pack build js --target web` writes to js/pkg/:
// - appends the data types generated from the Rust types (scripts/gen-types.mjs output, the same
//   text dist/api/ gets), so `Scenario`, `Access`, `Explanation` ... resolve and nothing is `any`;
// - fills in package.json: "module", "exports" (with "types" first), the published "files".
// Usage: node js/finish-pkg.mjs <pkg dir> <generated types .d.ts>. Safe to re-run on one build.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [pkgDir, typesFile] = process.argv.slice(2);
if (!pkgDir || !typesFile) {
  console.error('usage: node js/finish-pkg.mjs <pkg dir> <generated types .d.ts>');
  process.exit(2);
}

const MARKER = '\n// ---- data types, generated from the Rust types ----\n';
const generated = readFileSync(typesFile, 'utf8');
if (!generated.startsWith(MARKER)) throw new Error(`${typesFile}: not gen-types.mjs output`);

const pkgPath = join(pkgDir, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const js = pkg.main ?? pkg.module;
const dts = pkg.types;
const wasm = pkg.files.find((f) => f.endsWith('_bg.wasm'));
if (!js || !dts || !wasm) throw new Error(`${pkgPath}: not a wasm-pack --target web package`);

// The declarations: wasm-bindgen's classes and init, then the data types they name.
const dtsPath = join(pkgDir, dts);
const declared = readFileSync(dtsPath, 'utf8');
const cut = declared.indexOf(MARKER);
writeFileSync(dtsPath, (cut < 0 ? declared : declared.slice(0, cut)) + generated);

const finished = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  type: 'module',
  main: js,
  module: js,
  types: dts,
  exports: {
    '.': { types: `./${dts}`, default: `./${js}` },
    // For consumers that load the bytes themselves (Node, a bundler's asset import):
    // `init({ module_or_path: bytes })`.
    [`./${wasm}`]: `./${wasm}`,
    './package.json': './package.json',
  },
  files: [js, dts, wasm, 'README.md'],
  sideEffects: false,
  keywords: ['salesforce', 'sharing', 'record-access', 'crm', 'webassembly'],
};
writeFileSync(pkgPath, JSON.stringify(finished, null, 2) + '\n');
console.log(`finished ${pkgPath} (${finished.name}@${finished.version})`);
