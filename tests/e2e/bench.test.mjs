// The benchmark page runs the engine's steps in wasm and reports every figure (tier S: the
// figures themselves are for people to compare; here they only have to exist and be sane).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch } from './server.mjs';

test('bench.html measures every step of tier S in wasm', async () => {
  const { server, url } = await serveDist();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}bench.html?tier=S`);
    await page.waitForSelector('body[data-done]', { timeout: 120_000 });
    assert.equal(await page.evaluate(() => window.benchError), undefined);
    const r = await page.evaluate(() => window.benchResult);
    assert.equal(r.tier, 'S');
    assert.equal(r.cells, r.users * r.records);
    assert.ok(r.users === 20 && r.records > 100, `${r.users} x ${r.records}`);
    for (const key of ['parse_validate_ms', 'full_matrix_ms', 'explain_ms', 'local_edit_ms', 'global_edit_ms', 'wasm_memory_mb']) {
      assert.ok(Number.isFinite(r[key]) && r[key] >= 0, `${key} = ${r[key]}`);
    }
    // 2 bits per cell, padded to 64 users a row.
    assert.ok(r.packed_matrix_mb * 1048576 <= r.records * 16 + 64, `${r.packed_matrix_mb} MB`);
    assert.equal(await page.locator('#figures tbody tr').count(), 6);
    await page.screenshot({ path: 'test-results/screenshots/bench.png', fullPage: true });
  } finally {
    await browser.close();
    server.close();
  }
});
