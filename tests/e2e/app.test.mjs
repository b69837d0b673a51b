// End-to-end: the built app in Debian's Chromium, as a user drives it. Screenshots (desktop
// and phone width) go to test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS, cell, letter, expected } from './server.mjs';

const app = useApp({ before, after });



const open = app.open;


async function checkMatrix(page, name) {
  for (const row of await expected(name)) {
    for (const [user, want] of Object.entries(row.cells)) {
      assert.equal(await letter(page, user, row.id), want, `${name}: ${row.id} x ${user}`);
    }
  }
}

test('default preset: Jack Rogers reads his account\'s cases, and a click explains why', async () => {
  const page = await open();
  assert.equal(await page.inputValue('select[aria-label=Scenario]'), 'help-center');
  await checkMatrix(page, 'help-center');
  await cell(page, 'jack', 'case_output').click();
  const panel = await page.textContent('.explain');
  assert.match(panel, /Sharing set 'Share Customer Cases'/);
  assert.match(panel, /User\.Account = Case\.Asset\.Account/);
  await cell(page, 'jack', 'case_edge').click();
  assert.match(await page.textContent('.explain'), /Why not/);
  assert.match(await page.textContent('.explain'), /Edge Communications/);
  await page.screenshot({ path: `${SHOTS}/desktop.png` });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.offsite, [], 'no request leaves the page origin');
  await page.context().close();
});

test('who can edit a case, and why: click its name, then a person', async () => {
  const page = await open();
  await page.click('button.record-head[data-record="case_inverter"]');
  const panel = await page.textContent('.who-can');
  assert.match(panel, /Who can access Inverter shows error E21/);
  assert.match(panel, /Full access \(2\)/);
  assert.match(panel, /Can read \(1\)Jack Rogers/);
  await page.click('.who-can button.link:has-text("Ken Adams")');
  assert.match(await page.textContent('.explain'), /Ken Adams owns case 'Inverter shows error E21'/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/desktop-dark.png` });
  await page.context().close();
});

test('removing the sharing set highlights the changed cells; undo and redo', async () => {
  const page = await open();
  await page.click('summary:has-text("Sharing sets")');
  await page.click('button[aria-label="Remove Share Customer Cases"]');
  await page.waitForSelector('.changed-count');
  assert.equal(await page.textContent('.changed-count'), '5 cells changed');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  assert.match(await cell(page, 'jack', 'case_inverter').getAttribute('class'), /changed/);
  assert.match(await cell(page, 'jack', 'case_inverter').getAttribute('aria-label'), /was Read/);
  assert.doesNotMatch(await cell(page, 'ken', 'case_inverter').getAttribute('class'), /changed/);
  await cell(page, 'jack', 'case_inverter').click();
  assert.match(await page.textContent('.explain'), /was Read before the last edit/);
  await page.screenshot({ path: `${SHOTS}/changed.png` });
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('button.cell[data-user="jack"][data-record="case_inverter"]').textContent.endsWith('R'));
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('button.cell[data-user="jack"][data-record="case_inverter"]').textContent.endsWith('-'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('changing the case default updates the matrix; an invalid default is refused inline', async () => {
  const page = await open();
  await page.selectOption('select[aria-label="Case internal default"]', 'public_read');
  await page.waitForSelector('.changed-count');
  assert.equal(await letter(page, 'sofia', 'case_inverter'), 'R', 'Public Read Only inside');
  assert.equal(await letter(page, 'jack', 'case_edge'), '-', 'external default is still Private');
  await page.selectOption('select[aria-label="Case external default"]', 'public_read_write');
  const err = await page.textContent('.editor .field-error');
  // Plain words, no JSON path; the dropdown shows the setting still in force.
  assert.match(err, /Kept Public Read Only internal, Private external/);
  assert.match(err, /can't be more open than the internal one/);
  assert.doesNotMatch(err, /org_defaults/);
  assert.equal(await page.inputValue('select[aria-label="Case external default"]'), 'private');
  assert.equal(await letter(page, 'jack', 'case_edge'), '-', 'the refused edit changed nothing');
  await page.context().close();
});

test('keyboard: arrows move between cells and Enter explains', async () => {
  const page = await open();
  await cell(page, 'maria', 'case_inverter').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('.explain h2'), /Ken Adams on Monitoring portal login/);
  assert.equal(await page.getAttribute('[role=grid]', 'aria-rowcount'), '6');
  await page.context().close();
});

test('an edit survives a reload, and export then import round-trips', async () => {
  const page = await open();
  await page.click('summary:has-text("Sharing sets")');
  await page.click('button[aria-label="Remove Share Customer Cases"]');
  await page.waitForSelector('.changed-count');
  await page.reload();
  await page.waitForSelector('button.cell');
  assert.match(await page.textContent('.notice'), /Restored your last scenario/);
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export')]);
  const exported = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(exported).sharing_sets.length, 0);
  await page.selectOption('select[aria-label=Scenario]', 'housing-loan');
  await page.waitForSelector('button.cell[data-user="arjun"]');
  await page.setInputFiles('input[type=file]', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  assert.match(await page.textContent('.notice'), /Opened 'mine.json'/);
  // A broken file says why and keeps the current scenario.
  await page.setInputFiles('input[type=file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "users": [') });
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /Could not open 'broken.json'; your current scenario is unchanged/);
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  await page.context().close();
});

test('a share link opens the same scenario in a fresh browser; a broken link falls back', async () => {
  const page = await open();
  await page.selectOption('select[aria-label="Case internal default"]', 'public_read');
  await page.waitForSelector('.changed-count');
  await page.click('text=Share link');
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const link = page.url();
  await page.context().close();
  const fresh = await open(link.slice(app.url.length));
  assert.match(await fresh.textContent('.notice'), /Opened the scenario from the share link/);
  assert.equal(await letter(fresh, 'sofia', 'case_inverter'), 'R');
  await fresh.context().close();
  const broken = await open('#s=AAAA');
  assert.match(await broken.textContent('.notice.error'), /share link could not be opened/);
  await checkMatrix(broken, 'help-center');
  await broken.context().close();
});

test('embed mode shows a compact matrix and explanation', async () => {
  const page = await open('?embed&preset=housing-loan');
  assert.equal(await page.locator('.editor').count(), 0, 'no editor in embed mode');
  await checkMatrix(page, 'housing-loan');
  await cell(page, 'lena', 'case_loan').click();
  assert.match(await page.textContent('.explain'), /Listed Consumer/);
  await page.screenshot({ path: `${SHOTS}/embed-mode.png` });
  await page.context().close();
});

test('admin actions: a refusal names its rule; an allowed action shows the changes', async () => {
  const page = await open('?preset=customer-success');
  await page.selectOption('select[aria-label=Object]', 'account');
  await page.waitForSelector('button.cell[data-record="acc_acme"]');
  await page.selectOption('select[aria-label="Acting user"]', 'alice');
  await page.selectOption('select[aria-label=Action]', 'disable_user');
  await page.selectOption('select[aria-label=Target]', 'carla');
  await page.click('text=Try it');
  assert.match(await page.textContent('.outcome'), /Refused\. Carla CSM is the Customer Success Manager of account 'Acme'/);
  await page.selectOption('select[aria-label=Target]', 'dev');
  await page.click('text=Try it');
  await page.waitForSelector('.outcome.allowed');
  assert.match(await page.textContent('.outcome'), /8 access cells and 1 configuration rights changed/);
  assert.equal(await letter(page, 'dev', 'acc_acme'), '-');
  assert.equal(await page.textContent('.yesno[data-user="sam"][data-area="playbooks"]'), 'Yes');
  await page.context().close();
});

test('500 users x 5,000 records: only the visible window is rendered', async () => {
  const users = Array.from({ length: 500 }, (_, i) => ({ id: `u${i}`, name: `User ${i}`, profile: 'p', role: `r${i % 50}` }));
  const roles = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, name: `Role ${i}`, ...(i ? { parent: `r${Math.floor((i - 1) / 3)}` } : {}) }));
  const cases = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, name: `Case ${i}`, owner: `u${(i * 7) % 500}` }));
  const big = { version: 1, name: 'Big org', roles, users, profiles: [{ id: 'p', name: 'Std', objects: { case: ['read', 'edit'] } }], cases };
  const page = await open();
  const t0 = Date.now();
  await page.setInputFiles('input[type=file]', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await page.waitForSelector('button.cell[data-user="u0"][data-record="c0"]');
  const loadMs = Date.now() - t0;
  const rendered = await page.locator('button.cell').count();
  assert.ok(rendered < 3000, `rendered ${rendered} cells of 2,500,000`);
  const frames = await page.evaluate(async () => {
    const el = document.querySelector('.grid-scroll');
    const times = [];
    for (let i = 1; i <= 20; i++) {
      const t = performance.now();
      el.scrollTop = i * 4000;
      el.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      times.push(performance.now() - t);
    }
    return times;
  });
  const worst = Math.max(...frames);
  console.log(`# big scenario: loaded in ${loadMs} ms, ${rendered} cells in the DOM, worst scroll step ${worst.toFixed(1)} ms`);
  assert.ok(await page.locator('button.cell[data-record="c2220"]').count() > 0, 'scrolled rows are rendered');
  await page.context().close();
});

test('names are rendered as text, never HTML, under a strict CSP', async () => {
  const hostile = {
    version: 1, name: '<img src=x onerror="window.pwned=1">',
    profiles: [{ id: 'p', name: 'P', objects: { case: ['read', 'edit'] } }],
    users: [{ id: 'u', name: '<img src=x onerror="window.pwned=1">', profile: 'p' }],
    cases: [{ id: 'c', name: '<script>window.pwned=2</script>', owner: 'u' }],
  };
  const page = await open();
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  await page.setInputFiles('input[type=file]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
  await page.waitForSelector('button.cell[data-user="u"]');
  assert.equal(await page.locator('main img').count(), 0, 'no element was created from a name');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.match(await page.textContent('.matrix [role=rowheader]'), /<script>window.pwned=2<\/script>/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a full localStorage warns instead of losing the edit', async () => {
  const page = await open();
  await page.evaluate(() => {
    // Fill the quota with ever smaller pieces until not even 16 bytes fit.
    let i = 0;
    for (const size of [512 * 1024, 16 * 1024, 512, 16, 1]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem('fill' + i++, chunk); } catch (e) { /* this size is full */ }
    }
  });
  // This scenario sets no Opportunity default: the edit adds a whole entry to the saved JSON.
  await page.selectOption('select[aria-label="Opportunity internal default"]', 'public_read_write');
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /storage is full/);
  assert.equal(await page.inputValue('select[aria-label="Opportunity internal default"]'), 'public_read_write', 'the edit is applied and kept in the page');
  assert.equal(await page.isEnabled('text=Undo'), true);
  await page.context().close();
});

test('phone width: the explanation opens as a sheet over the matrix and the page stays usable', async () => {
  const page = await open('', { width: 390, height: 844 });
  await cell(page, 'jack', 'case_monitoring').click();
  await page.waitForSelector('.explain.drawer');
  const matrix = await page.locator('.matrix-panel').boundingBox();
  const explain = await page.locator('.explain').boundingBox();
  assert.ok(explain.y < 844 && explain.y + explain.height <= 845, 'the explanation is on screen, not a screen below');
  assert.ok(explain.y < matrix.y + matrix.height, 'it overlaps the matrix as a sheet');
  assert.ok(matrix.width <= 390, 'no horizontal page overflow');
  await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: false });
  await page.context().close();
});
