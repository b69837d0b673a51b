// A tiny static file server for dist/ on 127.0.0.1 and a Chromium launcher, shared by the
// end-to-end tests. No network beyond loopback.
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
};

export async function serveDist(root = 'dist') {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** Where the end-to-end tests save the screenshots people look at. */
export const SHOTS = 'test-results/screenshots';

/**
 * One served dist/ and one Chromium for a test file: registers the file's `before`/`after`
 * and returns `app`, whose `open(path, options)` gives a fresh page in its own context (own
 * storage) that records page errors (`page.errors`) and requests leaving the server
 * (`page.offsite`). `options` is a viewport (`{width, height}`) or `{viewport, context, ready}`.
 */
export function useApp({ before, after }) {
  const app = {};
  before(async () => {
    Object.assign(app, await serveDist());
    app.browser = await launch();
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  app.open = async (path = '', options = {}) => {
    const { viewport = { width: 1280, height: 800 }, context, ready = '.matrix-panel' } =
      'width' in options ? { viewport: options } : options;
    const ctx = context ?? await app.browser.newContext({ viewport, acceptDownloads: true });
    const page = await ctx.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    page.offsite = [];
    page.on('request', (r) => { if (!r.url().startsWith(app.url)) page.offsite.push(r.url()); });
    await page.goto(app.url + path);
    await page.waitForSelector(ready);
    return page;
  };
  return app;
}

/** A matrix cell, and the letter it shows. */
export const cell = (page, user, record) => page.locator(`button.cell[data-user="${user}"][data-record="${record}"]`);
export const letter = async (page, user, record) => (await cell(page, user, record).textContent()).slice(-1);

/** The rows of a hand-derived expected matrix (tests/expected/NAME.txt) whose ids start with
 * `prefix`: `[{id, cells: {user: letter}}]`. */
export async function expected(name, prefix = 'case_') {
  const text = await readFile(`tests/expected/${name}.txt`, 'utf8');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const users = lines[0].split(/\s+/).slice(1);
  return lines.slice(1).filter((l) => l.startsWith(prefix)).map((l) => {
    const [id, ...cells] = l.split(/\s+/);
    return { id, cells: Object.fromEntries(users.map((u, i) => [u, cells[i]])) };
  });
}
