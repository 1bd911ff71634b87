/**
 * `npm run bench`: every scenario against the local stack (the running one, or one started for the
 * run), a table with each figure's ratio to the previous run, and bench/results/latest.json plus a
 * dated copy. What the figures mean: docs/performance.md.
 * BENCH_ONLY=memory,cold,miniapp,h5,lighthouse,api,calls,hot,checkout,refunds runs a subset (`BENCH_ONLY=lighthouse` alone for Lighthouse) (memory: idle first; the peak under the hot-SKU load is
 * measured with `hot`). `cold` (function bundles: bytes, largest inputs, spawn-to-answer cold start) and `miniapp`
 * need no stack: `BENCH_ONLY=cold npm run bench` (or cold,miniapp) neither starts nor reuses one (the health
 * function then answers 503).
 */
import { cpus } from 'node:os';
import { DEMO } from '../infra/local/seed';
import { ensureStack } from './lib/stack';
import { idleMemory, memoryUnder } from './lib/memory';
import { formatTable, readPrevious, writeResults, type Results } from './lib/report';
import type { Figure } from './lib/stats';

const ONLY = process.env.BENCH_ONLY?.split(',');
const STACKLESS = ['cold', 'miniapp'];
const log = (m: string): void => console.log(m);

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  const skipped: Results['skipped'] = [];
  const scenario = async (key: string, title: string, run: () => Promise<Figure[]>): Promise<void> => {
    if (ONLY && !ONLY.includes(key)) return;
    log(`\n${title} ...`);
    const started = Date.now();
    try {
      figures.push(...(await run()));
    } catch (err) {
      skipped.push({ scenario: title, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
      log(`  FAILED: ${String(err)}`);
    }
    log(`  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const report = (): number => {
    const results: Results = {
      startedAt,
      finishedAt: new Date().toISOString(),
      host: { node: process.version, cpus: cpus().length, platform: process.platform },
      figures,
      skipped,
    };
    const previous = readPrevious();
    console.log(formatTable(results, previous));
    const files = writeResults(results, previous);
    console.log(`\nwritten: ${files.join(', ')}`);
    return skipped.length === 0 ? 0 : 1;
  };

  if (ONLY && ONLY.every((k) => STACKLESS.includes(k))) {
    await scenario('cold', 'Function bundles and cold start', async () => (await import('./scenarios/cold-start')).coldStart({}, log));
    await scenario('miniapp', 'Mini-program package sizes', async () => (await import('./scenarios/miniapp-size')).miniappSizes(log));
    return report();
  }

  const stack = await ensureStack(log);
  // The functions imported in this process (DynamoDB calls, sessions) use the stack's table.
  Object.assign(process.env, stack.state.env, { LOG_LEVEL: 'ERROR' });
  const [{ benchSessions }, { catalogFacts, BenchProducts }] = await Promise.all([import('./lib/sessions'), import('./lib/catalog')]);

  const sessions = await benchSessions();
  const facts = await catalogFacts(stack.state);
  const merchantA = DEMO.merchants[0].id;
  const products = facts.leafCategoryId ? new BenchProducts(stack.state, merchantA, sessions.ownerA, facts.leafCategoryId) : undefined;
  try {
    // First, before any scenario has loaded a function into the API process.
    await scenario('memory', 'Local stack memory, idle', () => idleMemory(stack.state.pid, log));
    await scenario('cold', 'Function bundles and cold start', async () => (await import('./scenarios/cold-start')).coldStart(stack.state.env, log));
    await scenario('miniapp', 'Mini-program package sizes', async () => (await import('./scenarios/miniapp-size')).miniappSizes(log));
    await scenario('h5', 'H5 initial assets and first product card', async () => (await import('./scenarios/h5')).h5(stack.state));
    await scenario('lighthouse', 'H5 Lighthouse mobile (home, product)', async () =>
      (await import('./scenarios/lighthouse')).lighthouseH5(stack.state, facts.onSaleProductId, log),
    );
    await scenario('api', 'API throughput and latency', async () => {
      const routes = [
        { name: 'GET /health', path: '/health' },
        { name: 'GET /me', path: '/me', token: sessions.shopper },
        { name: 'POST /me (profile)', method: 'POST', path: '/me', token: sessions.shopper, body: { nickname: '基准测试' } },
        { name: 'GET /home', path: '/home' },
        { name: 'GET /products', path: '/products' },
        { name: 'GET /search', path: `/search?q=${encodeURIComponent('茶')}` },
        ...(facts.onSaleProductId ? [{ name: 'GET /products/{id}', path: `/products/${facts.onSaleProductId}` }] : []),
      ];
      return (await import('./scenarios/api-load')).apiLoad(stack.state, routes, log);
    });
    await scenario('calls', 'DynamoDB calls per request', async () => {
      const sku = products ? await products.sku(1000) : undefined;
      const shopper = { token: sessions.shopper };
      const owner = { token: sessions.ownerA };
      const { dynamoCalls } = await import('./scenarios/dynamo-calls');
      return dynamoCalls([
        { fn: 'health', label: 'GET /health', inv: { method: 'GET', path: '/health' }, expect: 200 },
        { fn: 'get-me', label: 'GET /me', inv: { method: 'GET', path: '/me', ...shopper }, expect: 200 },
        { fn: 'update-me', label: 'POST /me', inv: { method: 'POST', path: '/me', body: { nickname: '基准测试' }, ...shopper }, expect: 200 },
        {
          fn: 'login-email',
          label: 'POST /auth/email/login (401)',
          inv: { method: 'POST', path: '/auth/email/login', body: { email: 'nobody@example.test', password: 'not-the-password' } },
          expect: 401,
        },
        { fn: 'get-home', label: 'GET /home', inv: { method: 'GET', path: '/home' }, expect: 200 },
        { fn: 'list-products', label: 'GET /products', inv: { method: 'GET', path: '/products' }, expect: 200 },
        { fn: 'search-products', label: 'GET /search', inv: { method: 'GET', path: '/search', query: { q: '茶' } }, expect: 200 },
        ...(facts.onSaleProductId
          ? [
              {
                fn: 'get-product',
                label: 'GET /products/{id}',
                inv: { method: 'GET', path: '/products/{productId}', params: { productId: facts.onSaleProductId } },
                expect: 200,
              },
            ]
          : []),
        { fn: 'list-my-merchants', label: 'GET /me/merchants', inv: { method: 'GET', path: '/me/merchants', ...owner }, expect: 200 },
        {
          fn: 'get-merchant-dashboard',
          label: 'GET /merchants/{id}/dashboard',
          inv: { method: 'GET', path: '/merchants/{merchantId}/dashboard', params: { merchantId: merchantA }, ...owner },
          expect: 200,
        },
        ...(sku
          ? [
              {
                fn: 'adjust-sku-stock',
                label: 'POST .../skus/{id}/stock',
                inv: {
                  method: 'POST',
                  path: '/merchants/{merchantId}/products/{productId}/skus/{skuId}/stock',
                  params: { merchantId: merchantA, productId: sku.productId, skuId: sku.skuId },
                  body: { delta: 1 },
                  ...owner,
                },
                expect: 201,
              },
            ]
          : []),
      ]);
    });
    await scenario('hot', 'Hot SKU', async () => {
      const { hotSkuStorage, hotSkuThroughApi } = await import('./scenarios/hot-sku');
      const storage = await hotSkuStorage(stack.state);
      if (!products) return storage;
      // The checkout-like load (50 buyers on one SKU through the API): the stack's memory at its peak.
      const { result, figures: memory } = await memoryUnder(
        stack.state.pid,
        'the hot-SKU load through the API',
        () => hotSkuThroughApi(stack.state, sessions.ownerA, (stock) => products.sku(stock)),
        log,
      );
      return [...storage, ...result, ...memory];
    });
    await scenario('checkout', 'Checkout', async () => {
      if (!products) throw new Error('no leaf category in the demo data');
      const { checkoutBench } = await import('./scenarios/checkout');
      return checkoutBench(stack.state, (stock) => products.onSaleSku(stock, sessions.admin), log);
    });
    await scenario('refunds', 'Refunds', async () => {
      if (!products) throw new Error('no leaf category in the demo data');
      const { refundBench } = await import('./scenarios/refunds');
      return refundBench(stack.state, (stock) => products.onSaleSku(stock, sessions.admin), log);
    });
  } finally {
    await products?.cleanUp();
    await stack.stop();
  }

  return report();
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
