// End-to-end: the layout shows the answer. The matrix gets the width, the explanation is a
// closable drawer (a bottom sheet on phones), a skip link reaches the matrix, the changed badge
// leads to the changed cells, panels that do not apply are hidden, and the role tree highlights
// the path an explanation uses. Screenshots go to test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, cell } from './server.mjs';

// The matrix's fixed geometry (src/ui/access_matrix.rs): record-name column and user column.
const HEAD_W = 220;
const COL_W = 40;
const app = useApp({ before, after });


const open = app.open;

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { cls: a.className, text: a.textContent, user: a.dataset.user, record: a.dataset.record };
});

/** Whether `inner`'s box lies inside `outer`'s (1 px of rounding allowed). */
function inside(inner, outer) {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1
    && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}

test('the skip link is the first Tab stop and Enter puts focus in the matrix', async () => {
  const page = await open();
  await page.keyboard.press('Tab');
  assert.equal((await active(page)).text, 'Skip to the access matrix');
  await page.keyboard.press('Enter');
  const a = await active(page);
  assert.match(a.cls, /\bcell\b/, 'a matrix cell has focus');
  assert.ok(await page.evaluate(() => document.activeElement.closest('.grid-scroll') !== null));
  // From there the arrow keys and Enter work as in the grid.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.explain.drawer');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the explanation opens as a drawer on a cell and Escape closes it, returning focus', async () => {
  const page = await open();
  assert.equal(await page.locator('.explain').count(), 0, 'no explanation panel before a cell is picked');
  await cell(page, 'jack', 'case_inverter').click();
  await page.waitForSelector('.explain.drawer');
  assert.match(await page.textContent('.explain h2'), /Jack Rogers on Inverter shows error E21/);
  // The drawer sits beside the matrix, not over it.
  const drawer = await page.locator('.explain.drawer').boundingBox();
  const matrix = await page.locator('.matrix-panel').boundingBox();
  assert.ok(drawer.x >= matrix.x + matrix.width - 1, 'the drawer is to the right of the matrix');
  assert.ok(inside(drawer, { x: 0, y: 0, width: 1280, height: 800 }), 'the drawer is on screen');
  // The picked cell stays visible next to it.
  assert.ok(inside(await cell(page, 'jack', 'case_inverter').boundingBox(), await page.locator('.grid-scroll').boundingBox()));
  // The level legend comes from the engine: Full is the owner's level.
  await page.click('.explain .levels summary');
  assert.match(await page.textContent('.explain .levels'), /Full.*delete, transfer and share/s);
  await page.screenshot({ path: `${SHOTS}/layout-desktop-drawer.png` });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.explain', { state: 'detached' });
  const a = await active(page);
  assert.deepEqual([a.user, a.record], ['jack', 'case_inverter'], 'focus is back on the cell');
  // The Close button does the same.
  await cell(page, 'ken', 'case_edge').click();
  await page.click('.explain .drawer-close');
  await page.waitForSelector('.explain', { state: 'detached' });
  assert.deepEqual(Object.values(await active(page)).slice(2), ['ken', 'case_edge']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at 1280 px the account-team matrix shows all 12 user columns without horizontal scrolling', async () => {
  const page = await open('?preset=account-team');
  await page.waitForSelector('button.cell[data-user="ada"]');
  const grid = await page.locator('.grid-scroll').boundingBox();
  const [scrollW, clientW] = await page.evaluate(() => {
    const g = document.querySelector('.grid-scroll');
    return [g.scrollWidth, g.clientWidth];
  });
  // How many 40 px columns fit beside the 220 px record-name column.
  const fit = Math.floor((clientW - HEAD_W) / COL_W);
  console.log(`# 1280 px: grid ${clientW} px wide, room for ${fit} user columns; account-team has 12`);
  assert.ok(fit >= 12, `room for ${fit} columns`);
  assert.equal(await page.locator('.matrix .user').count(), 12);
  assert.ok(scrollW <= clientW, `no horizontal scroll (${scrollW} > ${clientW})`);
  for (const head of await page.locator('.matrix .user').all()) {
    assert.ok(inside(await head.boundingBox(), grid), 'every user column is in view');
  }
  await page.context().close();
});

test('user headers show role and profile, in full on hover and on keyboard focus', async () => {
  const page = await open('?preset=account-team');
  const head = page.locator('.matrix .user:has(button[data-user="dan"])');
  // Dan: role Sales Engineer, profile Read Only (www/scenarios/account-team.json).
  assert.match(await head.locator('.user-sub').textContent(), /Sales Engineer/);
  assert.equal(await head.locator('.user-tip').isVisible(), false);
  await head.locator('button').focus();
  assert.equal(await head.locator('.user-tip').isVisible(), true, 'the tip shows on focus');
  const tip = await head.locator('.user-tip').textContent();
  assert.match(tip, /Role: Sales Engineer/);
  assert.match(tip, /Profile: Read Only/);
  const described = await head.locator('button').getAttribute('aria-describedby');
  assert.equal(await page.locator(`#${described}`).count(), 1, 'the button is described by its tip');
  await page.locator('body').focus();
  await page.mouse.move(0, 0);
  await page.locator('.matrix .user:has(button[data-user="ada"])').hover();
  assert.match(await page.locator('.matrix .user:has(button[data-user="ada"]) .user-tip').textContent(), /Role: none/);
  assert.equal(await page.locator('.matrix .user:has(button[data-user="ada"]) .user-tip').isVisible(), true, 'the tip shows on hover');
  await page.context().close();
});

/** A scenario with 40 users and 300 cases, every case owned by u0; `shares` adds manual shares. */
function grid(shares) {
  return {
    version: 1, name: 'Wide org',
    profiles: [{ id: 'p', name: 'Std', objects: { case: ['read', 'edit'] } }],
    users: Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, name: `User ${i}`, profile: 'p' })),
    cases: Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, name: `Case ${i}`, owner: 'u0' })),
    manual_shares: shares.map(([record, user], i) => ({ id: `ms${i}`, name: `Share ${i}`, record, with: { user }, access: 'read' })),
  };
}

async function importJson(page, name, json) {
  await page.setInputFiles('input[type=file]', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.waitForFunction((n) => document.querySelector('.notice')?.textContent.includes(n), name);
}

test('the changed badge jumps to off-screen changed cells, steps through them and filters to them', async () => {
  const page = await open();
  await importJson(page, 'shared.json', grid([['c10', 'u30'], ['c250', 'u35']]));
  // The plain version applied as an edit (the JSON tab): exactly the two shared cells change
  // (Read -> None). Opening a file starts a new history, so this must be an edit.
  await page.click('.editor-tabs button:has-text("JSON")');
  await page.locator('textarea[aria-label="Scenario JSON"]').fill(JSON.stringify(grid([]), null, 2));
  await page.click('.json-tab button:has-text("Apply")');
  await page.click('.editor-tabs button:has-text("Form")');
  await page.waitForSelector('.changed-count');
  assert.equal(await page.textContent('.changed-count'), '2 cells changed');
  const box = await page.locator('.grid-scroll').boundingBox();
  assert.equal(await cell(page, 'u35', 'c250').count(), 0, 'the far cell is not even rendered before the jump');
  await page.click('.changed-count');
  await page.waitForFunction(() => document.activeElement?.dataset.record === 'c10');
  let a = await active(page);
  assert.deepEqual([a.user, a.record], ['u30', 'c10'], 'first changed cell in matrix order');
  assert.ok(inside(await cell(page, 'u30', 'c10').boundingBox(), box), 'scrolled into view');
  await page.click('button[aria-label="Next changed cell"]');
  await page.waitForFunction(() => document.activeElement?.dataset.record === 'c250');
  a = await active(page);
  assert.deepEqual([a.user, a.record], ['u35', 'c250']);
  assert.ok(inside(await cell(page, 'u35', 'c250').boundingBox(), await page.locator('.grid-scroll').boundingBox()));
  assert.match(await cell(page, 'u35', 'c250').getAttribute('aria-label'), /No access.*was Read/);
  await page.click('button[aria-label="Previous changed cell"]');
  await page.waitForFunction(() => document.activeElement?.dataset.record === 'c10');
  await page.click('button[aria-label="Previous changed cell"]');
  await page.waitForFunction(() => document.activeElement?.dataset.record === 'c250', null, { timeout: 5000 });
  // Only changed: the two rows and two columns that hold a change.
  await page.check('text=Only changed');
  await page.waitForFunction(() => document.querySelectorAll('.matrix [role=rowheader]').length === 2);
  assert.deepEqual(await page.locator('.matrix .user button').evaluateAll((b) => b.map((x) => x.dataset.user)), ['u30', 'u35']);
  assert.deepEqual(await page.locator('[role=rowheader] button').evaluateAll((b) => b.map((x) => x.dataset.record)), ['c10', 'c250']);
  await page.uncheck('text=Only changed');
  await page.waitForFunction(() => document.querySelectorAll('.matrix [role=rowheader]').length > 2);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('headers stay in place while the matrix scrolls', async () => {
  const page = await open();
  await importJson(page, 'wide.json', grid([]));
  const g = await page.locator('.grid-scroll').boundingBox();
  await page.evaluate(() => {
    const el = document.querySelector('.grid-scroll');
    el.scrollTop = 3000;
    el.scrollLeft = 600;
    el.dispatchEvent(new Event('scroll'));
  });
  await page.waitForSelector('[role=rowheader] button[data-record="c90"]');
  const corner = await page.locator('.matrix .corner').boundingBox();
  assert.ok(Math.abs(corner.y - g.y) <= 2 && Math.abs(corner.x - g.x) <= 2, 'the corner stays at the top left');
  const head = await page.locator('.matrix .user').first().boundingBox();
  assert.ok(Math.abs(head.y - g.y) <= 2, 'the user header row stays at the top');
  const row = await page.locator('[role=rowheader]:has(button[data-record="c90"])').boundingBox();
  assert.ok(Math.abs(row.x - g.x) <= 2, 'the record names stay at the left');
  await page.context().close();
});

test('customer-success opens on an object that has records', async () => {
  const page = await open('?preset=customer-success');
  const object = await page.inputValue('select[aria-label=Object]');
  assert.notEqual(object, 'case', 'the scenario has no cases');
  const label = await page.locator('select[aria-label=Object] option:checked').textContent();
  assert.doesNotMatch(label, /\(0\)/);
  assert.ok(await page.locator('button.cell').count() > 0);
  await page.context().close();
});

test('a custom-object scenario opens on its first custom object, named by its label', async () => {
  // loan-applications has no cases; it declares Loan Application, Loan Document and Document
  // Check (in that order) and has records of each.
  const page = await open('?preset=loan-applications');
  assert.equal(await page.inputValue('select[aria-label=Object]'), 'Loan_Application__c');
  const label = await page.locator('select[aria-label=Object] option:checked').textContent();
  assert.match(label, /^Loan Application \(\d+\)$/);
  await page.locator('summary', { hasText: 'Custom objects' }).click();
  const names = await page.locator('.editor-section[open] .entry-name, .editor-section[open] li').allTextContents();
  assert.ok(names.some((n) => /Loan Application \(Loan_Application__c\)/.test(n)), names.join(' | '));
  await page.screenshot({ path: `${SHOTS}/custom-objects-desktop.png` });
  await page.context().close();
});

test('configuration rights show only where the scenario defines configuration areas', async () => {
  for (const preset of ['help-center', 'account-team', 'role-hierarchy', 'housing-loan', 'sold-product']) {
    const page = await open(`?preset=${preset}`);
    assert.equal(await page.locator('.config').count(), 0, `${preset}: no configuration rights panel`);
    await page.context().close();
  }
  for (const preset of ['customer-success', 'teams-crm']) {
    const page = await open(`?preset=${preset}`);
    assert.equal(await page.locator('.config').count(), 1, `${preset}: configuration rights shown`);
    // No column of the rights matrix is all dashes.
    const empty = await page.locator('.config-matrix').evaluate((t) => {
      const cols = t.querySelectorAll('thead th').length - 1;
      const out = [];
      for (let c = 0; c < cols; c++) {
        const cells = [...t.querySelectorAll('tbody tr')].map((r) => r.children[c + 1].textContent);
        if (cells.every((x) => x === '-')) out.push(t.querySelectorAll('thead th')[c + 1].textContent);
      }
      return out;
    });
    assert.deepEqual(empty, [], `${preset}: areas nobody can use are not listed`);
    await page.context().close();
  }
});

test('the role tree highlights the path a role-hierarchy explanation uses', async () => {
  const none = await open('?preset=customer-success');
  assert.equal(await none.locator('.role-tree').count(), 0, 'no roles, no tree');
  await none.context().close();
  const page = await open('?preset=role-hierarchy');
  assert.equal(await page.locator('.role-node').count(), 6);
  assert.equal(await page.locator('.role-node.on-path').count(), 0);
  // Victor Hale (VP Sales) edits "Login fails" through Nina Berg (Sales Rep)'s manual share
  // (tests/expected/role-hierarchy.txt): the path is VP Sales > Sales Rep.
  await cell(page, 'victor', 'case_login').click();
  await page.waitForSelector('.role-node.on-path');
  assert.deepEqual(await page.locator('.role-node.on-path').evaluateAll((n) => n.map((x) => x.dataset.role)), ['r_vp_sales', 'r_sales_rep']);
  assert.match(await page.textContent('.explain .role-paths'), /VP Sales › Sales Rep/);
  await page.locator('.role-tree').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/layout-role-tree.png` });
  // Lee owns "Outage in EU region": no hierarchy, nothing highlighted.
  await cell(page, 'lee', 'case_outage').click();
  await page.waitForFunction(() => document.querySelectorAll('.role-node.on-path').length === 0);
  await page.context().close();
});

test('phone width: the explanation is a bottom sheet within the viewport, and closes', async () => {
  const page = await open('', { width: 390, height: 844 });
  await cell(page, 'jack', 'case_monitoring').click();
  await page.waitForSelector('.explain.drawer');
  await page.waitForTimeout(100);
  const sheet = await page.locator('.explain.drawer').boundingBox();
  assert.ok(inside(sheet, { x: 0, y: 0, width: 390, height: 844 }), `the sheet is within the viewport: ${JSON.stringify(sheet)}`);
  assert.ok(sheet.y < 844 * 0.6, 'the sheet takes a good part of the screen');
  const tapped = await cell(page, 'jack', 'case_monitoring').boundingBox();
  assert.ok(tapped.y >= 0 && tapped.y + tapped.height <= sheet.y + 1, 'the tapped cell stays visible above the sheet');
  assert.match(await page.textContent('.explain h2'), /Jack Rogers on Monitoring portal login/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal page overflow');
  await page.screenshot({ path: `${SHOTS}/layout-phone-sheet.png` });
  await page.click('.explain .drawer-close');
  await page.waitForSelector('.explain', { state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
