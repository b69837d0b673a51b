// End-to-end: "Import Salesforce org" in the built app. A zip of the checked-in fixture org
// (tests/fixtures/sfdx-org, metadata and Data Loader CSVs) is made here, uploaded through the
// panel's file input; the report table must say what the CLI's report says
// (`access-sim import salesforce tests/fixtures/sfdx-org --report ...`), and the opened org
// must show the matrix derived by hand in tests/import.rs. Broken zips keep the scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, SHOTS, letter } from './server.mjs';
import { zip, folderEntries } from './zip.mjs';

const app = useApp({ before, after });
const FIXTURE = 'tests/fixtures/sfdx-org';
const PICKER = 'input[aria-label="Salesforce org .zip or files"]';

/** The CLI's report on the fixture folder (the debug build `cargo test` also uses). */
async function cliReport() {
  const dir = await mkdtemp(join(tmpdir(), 'access-sim-import-'));
  const report = join(dir, 'report.json');
  execFileSync('cargo', ['run', '-q', '--bin', 'access-sim', '--', 'import', 'salesforce', FIXTURE,
    '--report', report, '-o', join(dir, 'org.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  return JSON.parse(await readFile(report, 'utf8'));
}

async function fixtureZip() {
  return zip(await folderEntries(FIXTURE));
}

async function upload(page, name, buffer) {
  await page.click('button:has-text("Import Salesforce org")');
  await page.waitForSelector('.import-panel');
  await page.setInputFiles(PICKER, { name, mimeType: 'application/zip', buffer });
}

/** The counts tables as {type: [found, imported, skipped, in part, unknown]}. */
const countsOf = (page) => page.$$eval('table.counts tbody tr', (rows) => Object.fromEntries(
  rows.map((r) => [r.dataset.type, [...r.querySelectorAll('td')].map((td) => Number(td.textContent))]),
));

// Users and records of tests/import.rs's hand-derived matrix (the case rows).
const USERS = ['ceo', 'vp', 'rep', 'supmgr', 'agent', 'auditor', 'jack', 'admin', 'old']
  .map((u) => (u === 'jack' ? 'jack@acme.example' : `${u}@solar.example`));
const CASES = {
  '500000000000001AAA': 'R R R R R R R F -', // Inverter fault
  '500000000000002AAA': 'R R - R R R - F -', // Billing question
  '500000000000003AAA': 'R - - R R - - F -', // Panel crack
};

test('a zip of an SFDX org imports with the CLI\'s report as a table, and opens as the scenario', async () => {
  const want = await cliReport();
  const page = await app.open();
  // Some work of the user's, which opening the imported org must keep restorable.
  await page.selectOption('select[aria-label="Case internal default"]', 'public_read');
  await page.waitForSelector('.changed-count');
  await upload(page, 'sfdx-org.zip', await fixtureZip());
  await page.waitForSelector('.import-report');
  assert.match(await page.textContent('.import-source'), /Imported from 'sfdx-org.zip': 5 roles, 2 groups, 1 queue, 5 sharing rules, .*9 users, 12 records\./);

  // Every type of the CLI's report, with the same counts; nothing else.
  const got = await countsOf(page);
  const expected = Object.fromEntries(Object.entries(want.types).map(([ty, t]) => [ty,
    [t.found, t.imported, t.skipped.length, (t.partial ?? []).length, (t.unknown_elements ?? []).length]]));
  assert.deepEqual(got, expected);
  // Not vacuous: the counts tests/import.rs derives by hand from the fixture.
  assert.deepEqual(got.Role, [6, 5, 1, 0, 0]);
  assert.deepEqual(got.SharingRules, [10, 5, 5, 1, 0]);
  assert.deepEqual(got['User records'], [10, 9, 1, 0, 0]);
  const captions = await page.$$eval('table.counts caption', (cs) => cs.map((c) => c.textContent));
  assert.deepEqual(captions, ['Metadata', 'Record data']);

  // Each skipped component with its reason, the unknown element with its file and line.
  const skipped = await page.textContent('.report-section.skipped');
  for (const t of Object.values(want.types)) {
    for (const s of t.skipped) {
      assert.ok(skipped.includes(s.name), `skipped ${s.name} listed`);
      assert.ok(skipped.includes(s.why), `why ${s.name} was skipped`);
    }
  }
  assert.match(skipped, /Big_Accounts.*only 'equals' can be expressed/);
  const unknown = await page.textContent('.report-section.unknown');
  assert.match(unknown, /CustomObject\/futureSharingFlag/);
  assert.match(unknown, /Loan_Application__c\.object-meta\.xml:10/);
  await page.click('summary:has-text("Left aside")');
  assert.match(await page.textContent('.report-section.aside'), /layouts\s*1/);
  // The current scenario is still open until the user says otherwise.
  assert.equal(await page.inputValue('select[aria-label="Case internal default"]'), 'public_read');

  await page.locator('.import-panel').screenshot({ path: `${SHOTS}/import-report-desktop.png` });

  // Open it: the imported org is the scenario, on its cases, as derived by hand.
  await page.click('button:has-text("Open the imported org")');
  await page.waitForSelector('button.cell[data-user="supmgr@solar.example"]');
  assert.equal(await page.$('.import-panel'), null, 'the panel closes');
  assert.match(await page.textContent('.notice'), /Opened the Salesforce org imported from 'sfdx-org.zip'/);
  assert.match(await page.textContent('select[aria-label=Scenario]'), /Imported Salesforce org \(edited\/imported\)/);
  for (const [record, row] of Object.entries(CASES)) {
    const cells = row.split(' ');
    for (const [i, user] of USERS.entries()) {
      assert.equal(await letter(page, user, record), cells[i], `${user} on ${record}`);
    }
  }
  // Opened like any scenario: the work it replaced is restorable, edits undo, it autosaves.
  assert.match(await page.textContent('.restore-offer'), /The scenario you were editing \('.+'\) was replaced/);
  await page.selectOption('select[aria-label="Case internal default"]', 'public_read');
  await page.waitForSelector('.changed-count');
  assert.equal(await letter(page, 'rep@solar.example', '500000000000002AAA'), 'R');
  await page.click('button:has-text("Undo")');
  await page.waitForFunction(() => document.querySelector(
    'button.cell[data-user="rep@solar.example"][data-record="500000000000002AAA"]')?.textContent.endsWith('-'));
  assert.equal(await page.inputValue('select[aria-label="Case internal default"]'), 'private');
  await page.reload();
  await page.waitForSelector('button.cell[data-user="supmgr@solar.example"]');
  assert.match(await page.textContent('.notice'), /Restored your last scenario/);
  assert.equal(await letter(page, 'supmgr@solar.example', '500000000000001AAA'), 'R');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.offsite, []);
  await page.context().close();
});

test('phone width: the report reads as tables within the screen', async () => {
  const page = await app.open('', { width: 390, height: 844 });
  await upload(page, 'sfdx-org.zip', await fixtureZip());
  await page.waitForSelector('.import-report');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const tables = await page.$$eval('.import-report table', (ts) => ts.map((t) =>
    [t.querySelector('caption, th')?.textContent, t.getBoundingClientRect().width, t.parentElement.clientWidth]));
  for (const [name, width, room] of tables) assert.ok(width <= room + 0.5, `${name}: ${width}px in ${room}px`);
  await page.locator('.import-panel').screenshot({ path: `${SHOTS}/import-report-phone.png` });
  await page.locator('.import-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-report-phone-viewport.png` });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a broken zip, malformed XML or a zip bomb is refused in words, and the scenario stays', async () => {
  const page = await app.open();
  const before = await letter(page, 'jack', 'case_inverter');
  const unchanged = async () => {
    assert.equal(await page.inputValue('select[aria-label=Scenario]'), 'help-center');
    assert.equal(await letter(page, 'jack', 'case_inverter'), before);
  };

  await upload(page, 'broken.zip', Buffer.from('PK\u0003\u0004 this is not really a zip'));
  await page.waitForSelector('.import-errors');
  let errors = await page.textContent('.import-errors');
  assert.match(errors, /Could not import 'broken.zip'\. Your current scenario is unchanged\./);
  assert.match(errors, /broken\.zip: not a readable zip/);
  await unchanged();

  // Malformed XML: its file, line and column.
  const entries = await folderEntries(FIXTURE);
  const vp = entries.find((e) => e.name.endsWith('roles/VP_Sales.role-meta.xml'));
  vp.data = Buffer.from('<?xml version="1.0"?>\n<Role>\n    <name>VP Sales\n    <parentRole>CEO</parentRole>\n</Role>\n');
  await page.setInputFiles(PICKER, { name: 'bad-xml.zip', mimeType: 'application/zip', buffer: zip(entries) });
  await page.waitForFunction(() => document.querySelector('.import-errors')?.textContent.includes('bad-xml.zip'));
  errors = await page.textContent('.import-errors');
  assert.match(errors, /force-app\/main\/default\/roles\/VP_Sales\.role-meta\.xml:5:\d+ \(line 5, column \d+\): malformed XML/);
  await page.locator('.import-panel').screenshot({ path: `${SHOTS}/import-error.png` });
  await unchanged();

  // A zip declaring more than 1 GiB unpacked: refused at once, nothing unpacked.
  const bomb = zip([{ name: 'roles/Big.role-meta.xml', data: Buffer.alloc(1000), declaredSize: 0xf0000000 }]);
  await page.setInputFiles(PICKER, { name: 'bomb.zip', mimeType: 'application/zip', buffer: bomb });
  await page.waitForFunction(() => document.querySelector('.import-errors')?.textContent.includes('bomb.zip'));
  assert.match(await page.textContent('.import-errors'), /unpacks to more than 1 GiB/);
  await unchanged();

  // Not a Salesforce export at all.
  await page.setInputFiles(PICKER, { name: 'notes.zip', mimeType: 'application/zip', buffer: zip([{ name: 'notes.txt', data: Buffer.from('hello') }]) });
  await page.waitForFunction(() => document.querySelector('.import-errors')?.textContent.includes('notes.zip'));
  assert.match(await page.textContent('.import-errors'), /unchanged\.no Salesforce metadata or data files in it/);

  await page.click('button[aria-label="Close the import"]');
  assert.equal(await page.$('.import-panel'), null);
  await unchanged();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('loose files import too; Keep the current scenario closes the report', async () => {
  const page = await app.open();
  await page.click('button:has-text("Import Salesforce org")');
  const entries = await folderEntries(`${FIXTURE}/force-app/main/default/roles`);
  await page.setInputFiles(PICKER, entries.map((e) => ({ name: e.name, mimeType: 'text/xml', buffer: e.data })));
  await page.waitForSelector('.import-report');
  assert.match(await page.textContent('.import-source'), /Imported from 6 files: 5 roles/);
  assert.deepEqual((await countsOf(page)).Role, [6, 5, 1, 0, 0]);
  await page.click('button:has-text("Keep the current scenario")');
  assert.equal(await page.$('.import-panel'), null);
  assert.equal(await page.inputValue('select[aria-label=Scenario]'), 'help-center');
  await page.context().close();
});
