// The example page in headless Chromium: the package loads from node_modules through the
// import map, checks two expectations on the help-center preset, one passing, one failing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './serve.mjs';

let server, url, browser;
before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the page imports access-sim-js from node_modules and checks the expectations', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  const rows = await page.$$eval('#results li', (lis) =>
    lis.map((li) => ({ passed: li.dataset.passed, actual: li.dataset.actual, text: li.textContent, title: li.title })));
  assert.equal(rows.length, 2);
  // jack reads case_inverter through the sharing set: "exactly Read" passes ...
  assert.equal(rows[0].passed, 'true');
  assert.match(rows[0].text, /^PASS /);
  // ... and "exactly Edit" fails, with the level he actually has.
  assert.equal(rows[1].passed, 'false');
  assert.equal(rows[1].actual, 'read');
  assert.match(rows[1].text, /^FAIL .*\(actual: read\)$/);
  assert.match(rows[1].title, /Sharing set 'Share Customer Cases'/);
  assert.ok(requests.includes(url + 'node_modules/access-sim-js/access_sim_js.js'));
  assert.ok(requests.includes(url + 'node_modules/access-sim-js/access_sim_js_bg.wasm'));
  assert.deepEqual(requests.filter((r) => !r.startsWith(url)), []);
  assert.deepEqual(errors, []);
  await page.close();
});
