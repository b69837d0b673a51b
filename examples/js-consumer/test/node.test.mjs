// The same package in Node: `init` takes the .wasm bytes (resolved through the package's
// "exports"), then the same audit runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import init, { Simulator } from 'access-sim-js';
import { audit } from '../audit.js';
import { SCENARIOS } from './serve.mjs';

test('access-sim-js runs in Node from the wasm bytes', async () => {
  const wasm = await readFile(fileURLToPath(import.meta.resolve('access-sim-js/access_sim_js_bg.wasm')));
  await init({ module_or_path: wasm });
  const scenario = JSON.parse(await readFile(SCENARIOS + 'help-center.json', 'utf8'));
  const rows = audit(scenario);
  assert.deepEqual(rows.map((r) => [r.passed, r.actual]), [[true, undefined], [false, 'read']]);
  assert.match(rows[1].explanation, /Sharing set 'Share Customer Cases'/);
  // A scenario without expectations checks nothing; a bad one throws naming the path.
  assert.deepEqual(new Simulator(scenario).check(), []);
  assert.throws(() => new Simulator({ ...scenario, users: 'nobody' }), /users/);
});
