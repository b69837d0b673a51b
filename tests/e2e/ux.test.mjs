// End-to-end: what a first-time user's pass over the app found, kept fixed. Undo, redo and
// opening another scenario leave no control showing a stale value; the JSON tab keeps an
// unapplied draft across tabs and names bad values as JSON spells them; nameless entries are
// listed by who, how and on what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, cell, letter } from './server.mjs';

const app = useApp({ before, after });
const owd = 'select[aria-label="Case internal default"]';

test('after undo and redo the org-wide default dropdown shows the default in force', async () => {
  const page = await app.open('?preset=help-center');
  await page.selectOption(owd, 'public_read');
  await page.waitForSelector('.changed-count');
  assert.equal(await letter(page, 'sofia', 'case_inverter'), 'R');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await letter(page, 'sofia', 'case_inverter'), '-');
  assert.equal(await page.inputValue(owd), 'private', 'undo shows Private again');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await page.inputValue(owd), 'public_read', 'redo shows Public Read Only again');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('opening another preset starts a new history: nothing to undo into the old scenario', async () => {
  const page = await app.open('?preset=help-center');
  await page.selectOption(owd, 'public_read');
  await page.waitForSelector('.changed-count');
  await page.selectOption('select[aria-label=Scenario]', 'teams-crm');
  await page.waitForFunction(() => document.querySelector('.notice')?.textContent.includes('Opened'));
  assert.equal(await page.isDisabled('button:has-text("Undo")'), true);
  assert.equal(await page.inputValue('select[aria-label=Scenario]'), 'teams-crm');
  assert.equal(await page.locator('.changed-count').count(), 0, 'no change count across scenarios');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the JSON tab keeps an unapplied draft across tabs and names a bad value as JSON spells it', async () => {
  const page = await app.open('?preset=help-center');
  await page.click('.editor-tabs button:has-text("JSON")');
  const area = page.locator('textarea[aria-label="Scenario JSON"]');
  const text = await area.inputValue();
  const bad = text.replace('"internal": "private"', '"internal": "public read"');
  await area.fill(bad);
  await page.click('.editor-tabs button:has-text("Form")');
  await page.click('.editor-tabs button:has-text("JSON")');
  assert.equal(await area.inputValue(), bad, 'the draft survived the trip to the Form tab');
  await page.click('.json-tab button:has-text("Apply")');
  const err = page.locator('.json-errors li').first();
  await err.waitFor();
  const line = bad.split('\n').findIndex((l) => l.includes('"public read"')) + 1;
  const message = await err.textContent();
  assert.match(message, new RegExp(`^Line ${line}: "public read" is not one of .*public_read`));
  await page.context().close();
});

test('related parties are listed by person, relationship and record, not by id', async () => {
  const page = await app.open('?preset=housing-loan');
  await page.click('summary:has-text("Related parties")');
  const labels = await page.locator('.editor-section[open] .entries li').allTextContents();
  assert.ok(labels.length > 0);
  assert.ok(labels.some((l) => / \(.+\) on /.test(l)), `labels: ${labels.join(' | ')}`);
  assert.ok(!labels.some((l) => /^rp_/.test(l.trim())), `no raw ids: ${labels.join(' | ')}`);
  await page.context().close();
});
