// Runs bench.html in headless Chromium for one tier and prints its figures as JSON; with
// --scroll it also loads that tier's org into the app and measures frames while the matrix
// scrolls (every frame's length from requestAnimationFrame timestamps, and the browser's own
// long-animation-frame entries over 50 ms).
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
    const t0 = Date.now();
    await app.setInputFiles('input[type=file]', { name: 'org.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await app.waitForSelector('button.cell[data-record="k0"]', { timeout: 10 * 60 * 1000 });
    const openMs = Date.now() - t0;
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
      return {
        frames: gaps.length,
        median_frame_ms: gaps[Math.floor(gaps.length / 2)],
        p99_frame_ms: gaps[Math.floor(gaps.length * 0.99)],
        worst_frame_ms: gaps[gaps.length - 1],
        frames_over_50ms: gaps.filter((g) => g > 50).length,
        long_animation_frames_over_50ms: long.filter((d) => d > 50).length,
        cells_in_dom: document.querySelectorAll('button.cell').length,
      };
    });
    result.app_scroll = { open_ms: openMs, ...frames };
    await app.screenshot({ path: `test-results/screenshots/app-${tier}.png` });
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.close();
}
