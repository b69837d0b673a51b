// End-to-end: the built app in Debian's Chromium. Loads the default preset, checks cells
// against tests/expected, clicks a cell and reads the explanation, switches preset, and saves
// desktop and phone screenshots to test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { serveDist, launch } from './server.mjs';

const SHOTS = 'test-results/screenshots';
let server, url, browser;

before(async () => {
  ({ server, url } = await serveDist());
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function expectedCases(name) {
  const text = await readFile(`tests/expected/${name}.txt`, 'utf8');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const users = lines[0].split(/\s+/).slice(1);
  return lines.slice(1).filter((l) => l.startsWith('case_')).map((l) => {
    const [id, ...cells] = l.split(/\s+/);
    return { id, cells: Object.fromEntries(users.map((u, i) => [u, cells[i]])) };
  });
}

test('default preset: case matrix matches the hand-derived expectations', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const offsite = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) offsite.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector('table[role=grid] button.cell');
  for (const row of await expectedCases('help-center')) {
    for (const [user, letter] of Object.entries(row.cells)) {
      const got = await page.textContent(`button.cell[data-user="${user}"][data-record="${row.id}"]`);
      assert.equal(got, letter, `${row.id} x ${user}`);
    }
  }
  await page.click('button.cell[data-user="jack"][data-record="case_output"]');
  const panel = await page.textContent('.explain');
  assert.match(panel, /Sharing set 'Share Customer Cases'/);
  assert.match(panel, /User\.Account = Case\.Asset\.Account/);
  await page.screenshot({ path: `${SHOTS}/desktop.png`, fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(offsite, [], 'no request leaves the page origin');
  await page.close();
});

test('a None cell explains why not, and the preset picker switches scenario', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('button.cell');
  await page.click('button.cell[data-user="jack"][data-record="case_edge"]');
  assert.match(await page.textContent('.explain'), /external org-wide default for Case is Private/);
  await page.selectOption('select[aria-label=Scenario]', 'account-team');
  await page.waitForSelector('button.cell[data-record="case_panel"]');
  await page.click('button.cell[data-user="maria"][data-record="case_inverter"]');
  assert.match(await page.textContent('.explain'), /Maria Lopez \(VP Support\) is above Sam Patel \(Support Agent\)/);
  await page.selectOption('select[aria-label=Scenario]', 'role-hierarchy');
  await page.waitForSelector('button.cell[data-record="case_integration"]');
  for (const row of await expectedCases('role-hierarchy')) {
    for (const [user, letter] of Object.entries(row.cells)) {
      const got = await page.textContent(`button.cell[data-user="${user}"][data-record="${row.id}"]`);
      assert.equal(got, letter, `${row.id} x ${user}`);
    }
  }
  await page.close();
});

test('phone width: panels stack and the page stays usable', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await page.goto(url);
  await page.waitForSelector('button.cell');
  await page.click('button.cell[data-user="jack"][data-record="case_monitoring"]');
  const matrix = await page.locator('.matrix-panel').boundingBox();
  const explain = await page.locator('.explain').boundingBox();
  assert.ok(explain.y > matrix.y + matrix.height - 1, 'the explanation sits below the matrix');
  assert.ok(matrix.width <= 390, 'no horizontal page overflow');
  await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: true });
  await page.close();
});
