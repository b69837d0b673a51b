// Runs bench.html in headless Chromium for one tier and prints its figures as JSON; with
// --scroll it also loads that tier's org into the app and measures, in the app: opening (file
// read -> matrix drawn), frames while the matrix scrolls (every frame's length from
// requestAnimationFrame timestamps: median, p95, worst, counts over 16.7 and 50 ms, and the
// browser's own long-animation-frame entries over 50 ms), a local edit (removing a manual
// share from the editor) and its undo (Ctrl+Z), and a global edit (the case org-wide default)
// and its undo, each from the input event to the first frame drawn with its result.
//   node scripts/bench-wasm.mjs [S|M|L] [--scroll]      (after scripts/build-web.sh)
import { serveDist, launch } from '../tests/e2e/server.mjs';

const tier = (process.argv.find((a) => /^[sml]$/i.test(a)) ?? 'S').toUpperCase();
const scroll = process.argv.includes('--scroll');
const SIZES = { S: [20, 100], M: [200, 10000], L: [2000, 100000] };
const { server, url } = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${url}bench.html?tier=${tier}`);
  await page.waitForSelector('body[data-done]', { timeout: 20 * 60 * 1000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(error);
  const result = await page.evaluate(() => window.benchResult);
  if (scroll) {
    const [users, cases] = SIZES[tier];
    const text = await page.evaluate(async ([u, c]) => {
      const api = await import('./bench-api/access_sim_js.js');
      return api.generateScenario(u, c, 42);
    }, [users, cases]);
    const app = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await app.goto(url);
    await app.waitForSelector('button.cell');
    // Open: from the app having read the file (its "access-sim:file-read" mark) to the first
    // frame drawn with the matrix (a frame, then a task, after the first cell appears). The
    // wall clock around setInputFiles also counts the file's trip from this script.
    await app.evaluate(() => {
      window.benchOpen = new Promise((done) => {
        const seen = () => document.querySelector('button.cell[data-record="k0"]');
        const obs = new MutationObserver(() => {
          if (!seen()) return;
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
        });
        obs.observe(document.body, { childList: true, subtree: true });
      });
    });
    const t0 = Date.now();
    await app.setInputFiles('input[type=file]', { name: 'org.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await app.waitForSelector('button.cell[data-record="k0"]', { timeout: 10 * 60 * 1000 });
    const shown = await app.evaluate(() => window.benchOpen);
    const openWallMs = Date.now() - t0;
    const read = await app.evaluate(() => performance.getEntriesByName('access-sim:file-read').at(-1)?.startTime ?? null);
    // Let the autosave that follows an opening finish before anything is timed.
    await app.waitForTimeout(3000);
    const frames = await app.evaluate(async () => {
      const long = [];
      const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
      try { observer.observe({ type: 'long-animation-frame', buffered: false }); } catch { /* older Chromium */ }
      const el = document.querySelector('.grid-scroll');
      const stamps = [];
      await new Promise((done) => {
        let n = 0;
        const step = (t) => {
          stamps.push(t);
          if (n++ >= 240) return done();
          // Down fast, with some sideways movement, like a user dragging the scrollbar.
          el.scrollTop += 900;
          el.scrollLeft = (n % 40) * 60;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      await new Promise((r) => setTimeout(r, 200));
      observer.disconnect();
      const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
      gaps.sort((a, b) => a - b);
      const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))];
      return {
        frames: gaps.length,
        median_frame_ms: at(0.5),
        p95_frame_ms: at(0.95),
        p99_frame_ms: at(0.99),
        worst_frame_ms: gaps[gaps.length - 1],
        frames_over_16_7ms: gaps.filter((g) => g > 16.7).length,
        frames_over_50ms: gaps.filter((g) => g > 50).length,
        long_animation_frames_over_50ms: long.filter((d) => d > 50).length,
        cells_in_dom: document.querySelectorAll('button.cell').length,
      };
    });
    await app.screenshot({ path: `test-results/screenshots/app-${tier}.png` });
    // Edits through the app's own controls, each timed from the input event to the first frame
    // drawn after the page shows its result (a frame, then a task).
    await app.evaluate(() => {
      window.benchStep = async (act, done) => {
        const t = performance.now();
        act();
        for (;;) {
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          if (done()) return performance.now() - t;
        }
      };
      window.benchUndo = () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    });
    // Local: remove the last manual share from the editor's list (Manual shares opened first,
    // not timed), then undo with Ctrl+Z.
    await app.click('summary:has-text("Manual shares")');
    await app.waitForSelector('.editor-section[open] ul.entries li');
    const local = await app.evaluate(async () => {
      const out = [];
      const count = () => document.querySelectorAll('.editor-section[open] ul.entries li').length;
      for (let i = 0; i < 5; i++) {
        const n = count();
        const edit = await window.benchStep(
          () => document.querySelector('.editor-section[open] ul.entries li:last-child button.danger').click(),
          () => count() === n - 1);
        const undo = await window.benchStep(window.benchUndo, () => count() === n);
        out.push({ edit, undo });
        await new Promise((r) => setTimeout(r, 1500));
      }
      return out;
    });
    await app.click('summary:has-text("Manual shares")');
    // Global: the case internal org-wide default to Public Read Only, then undo.
    const global = await app.evaluate(async () => {
      const out = [];
      const pick = () => document.querySelector('select[aria-label="Case internal default"]');
      for (let i = 0; i < 3; i++) {
        const edit = await window.benchStep(() => {
          const sel = pick();
          sel.value = 'public_read';
          sel.dispatchEvent(new Event('change', { bubbles: true }));
        }, () => document.querySelector('.changed-count') !== null && pick().value === 'public_read');
        await new Promise((r) => setTimeout(r, 2000));
        const undo = await window.benchStep(window.benchUndo, () => pick().value === 'private');
        out.push({ edit, undo });
        await new Promise((r) => setTimeout(r, 2000));
      }
      return out;
    });
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    result.app = {
      open_ms: read === null ? null : shown - read,
      open_wall_ms: openWallMs,
      scroll: frames,
      local_edit_ms: med(local.map((x) => x.edit)),
      local_undo_ms: med(local.map((x) => x.undo)),
      local_edit_with_undo_ms: med(local.map((x) => x.edit + x.undo)),
      global_edit_ms: med(global.map((x) => x.edit)),
      global_undo_ms: med(global.map((x) => x.undo)),
      runs: { local, global },
    };
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.close();
}
