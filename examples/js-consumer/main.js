// The example page: loads the package from node_modules (index.html's import map names it, as a
// bundler would), checks our expectations on a scenario and lists the results.
import init from 'access-sim-js';
import { audit } from './audit.js';

await init(); // fetches access_sim_js_bg.wasm next to the package's module
const url = new URLSearchParams(location.search).get('scenario') ?? 'scenarios/help-center.json';
/** @type {import('access-sim-js').Scenario} */
const scenario = await (await fetch(url)).json();
const rows = audit(scenario);

const list = /** @type {HTMLElement} */ (document.querySelector('#results'));
for (const row of rows) {
  const li = document.createElement('li');
  li.dataset.passed = String(row.passed);
  li.dataset.actual = row.actual ?? '';
  li.textContent = `${row.passed ? 'PASS' : 'FAIL'} ${row.text}${row.passed ? '' : ` (actual: ${row.actual})`}`;
  li.title = row.explanation;
  list.append(li);
}
document.body.dataset.ready = 'true';
