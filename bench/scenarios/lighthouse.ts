import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type StackState } from '../../tests/attack/support/stack-state';
import { figure, repeat, type Figure } from '../lib/stats';
import { CHROMIUM_ARGS } from './h5';

const SCENARIO = 'H5 Lighthouse (mobile: simulated slow 4G, 4x CPU)';
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const DIST = join(ROOT, 'miniapp', 'dist', 'h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface LighthouseResult {
  lhr: {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number; details?: { items?: { url?: string; transferSize?: number }[] } }>;
    runtimeError?: { message: string };
  };
}

interface Sample {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  transferKiB: number;
  unusedJsKiB: number;
}

/**
 * Lighthouse 12.2.3 with its default (mobile) configuration: Moto G Power emulation, simulated
 * throttling (150 ms RTT, 1.6 Mbps, 4x CPU slowdown), on the home page and a product page of the
 * running local H5 server, each run in a fresh Chromium (cold cache). Performance and accessibility
 * scores (0-100), FCP, LCP, TBT, bytes transferred and unused JavaScript.
 */
export async function lighthouseH5(stack: StackState, productId: string | undefined, log: (m: string) => void): Promise<Figure[]> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('miniapp/dist/h5 is not built (npm start builds it)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  // Both are ESM-only packages: import them dynamically from this CommonJS-compiled bench.
  const { default: lighthouse } = (await import('lighthouse')) as unknown as {
    default: (url: string, flags: Record<string, unknown>) => Promise<LighthouseResult | undefined>;
  };
  const chromeLauncher = await import('chrome-launcher');
  const pages: { name: string; url: string }[] = [{ name: 'home', url: `${stack.urls.h5}/pages/home/index` }];
  if (productId) pages.push({ name: 'product', url: `${stack.urls.h5}/shop/pages/product/index?id=${encodeURIComponent(productId)}` });
  const figures: Figure[] = [];
  for (const page of pages) {
    const samples = await repeat(RUNS, async () => {
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM,
        chromeFlags: CHROMIUM_ARGS.map((a) => (a === '--headless' ? '--headless=new' : a)),
      });
      try {
        const result = await lighthouse(page.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
        const audit = (id: string): number => result.lhr.audits[id]?.numericValue ?? NaN;
        const score = (id: string): number => Math.round((result.lhr.categories[id]?.score ?? NaN) * 100);
        const sample: Sample = {
          performance: score('performance'),
          accessibility: score('accessibility'),
          fcp: audit('first-contentful-paint'),
          lcp: audit('largest-contentful-paint'),
          tbt: audit('total-blocking-time'),
          transferKiB: audit('total-byte-weight') / 1024,
          unusedJsKiB: audit('unused-javascript') >= 0 ? unusedJsBytes(result) / 1024 : NaN,
        };
        log(`  ${page.name}: performance ${sample.performance}, LCP ${(sample.lcp / 1000).toFixed(2)} s, TBT ${Math.round(sample.tbt)} ms`);
        return sample;
      } finally {
        await chrome.kill();
      }
    });
    const pick = (k: keyof Sample): number[] => samples.map((s) => s[k]);
    figures.push(
      figure(SCENARIO, `${page.name}: performance score`, 'score', pick('performance'), 'higher', 'goal >= 90'),
      figure(SCENARIO, `${page.name}: largest contentful paint`, 'ms', pick('lcp'), 'lower', 'goal <= 2500 ms'),
      figure(SCENARIO, `${page.name}: first contentful paint`, 'ms', pick('fcp'), 'lower'),
      figure(SCENARIO, `${page.name}: total blocking time`, 'ms', pick('tbt'), 'lower'),
      figure(SCENARIO, `${page.name}: transferred`, 'KiB', pick('transferKiB'), 'lower'),
      figure(SCENARIO, `${page.name}: unused JavaScript`, 'KiB', pick('unusedJsKiB'), 'lower'),
      figure(SCENARIO, `${page.name}: accessibility score`, 'score', pick('accessibility'), 'higher'),
    );
  }
  if (!productId) log('  no product on sale: the product page was not measured');
  return figures;
}

/** The `unused-javascript` audit's wasted bytes (its numericValue is the estimated time saved, not bytes). */
function unusedJsBytes(result: LighthouseResult): number {
  const items = (result.lhr.audits['unused-javascript']?.details?.items ?? []) as { wastedBytes?: number }[];
  return items.reduce((sum, i) => sum + (i.wastedBytes ?? 0), 0);
}
