// End-to-end: no lost work. Opening a preset or a link keeps the work it replaces restorable (a
// broken link leaves it alone), two tabs never overwrite each other silently, a too-big
// scenario says so and offers Export, a crash never replaces the last good save, and a link
// pasted into an open tab is offered. Screenshots go to test-results/screenshots/lostwork-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS, cell, letter } from './server.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const app = useApp({ before, after });


/** A page in `context` (a fresh one unless given), failing the test on page errors. */
const open = (path = '', { viewport = DESKTOP, context } = {}) =>
  app.open(path, { viewport, context, ready: '.matrix-panel button.cell' });

/** Load `path` afresh in the same page (same storage), not as a same-document hash change. */
async function reopen(page, path = '') {
  await page.goto('about:blank');
  await page.goto(app.url + path);
  await page.waitForSelector('.matrix-panel button.cell');
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('access-sim/scenario') ?? 'null'));

/** The help-center edit used throughout: without the sharing set Jack loses Read on Inverter. */
async function removeSharingSet(page) {
  await page.click('summary:has-text("Sharing sets")');
  await page.click('button[aria-label="Remove Share Customer Cases"]');
  await page.waitForSelector('.changed-count');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  // Autosave runs a task after the render: wait until it wrote the edit.
  await page.waitForFunction(() => {
    const s = JSON.parse(localStorage.getItem('access-sim/scenario') ?? '{}');
    return s.name && !(s.sharing_sets ?? []).length;
  });
}

async function shareLinkOf(preset) {
  const page = await open(`?preset=${preset}`);
  await page.click('text=Share link');
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const hash = await page.evaluate(() => location.hash);
  await page.context().close();
  return hash;
}

test('opening ?preset= after an edit offers the edit back, also after a reload', async () => {
  const page = await open();
  await removeSharingSet(page);
  await reopen(page, '?preset=housing-loan');
  await page.waitForSelector('button.cell[data-user="arjun"]');
  const offer = page.locator('.restore-offer');
  assert.match(await offer.textContent(), /Help/);
  assert.equal(new URL(page.url()).search, '', 'the preset left the address, so a reload continues');
  await page.screenshot({ path: `${SHOTS}/lostwork-restore-desktop.png` });
  await page.reload();
  await page.waitForSelector('button.cell[data-user="arjun"]');
  assert.equal(await offer.count(), 1, 'the offer survives a reload');
  await offer.locator('text=Restore the scenario you were editing').click();
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-', 'the edit is back');
  assert.match(await page.textContent('.notice.info'), /Opened the scenario you were editing/);
  assert.equal(await offer.count(), 0, 'an unedited preset was replaced: nothing more to restore');
  await page.reload();
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-', 'the restored edit is the autosave');
  assert.equal(await offer.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the restore offer at phone width', async () => {
  const page = await open('', { viewport: PHONE });
  await removeSharingSet(page);
  await page.selectOption('select[aria-label=Scenario]', 'teams-crm');
  await page.waitForSelector('.restore-offer');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(380, 10);
  const box = await page.locator('.restore-offer').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the offer fits the phone width');
  await page.screenshot({ path: `${SHOTS}/lostwork-restore-phone.png` });
  await page.click('text=Restore the scenario you were editing');
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  await page.context().close();
});

test('a broken link after an edit leaves the edit and its save untouched', async () => {
  const page = await open();
  await removeSharingSet(page);
  await reopen(page, '#s=AAAA');
  assert.match(await page.textContent('.notice.error'), /share link could not be opened.*shown instead, unchanged/);
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  await page.reload();
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-', 'still there after a reload');
  assert.deepEqual((await stored(page)).sharing_sets ?? [], []);
  await page.context().close();
});

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`two tabs (${label}): a save in one is announced in the other, which never overwrites it unasked`, async () => {
    const context = await app.browser.newContext({ viewport });
    const a = await open('', { context });
    const b = await open('', { context });
    await removeSharingSet(a);
    await b.waitForSelector('.other-tab');
    assert.match(await b.textContent('.other-tab'), /Another tab saved a different scenario/);
    await b.screenshot({ path: `${SHOTS}/lostwork-two-tabs-${label}.png` });
    // B edits while the question is open: A's save stays.
    await b.selectOption('select[aria-label="Case internal default"]', 'public_read');
    await b.waitForSelector('.changed-count');
    await b.waitForTimeout(300);
    let saved = await stored(a);
    assert.deepEqual(saved.sharing_sets ?? [], [], 'A\'s edit is still the save');
    assert.notEqual(saved.org_defaults?.case?.internal, 'public_read', 'B wrote nothing');
    // B keeps its version, on purpose: now A is told.
    await b.click('text=Keep mine');
    await b.waitForFunction(() => JSON.parse(localStorage.getItem('access-sim/scenario')).org_defaults.case.internal === 'public_read');
    assert.equal(await b.locator('.other-tab').count(), 0);
    await a.waitForSelector('.other-tab');
    saved = await stored(a);
    assert.equal(saved.sharing_sets.length, 1, 'B\'s version has the sharing set');
    // A loads B's version; A's own edit becomes restorable instead of lost.
    await a.click('text=Load the other tab\'s version');
    await a.waitForFunction(() => document.querySelector('button.cell[data-user="sofia"][data-record="case_inverter"]').textContent.endsWith('R'));
    assert.equal(await letter(a, 'jack', 'case_inverter'), 'R', 'the sharing set is back in A');
    await a.click('text=Restore the scenario you were editing');
    await a.waitForFunction(() => document.querySelector('button.cell[data-user="jack"][data-record="case_inverter"]').textContent.endsWith('-'));
    assert.deepEqual([...a.errors, ...b.errors], []);
    await context.close();
  });
}

test('a scenario too big to save says so with its size and offers Export', async () => {
  const LIMIT = 20000;
  const context = await app.browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  // This browser refuses any value over 20,000 characters, as a real one does over its quota.
  await context.addInitScript((limit) => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(value).length > limit) {
        if (key === 'access-sim/scenario') window.refused = String(value).length;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return set.call(this, key, value);
    };
  }, LIMIT);
  const page = await open('', { context });
  const cases = Array.from({ length: 600 }, (_, i) => ({ id: `c${i}`, name: `Case ${i}`, owner: 'u' }));
  const big = { version: 1, name: 'Big', profiles: [{ id: 'p', name: 'P', objects: { case: ['read'] } }], users: [{ id: 'u', name: 'U', profile: 'p' }], cases };
  await page.setInputFiles('input[type=file]', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await page.waitForSelector('.notice.error');
  const refused = await page.evaluate(() => window.refused);
  assert.ok(refused > LIMIT, `the scenario is ${refused} characters`);
  const size = refused >= 100000 ? `${Math.round(refused / 1000)} KB` : `${(refused / 1000).toFixed(1)} KB`;
  const text = await page.textContent('.notice.error');
  assert.match(text, /too big to save in this browser/);
  assert.ok(text.includes(`it is ${size} as saved text`), `${text} names ${size}`);
  assert.doesNotMatch(text, /storage is full/);
  await page.screenshot({ path: `${SHOTS}/lostwork-too-big.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.notice.error button:has-text("Export")')]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.cases.length, 600);
  assert.match((await stored(page)).name, /^Help center/, 'the last save that fit is kept');
  await context.close();
});

test('a scenario that crashes the app is not saved over the last good one', async () => {
  const page = await open();
  await page.waitForFunction(() => localStorage.getItem('access-sim/scenario'));
  await page.click('summary:has-text("Sharing sets")');
  // Make the next render fail the way a bug would: the DOM refuses an insertion, Yew panics.
  await page.evaluate(() => {
    const insert = Node.prototype.insertBefore;
    Node.prototype.insertBefore = function (...args) {
      if (window.breakDom) throw new Error('simulated rendering failure');
      return insert.apply(this, args);
    };
    window.breakDom = true;
  });
  // The edit is applied by the reducer, then its render crashes (the click itself may report
  // the page error).
  await page.click('button[aria-label="Remove Share Customer Cases"]', { noWaitAfter: true }).catch(() => {});
  await page.waitForSelector('.notice.crash');
  assert.match(await page.textContent('.notice.crash'), /internal error and stopped \(failed to (insert node|append child)/, 'the panic hook names the panic');
  assert.ok(page.errors.length > 0, 'the page did crash');
  await page.screenshot({ path: `${SHOTS}/lostwork-crash.png` });
  await page.waitForTimeout(300);
  assert.equal((await stored(page)).sharing_sets.length, 1, 'the crashing version was not saved');
  await page.reload();
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'R', 'the last good scenario is back');
  await page.context().close();
});

test('work replaced by a scenario that crashes only on another object stays restorable', async () => {
  const page = await open();
  await removeSharingSet(page);
  const other = await readFile('www/scenarios/customer-success.json');
  await page.setInputFiles('input[type=file]', { name: 'other.json', mimeType: 'application/json', buffer: other });
  await page.waitForSelector('.restore-offer');
  // Opening the other object crashes (as a rendering bug would), after this scenario was saved.
  await page.evaluate(() => {
    Node.prototype.insertBefore = function () { throw new Error('simulated rendering failure'); };
  });
  await page.selectOption('select[aria-label=Object]', 'case').catch(() => {});
  await page.waitForSelector('.notice.crash');
  await page.reload();
  await page.waitForSelector('.restore-offer');
  await page.click('text=Restore the scenario you were editing');
  await page.waitForSelector('button.cell[data-user="jack"]');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-', 'the work from before the crash is back');
  await page.context().close();
});

test('a share link pasted into an open tab is offered, then opened or ignored', async () => {
  const hash = await shareLinkOf('housing-loan');
  const page = await open();
  await removeSharingSet(page);
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector('.link-offer');
  assert.match(await page.textContent('.link-offer'), /Open the scenario from the new link\?/);
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-', 'nothing applied yet');
  await page.click('.link-offer button:text-is("Ignore")');
  assert.equal(await page.locator('.link-offer').count(), 0);
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await letter(page, 'jack', 'case_inverter'), '-');
  // Pasted again: this time opened; the edit it replaces stays restorable.
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.click('.link-offer button:text-is("Open")');
  await page.waitForSelector('button.cell[data-user="arjun"]');
  assert.match(await page.textContent('.notice.info'), /Opened the scenario from the new link/);
  await page.waitForSelector('.restore-offer');
  await page.reload();
  await page.waitForSelector('button.cell[data-user="arjun"]');
  assert.equal(await page.locator('.restore-offer').count(), 1);
  // A broken pasted link changes nothing.
  await page.evaluate(() => { location.hash = '#s=AAAA'; });
  await page.click('.link-offer button:text-is("Open")');
  assert.match(await page.textContent('.notice.error'), /new link could not be opened.*unchanged/);
  assert.equal(await cell(page, 'arjun', 'case_loan').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
