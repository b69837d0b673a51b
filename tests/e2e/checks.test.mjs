// End-to-end: a design's tests in the app (issue 16, points 3-5). "Expect this" keeps a cell's
// level as an expectation; the Expectations panel checks it after every edit and names the edit
// that broke it; exercises are played in the app and in a docs page's embed; the Lint panel
// lists the engine's design warnings. Expected values come from the help-center preset: Jack
// Rogers reads Burlington's inverter case through the sharing set's Read Only mapping on
// Case.Account, and the jack-edits exercise's model answer turns that mapping to Read/Write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, cell, letter } from './server.mjs';

const app = useApp({ before, after });

test('"Expect this" keeps a level; an edit that breaks it is named in the Expectations panel', async () => {
  const page = await app.open('?preset=help-center');
  const panel = page.locator('section.expectations');
  assert.match(await panel.textContent(), /Nothing is expected yet/);
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'R');
  await cell(page, 'jack', 'case_inverter').click();
  await page.locator('.drawer').getByRole('button', { name: 'Expect this (Read)' }).click();
  assert.equal(await panel.locator('h2').textContent(), 'Expectations: 1 of 1 hold');
  assert.match(await page.locator('.drawer .expect').textContent(), /Expected: exactly Read/);

  // Giving Jack Edit (the exercise's model answer) breaks "exactly Read".
  await page.locator('section.exercises').getByRole('button', { name: "Jack edits his account's cases" }).click();
  await page.locator('section.exercise details.reveal summary', { hasText: 'Model answer' }).click();
  await page.getByRole('button', { name: 'Apply the model answer' }).click();
  await page.waitForSelector('section.expectations li.result.fail');
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'E');
  assert.match(await panel.locator('h2').textContent(), /0 of 1 hold/);
  const broken = await panel.locator('li.result.broken .broken-by').textContent();
  assert.equal(broken, "Broken by: saved sharing set 'ss_customer_cases'");
  assert.match(await panel.locator('.failing').textContent(), /Jack Rogers on .*Inverter.* has Edit/);
  await page.screenshot({ path: `${SHOTS}/expectations-broken.png`, fullPage: true });

  // Undo brings it back to holding; the mark goes with it.
  await page.getByRole('button', { name: 'Undo' }).first().click();
  await page.waitForSelector('section.expectations li.result.pass');
  assert.equal(await panel.locator('li.result.broken').count(), 0);
  // Removing the expectation empties the panel again.
  await panel.getByRole('button', { name: /Remove the expectation/ }).click();
  assert.match(await panel.textContent(), /Nothing is expected yet/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an exercise is played in the app: unmet, then met by the model answer, with a hint', async () => {
  const page = await app.open('?preset=help-center&exercise=ken-reads-contact');
  const ex = page.locator('section.exercise');
  await ex.waitFor();
  assert.match(await ex.locator('h2').textContent(), /Exercise 2 of 2: Ken reads the contact on his case/);
  assert.equal(await ex.locator('.exercise-head .badge').textContent(), 'Not met yet');
  // Two expectations: Ken reads Jack's contact (fails: contacts are Private), none on Sean's (holds).
  assert.equal(await ex.locator('li.result.fail').count(), 1);
  assert.equal(await ex.locator('li.result.pass').count(), 1);
  await ex.locator('details.reveal summary', { hasText: 'Hint' }).click();
  assert.match(await ex.locator('details.reveal').first().textContent(), /share that one record/);
  await page.screenshot({ path: `${SHOTS}/exercise-desktop.png` });
  await ex.locator('details.reveal summary', { hasText: 'Model answer' }).click();
  await ex.getByRole('button', { name: 'Apply the model answer' }).click();
  await page.waitForSelector('section.exercise.met');
  assert.equal(await ex.locator('.exercise-head .badge').textContent(), 'Goal met');
  assert.equal(await ex.locator('li.result.fail').count(), 0);
  await ex.getByRole('button', { name: 'Leave' }).click();
  await page.waitForSelector('section.exercises');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a docs page plays one exercise in embed mode, on a phone too', async () => {
  const page = await app.open('?embed&preset=help-center&exercise=jack-edits', { width: 390, height: 844 });
  const ex = page.locator('section.exercise');
  await ex.waitFor();
  assert.match(await ex.textContent(), /Let Jack Rogers edit his account's cases/);
  assert.equal(await ex.locator('.exercise-head .badge').textContent(), 'Not met yet');
  // The embed keeps the editor folded away, to change the scenario with.
  assert.equal(await page.locator('details.embed-editor').count(), 1);
  // The page chose the exercise: the embed offers no way out of it.
  assert.equal(await ex.getByRole('button', { name: 'Leave' }).count(), 0);
  await page.screenshot({ path: `${SHOTS}/exercise-embed-phone.png`, fullPage: true });
  // The cell's "why not" suggestion is the one-click way to play it here.
  await cell(page, 'jack', 'case_inverter').click();
  await page.getByRole('button', { name: 'Apply this change' }).click();
  await page.waitForSelector('section.exercise.met');
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'E');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForSelector('section.exercise:not(.met)');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.offsite, []);
  await page.context().close();
});

test('the Lint panel lists the engine design warnings with their guidance', async () => {
  // The account-team preset gives Ada Admin the Modify All Data permission, which Salesforce's
  // guidance keeps to administrators; nothing else in it is flagged.
  const page = await app.open('?preset=account-team');
  const lint = page.locator('details.lint');
  assert.equal(await lint.locator('summary h2').textContent(), 'Design warnings (1)');
  await lint.locator('summary').click();
  const items = await lint.locator('li.warning').allTextContents();
  assert.equal(items.length, 1);
  assert.match(items[0], /Ada Admin has Modify All Data/);
  assert.match(items[0], /users\[11\]/);
  assert.match(items[0], /View All Data and Modify All Data/);
  await page.screenshot({ path: `${SHOTS}/lint-desktop.png`, fullPage: true });
  // The help-center preset has nothing to flag.
  const clean = await app.open('?preset=help-center');
  assert.equal(await clean.locator('details.lint summary h2').textContent(), 'Design warnings: none');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(clean.errors, []);
  await page.context().close();
  await clean.context().close();
});
