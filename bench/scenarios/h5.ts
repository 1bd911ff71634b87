import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT, type StackState } from '../../tests/attack/support/stack-state';
import { figure, repeat, type Figure } from '../lib/stats';

const SCENARIO = 'H5 (Chromium, fresh profile per run)';
const RUNS = Number(process.env.BENCH_H5_RUNS ?? 5);
const DIST = join(ROOT, 'miniapp', 'dist', 'h5');
/** The home page's first content: a product card, or its empty / no-products state when nothing is on sale. */
const FIRST_CONTENT = '.product-card, #home-empty, #home-no-products';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The JavaScript and CSS that index.html loads before anything renders, gzip-compressed (level 6, as a CDN would). */
function initialAssets(): { js: number; css: number; files: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g), ...html.matchAll(/<link[^>]*\shref="([^"]+\.css)"/g)].map((m) => m[1]!);
  let js = 0;
  let css = 0;
  for (const ref of refs) {
    const gz = gzipSync(readFileSync(join(DIST, ref.replace(/^\//, ''))), { level: 6 }).length;
    if (ref.endsWith('.css')) css += gz;
    else js += gz;
  }
  return { js, css, files: refs.length };
}

/**
 * Initial JS and CSS (gzip) of the H5 build, and the time from navigation start to the home page's
 * first product card (or its empty state) in Chromium, cold cache, against the running local API.
 */
export async function h5(stack: StackState): Promise<Figure[]> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('miniapp/dist/h5 is not built (npm start builds it)');
  const assets = initialAssets();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const seen = new Set<string>();
    const times = await repeat(RUNS, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await page.goto(stack.urls.h5, { waitUntil: 'commit' });
      const first = await page.waitForSelector(FIRST_CONTENT, { state: 'visible', timeout: 30_000 });
      const ms = await page.evaluate(() => performance.now());
      seen.add((await first.getAttribute('class'))?.includes('product-card') ? 'product card' : ((await first.getAttribute('id')) ?? 'empty state'));
      await context.close();
      return ms;
    });
    return [
      figure(SCENARIO, 'initial JS (gzip)', 'KB', [assets.js / 1024], 'lower', `${assets.files} files referenced by index.html`),
      figure(SCENARIO, 'initial CSS (gzip)', 'KB', [assets.css / 1024], 'lower'),
      figure(SCENARIO, 'time to first product card', 'ms', times, 'lower', `first element seen: ${[...seen].join(', ')}; includes GET /home`),
    ];
  } finally {
    await browser.close();
  }
}
