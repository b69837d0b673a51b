// End-to-end: the explanation drawer says why a cell is not one level higher, with the engine's
// checked suggestion, and "Apply this change" does what it says (issue 12, point 4). Expected
// values come from the help-center preset: the sharing set maps Case.Account at Read Only, and
// Salesforce gives a sharing-set mapping exactly its access level (Read Only or Read/Write).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, cell, letter } from './server.mjs';

const app = useApp({ before, after });


const open = (viewport) => app.open('?preset=help-center', viewport);


test("Jack Rogers' Read cell says what stops Edit, and the suggested change gives him Edit", async () => {
  const page = await open();
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'R');
  await cell(page, 'jack', 'case_inverter').click();
  const whyNot = page.locator('.drawer .why-not');
  await whyNot.waitFor();
  assert.equal(await whyNot.locator('h3').first().textContent(), 'Why not Edit?');
  const blockers = await whyNot.locator('.blockers li').allTextContents();
  assert.ok(blockers.some((b) => /Read Only/.test(b) && /Share Customer Cases/.test(b)),
    `a blocker names the Read Only mapping: ${blockers.join(' | ')}`);
  const suggestion = await whyNot.locator('.suggestion').textContent();
  assert.match(suggestion, /Read\/Write/);
  assert.match(suggestion, /Jack Rogers would get Edit/);
  await page.screenshot({ path: `${SHOTS}/whynot-desktop.png` });

  await whyNot.getByRole('button', { name: 'Apply this change' }).click();
  await page.waitForSelector('.changed-count');
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'E', 'the applied suggestion gives Edit');
  // One undo step takes it back.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await letter(page, 'jack', 'case_inverter'), 'R');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a None cell lists the mechanisms considered, on a phone too', async () => {
  const page = await open({ width: 390, height: 844 });
  // Jack has no access to Edge's case: it belongs to another account.
  assert.equal(await letter(page, 'jack', 'case_edge'), '-');
  await cell(page, 'jack', 'case_edge').click();
  const whyNot = page.locator('.drawer .why-not');
  await whyNot.waitFor();
  assert.equal(await whyNot.locator('h3').first().textContent(), 'Why not Read?');
  await whyNot.locator('details.considered summary').click();
  const considered = await whyNot.locator('details.considered li').allTextContents();
  assert.ok(considered.some((c) => /Sharing set/.test(c)), `the sharing set was considered: ${considered.join(' | ')}`);
  const box = await whyNot.boundingBox();
  assert.ok(box && box.y < 844, 'the sheet shows the why-not inside the viewport');
  await page.screenshot({ path: `${SHOTS}/whynot-phone.png` });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
