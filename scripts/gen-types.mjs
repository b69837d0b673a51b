// Generates TypeScript declarations for the JS API from the JSON Schema that the Rust types
// produce (`access-sim api-schema`), so the types are never written twice.
import { readFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const schema = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ts = await compile(schema, 'AccessSimApi', {
  bannerComment: '',
  additionalProperties: false,
  unreachableDefinitions: true,
  strictIndexSignatures: true,
  format: true,
});
process.stdout.write('\n// ---- data types, generated from the Rust types ----\n' + ts);
