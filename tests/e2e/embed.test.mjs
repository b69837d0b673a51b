// End-to-end: www/embed-example.html, a plain documentation page, imports the JS API module and
// renders two scenarios' matrices and one explanation with no framework.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { serveDist, launch } from './server.mjs';

let server, url, browser;
before(async () => {
  ({ server, url } = await serveDist());
  browser = await launch();
  await mkdir('test-results/screenshots', { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the embed example renders two matrices and an explanation', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const offsite = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) offsite.push(r.url()); });
  await page.goto(url + 'embed-example.html');
  await page.waitForSelector('body[data-ready=true]');
  const cell = (root, user, record) =>
    page.textContent(`#${root} span.cell[data-user="${user}"][data-record="${record}"]`);
  assert.equal(await cell('help-center', 'jack', 'case_inverter'), 'R');
  assert.equal(await cell('help-center', 'jack', 'case_edge'), '-');
  assert.equal(await cell('housing-loan', 'arjun', 'case_loan'), 'E');
  assert.equal(await cell('housing-loan', 'lena', 'case_loan'), '-');
  assert.match(await page.textContent('#why'), /User\.Account = Case\.Asset\.Account/);
  await page.screenshot({ path: 'test-results/screenshots/embed-example.png', fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(offsite, []);
  await page.close();
});

test('the iframe docs example embeds two live scenarios and one exercise in embed mode', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 2000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + 'www/docs-iframe-example.html');
  const frames = page.frames().filter((f) => f.url().includes('embed'));
  assert.equal(frames.length, 3);
  await frames[0].waitForSelector('button.cell[data-user="jack"][data-record="case_inverter"]');
  await frames[1].waitForSelector('button.cell[data-user="arjun"][data-record="case_loan"]');
  assert.equal(await frames[1].textContent('button.cell[data-user="arjun"][data-record="case_loan"]'), 'E');
  assert.equal(await frames[0].locator('.editor').count(), 0);
  // The third frame plays the housing-loan preset's guarantor exercise, not met at first.
  await frames[2].waitForSelector('section.exercise');
  assert.match(await frames[2].textContent('section.exercise h2'), /The guarantor reads, no more/);
  assert.equal(await frames[2].textContent('section.exercise .exercise-head .badge'), 'Not met yet');
  await page.screenshot({ path: 'test-results/screenshots/docs-iframes.png' });
  assert.deepEqual(errors, []);
  await page.close();
});
