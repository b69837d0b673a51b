// Runs bench.html in headless Chromium for one tier and prints its figures as JSON:
//   node scripts/bench-wasm.mjs [S|M|L]      (after scripts/build-web.sh)
import { serveDist, launch } from '../tests/e2e/server.mjs';

const tier = (process.argv[2] ?? 'S').toUpperCase();
const { server, url } = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${url}bench.html?tier=${tier}`);
  await page.waitForSelector('body[data-done]', { timeout: 20 * 60 * 1000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(error);
  console.log(JSON.stringify(await page.evaluate(() => window.benchResult), null, 2));
} finally {
  await browser.close();
  server.close();
}
