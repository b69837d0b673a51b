// Drives bench.html: generates the tier's org in wasm, then times each engine step with
// performance.now() and shows medians. The result is also left on window.benchResult (and
// document.body.dataset.done) for the headless runner, scripts/bench-wasm.mjs.
import init, { BenchSession, generateScenario } from '../bench-api/access_sim_js.js';

const TIERS = { S: [20, 100, 7], M: [200, 10000, 5], L: [2000, 100000, 3] };
const status = document.getElementById('status');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f) {
  const t = performance.now();
  const out = f();
  return [performance.now() - t, out];
}

// Let the page paint between steps, so the status line stays current.
const frame = () => new Promise((ok) => setTimeout(ok, 0));

async function run() {
  const wasm = await init();
  const tier = (new URLSearchParams(location.search).get('tier') ?? 'S').toUpperCase();
  const [users, cases, reps] = TIERS[tier] ?? TIERS.S;
  status.textContent = `Generating tier ${tier} (${users} users x ${cases} cases)…`;
  await frame();
  const text = generateScenario(users, cases, 42);
  status.textContent = 'Parsing and validating…';
  await frame();
  const parse = [];
  for (let i = 0; i < reps; i++) parse.push(time(() => BenchSession.parse(text))[0]);
  const session = new BenchSession(text);
  const cells = session.users() * session.records();
  status.textContent = 'Full matrix…';
  await frame();
  const full = [];
  let packed = 0;
  for (let i = 0; i < reps; i++) {
    const [ms, bytes] = time(() => session.fullMatrix());
    full.push(ms);
    packed = bytes;
  }
  // One explanation is below the browser's timer resolution: time batches of 21.
  const explain = [];
  for (let k = 0; k < 5; k++) {
    explain.push(time(() => { for (let i = 0; i < 21; i++) session.explain(k * 21 + i); })[0] / 21);
  }
  status.textContent = 'Edits…';
  await frame();
  const local = [];
  const global = [];
  for (let i = 0; i < Math.max(reps, 5); i++) {
    local.push(time(() => session.localEdit())[0]);
    session.undoLocalEdit();
    global.push(time(() => session.globalEdit())[0]);
    session.undoGlobalEdit();
  }
  const result = {
    tier, users: session.users(), records: session.records(), cells,
    parse_validate_ms: median(parse),
    full_matrix_ms: median(full),
    per_cell_ns: (median(full) * 1e6) / cells,
    explain_ms: median(explain),
    local_edit_ms: median(local),
    global_edit_ms: median(global),
    packed_matrix_mb: packed / 1048576,
    // Linear memory only grows, so its size is the engine's peak (plus the generated text).
    wasm_memory_mb: wasm.memory.buffer.byteLength / 1048576,
    user_agent: navigator.userAgent,
  };
  const rows = [
    ['parse + validate', result.parse_validate_ms, 'ms', 'scenario JSON to a checked index'],
    ['full matrix', result.full_matrix_ms, 'ms', `${cells.toLocaleString()} cells, ${result.per_cell_ns.toFixed(2)} ns per cell`],
    ['one explanation', result.explain_ms, 'ms', 'every reason for one cell'],
    ['local edit', result.local_edit_ms, 'ms', 'a manual share on one case: checked, patched, rows recomputed'],
    ['global edit', result.global_edit_ms, 'ms', 'the case org-wide default: every case row recomputed'],
    ['wasm memory', result.wasm_memory_mb, 'MB', 'peak linear memory'],
  ];
  const body = document.querySelector('#figures tbody');
  for (const [step, value, unit, what] of rows) {
    const tr = document.createElement('tr');
    for (const [text, cls] of [[step, ''], [`${value.toFixed(2)} ${unit}`, 'n'], [what, '']]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    body.append(tr);
  }
  document.getElementById('figures').hidden = false;
  status.textContent = `Tier ${tier}: ${result.users.toLocaleString()} users x ${result.records.toLocaleString()} records.`;
  window.benchResult = result;
  document.body.dataset.done = '1';
}

run().catch((e) => {
  status.textContent = `Benchmark failed: ${e.message ?? e}`;
  window.benchError = String(e.message ?? e);
  document.body.dataset.done = 'error';
});
