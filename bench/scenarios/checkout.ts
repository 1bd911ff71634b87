import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { dynamoCallCount } from '../../functions/lib/table';
import { createAccount } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { createAddress } from '../../functions/addresses/addresses';
import { ensureLocalKeys } from '../../infra/local/keys';
import { encryptResource, signedHeaders } from '../../infra/local/sims/wechatpay-crypto';
import { loadHandler, readFunctions } from '../../infra/local/template';
import { randomSourceIp, send, type Reply, type RequestSpec } from '../../tests/attack/support/http';
import { ROOT, type StackState } from '../../tests/attack/support/stack-state';
import { invoke, type Invocation } from '../../tests/support/lambda';
import { figure, median, percentile, type Figure } from '../lib/stats';
import { treeCpuSeconds } from '../lib/cpu';

const SCENARIO = 'Checkout (cart -> address -> shipping -> place -> pay -> notification)';
const CONCURRENCY = Number(process.env.BENCH_CHECKOUT_CONCURRENCY ?? 10);
const ORDERS = Number(process.env.BENCH_CHECKOUT_ORDERS ?? 200);
/** Shoppers in the pool: each places ORDERS / SHOPPERS orders, inside the per-user limits (60 submits, 30 payment starts a minute). */
const SHOPPERS = Number(process.env.BENCH_CHECKOUT_SHOPPERS ?? 100);
const HANGZHOU = '330106';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | void>;

export interface Shopper {
  id: string;
  token: string;
  addressId: string;
}

export interface Sku {
  productId: string;
  skuId: string;
  /** The store: the cart line carries it and the mini-program sends it with the line (one pricing read, ADR 0051). */
  merchantId: string;
}

/** Shoppers made in this process with the services the sign-in and address routes use (no SMS limits spent), each with a WeChat openid to pay as. */
export async function shoppers(n: number, appid: string): Promise<Shopper[]> {
  const out: Shopper[] = [];
  for (let i = 0; i < n; i += 1) {
    const phone = `+86135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const id = (await createAccount({ provider: 'phone', subject: phone, display: `bench ${i}` }, { nickname: `bench ${i}` }))!;
    await rememberWechatOpenid(id, appid, `o-bench-${id}`);
    const address = await createAddress(id, { recipient: '基准', phone: '13900139001', country: 'CN', regionCode: HANGZHOU, detail: '文三路 1 号' });
    out.push({ id, token: (await startSession(id, 'phone', false)).accessToken, addressId: address.id });
  }
  return out;
}

/** One shopper's whole flow over HTTP, as the mini-program makes it; the time of each step. */
export async function flow(stack: StackState, who: Shopper, sku: Sku): Promise<{ total: number; placing: number; orderIds: string[] }> {
  const ip = randomSourceIp();
  const call = async (spec: RequestSpec, expect: number): Promise<Reply> => {
    const reply = await send(stack.urls.api, { ...spec, token: who.token }, { sourceIp: ip });
    if (reply.status !== expect) throw new Error(`${spec.method} ${spec.path}: ${reply.status} (expected ${expect}) ${reply.text.slice(0, 200)}`);
    return reply;
  };
  const t0 = performance.now();
  // 1-2. create the cart, add the item
  await call({ method: 'POST', path: '/me/cart/items', body: { skuId: sku.skuId, productId: sku.productId, quantity: 1 } }, 200);
  // 3. set the address (the checkout page reads the address book and takes the default)
  await call({ method: 'GET', path: '/me/addresses' }, 200);
  // 4. choose shipping: the preview prices lines, shipping per store and the total
  const lines = [{ productId: sku.productId, skuId: sku.skuId, merchantId: sku.merchantId, quantity: 1 }];
  const preview = (await call({ method: 'POST', path: '/checkout/preview', body: { addressId: who.addressId, lines } }, 200)).json as { fingerprint: string };
  // 5. place the order
  const p0 = performance.now();
  const placed = (
    await call(
      {
        method: 'POST',
        path: '/checkout',
        headers: { 'Idempotency-Key': `bench-${ulid()}` },
        body: { addressId: who.addressId, lines, fingerprint: preview.fingerprint },
      },
      201,
    )
  ).json as { checkout: { id: string }; orders: { id: string }[] };
  const placing = performance.now() - p0;
  // 6. start the payment: the wx.requestPayment arguments
  const started = (await call({ method: 'POST', path: `/me/checkouts/${placed.checkout.id}/pay`, body: { channel: 'wechat_jsapi' } }, 200)).json as {
    requestPayment: Record<string, string>;
  };
  // the shopper confirms in WeChat (the simulator checks paySign, pays, and notifies our webhook)
  const paid = await send(stack.urls.sims, { method: 'POST', path: '/_sim/wechatpay/pay', body: started.requestPayment });
  if (paid.status !== 200) throw new Error(`simulator pay: ${paid.status} ${paid.text.slice(0, 200)}`);
  // 7. the notification lands: the result page sees the checkout paid
  for (const deadline = Date.now() + 15_000; ; ) {
    const got = (await call({ method: 'GET', path: `/me/checkouts/${placed.checkout.id}` }, 200)).json as { checkout: { status: string } };
    if (got.checkout.status === 'paid') break;
    if (Date.now() > deadline) throw new Error(`checkout ${placed.checkout.id} not paid 15 s after the payment`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return { total: performance.now() - t0, placing, orderIds: placed.orders.map((o) => o.id) };
}

/**
 * DynamoDB calls of one order, each handler imported and invoked in this process (serverless-offline's
 * process cannot be counted), the notification signed with the simulator's platform key as WeChat Pay
 * would. The counter is the SDK middleware's in functions/lib/table.ts.
 */
async function callsPerOrder(who: Shopper, sku: Sku): Promise<{ whole: number; placing: number; steps: string }> {
  const functions = new Map(readFunctions().map((f) => [f.name, f.handler]));
  const handler = (fn: string): Promise<Handler> => loadHandler<Handler>(functions.get(fn)!);
  const counted = async (fn: string, inv: Invocation, expect: number): Promise<{ calls: number; body: unknown }> => {
    const h = await handler(fn);
    const before = dynamoCallCount();
    const answer = await invoke(h, { ip: randomSourceIp(), token: who.token, ...inv });
    if (answer.status !== expect) throw new Error(`${fn}: ${answer.status} (expected ${expect}) ${JSON.stringify(answer.body).slice(0, 200)}`);
    return { calls: dynamoCallCount() - before, body: answer.body };
  };
  const lines = [{ productId: sku.productId, skuId: sku.skuId, merchantId: sku.merchantId, quantity: 1 }];
  const steps: [string, number][] = [];
  steps.push(['add', (await counted('add-cart-item', { method: 'POST', body: { skuId: sku.skuId, productId: sku.productId, quantity: 1 } }, 200)).calls]);
  steps.push(['address', (await counted('list-addresses', { method: 'GET' }, 200)).calls]);
  const pv = await counted('preview-checkout', { method: 'POST', body: { addressId: who.addressId, lines } }, 200);
  steps.push(['preview', pv.calls]);
  const fingerprint = (pv.body as { fingerprint: string }).fingerprint;
  const placed = await counted(
    'submit-checkout',
    { method: 'POST', headers: { 'Idempotency-Key': `bench-${ulid()}` }, body: { addressId: who.addressId, lines, fingerprint } },
    201,
  );
  steps.push(['place', placed.calls]);
  const result = placed.body as {
    checkout: { id: string; combineOutTradeNo: string; orderIds: string[] };
    orders: { id: string; outTradeNo: string; subMchid: string; total: { amount: number } }[];
  };
  steps.push([
    'pay',
    (await counted('start-payment', { method: 'POST', params: { checkoutId: result.checkout.id }, body: { channel: 'wechat_jsapi' } }, 200)).calls,
  ]);
  // the notification WeChat Pay sends once the shopper paid
  const keys = await ensureLocalKeys(join(ROOT, '.local', 'keys'));
  const resource = {
    combine_appid: keys.wechat.appid,
    combine_mchid: keys.wechatpay.mchid,
    combine_out_trade_no: result.checkout.combineOutTradeNo,
    sub_orders: result.orders.map((o, i) => ({
      mchid: keys.wechatpay.mchid,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      transaction_id: `4200${Date.now()}${i}`,
      success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      attach: o.id,
      out_trade_no: o.outTradeNo,
      sub_mchid: o.subMchid,
      amount: { total_amount: o.total.amount, currency: 'CNY', payer_amount: o.total.amount, payer_currency: 'CNY' },
    })),
    combine_payer_info: { openid: `o-bench-${who.id}` },
  };
  const { ciphertext, nonce } = encryptResource(keys.wechatpay.apiV3Key, JSON.stringify(resource), 'transaction');
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'transaction', nonce },
  });
  const headers = { 'content-type': 'application/json', ...signedHeaders(keys.wechatpay.platform.privateKey, keys.wechatpay.publicKeyId, body) };
  const notify = await handler('wechatpay-notify');
  const before = dynamoCallCount();
  const answer = await invoke(notify, { method: 'POST', path: '/payments/wechatpay/notify', raw: body, headers });
  if (answer.status >= 300) throw new Error(`notification answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
  steps.push(['notify', dynamoCallCount() - before]);
  return {
    whole: steps.reduce((n, [, c]) => n + c, 0),
    placing: steps.find(([s]) => s === 'place')![1],
    steps: steps.map(([s, c]) => `${s} ${c}`).join(', '),
  };
}

/**
 * The checkout flow as the peers were measured (create cart, add item, set address, choose shipping,
 * place order, start payment, payment notification): CONCURRENCY shoppers at a time over HTTP against
 * the local stack until ORDERS orders are paid. Figures: orders/s, p50/p99 of the whole flow and of
 * placing the order, DynamoDB calls per order (whole flow, placing alone), CPU-seconds per order of
 * the stack's node processes (API, stream consumers, simulators) and of DynamoDB Local; then the
 * hot SKU through checkout (stock S, more buyers than units: sold == S, stock 0).
 */
export async function checkoutBench(stack: StackState, newSku: (stock: number) => Promise<Sku>, log: (m: string) => void): Promise<Figure[]> {
  const appid = stack.env.WECHAT_APPID!;
  log(`  checkout: ${SHOPPERS} shoppers, ${ORDERS} orders at ${CONCURRENCY} concurrent ...`);
  const pool = await shoppers(SHOPPERS, appid);
  const sku = await newSku(ORDERS + 50);
  // warm-up: every function of the flow loaded once
  await flow(stack, pool[0]!, sku);
  const totals: number[] = [];
  const placings: number[] = [];
  let next = 0;
  const cpu0 = treeCpuSeconds(stack.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < ORDERS; i = next++) {
        const r = await flow(stack, pool[(i % (SHOPPERS - 1)) + 1]!, sku);
        totals.push(r.total);
        placings.push(r.placing);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = treeCpuSeconds(stack.pid);
  const calls = await callsPerOrder(pool[0]!, sku);
  log(`  checkout: ${(ORDERS / seconds).toFixed(1)} orders/s; DynamoDB calls per order: ${calls.steps}`);
  const hot = await hotSkuThroughCheckout(stack, pool, newSku);
  const note = `${CONCURRENCY} concurrent shoppers, ${ORDERS} orders, each paid on the simulator and settled by its notification`;
  return [
    figure(SCENARIO, 'orders per second', 'orders/s', [ORDERS / seconds], 'higher', `${note}; goal >= 40 (CRMEB 6-8, Medusa 1.1-1.3 on this machine)`),
    figure(SCENARIO, 'whole flow p50', 'ms', [median(totals)], 'lower', note),
    figure(SCENARIO, 'whole flow p99', 'ms', [percentile(totals, 99)], 'lower', note),
    figure(SCENARIO, 'placing the order p50', 'ms', [median(placings)], 'lower', 'POST /checkout alone'),
    figure(SCENARIO, 'placing the order p99', 'ms', [percentile(placings, 99)], 'lower', 'POST /checkout alone'),
    figure(SCENARIO, 'DynamoDB calls per order, whole flow', 'calls', [calls.whole], 'lower', `goal <= 12; ${calls.steps}`),
    figure(
      SCENARIO,
      'DynamoDB calls, the POST /checkout request',
      'calls',
      [calls.placing],
      'lower',
      'placing itself is 3 of them (ADR 0041); goal <= 3 for placing',
    ),
    figure(
      SCENARIO,
      'CPU per order, node processes',
      'CPU-s',
      [(cpu1.node - cpu0.node) / ORDERS],
      'lower',
      'API (serverless-offline), stream consumers, simulators',
    ),
    figure(SCENARIO, 'CPU per order, DynamoDB Local', 'CPU-s', [(cpu1.java - cpu0.java) / ORDERS], 'lower', 'the java process'),
    ...hot,
  ];
}

/** More buyers than units of one SKU, each placing one order: exactly S orders, the rest 409/422, stock 0. */
async function hotSkuThroughCheckout(stack: StackState, pool: Shopper[], newSku: (stock: number) => Promise<Sku>): Promise<Figure[]> {
  const S = 10;
  const buyers = pool.slice(0, Math.min(pool.length, 50));
  const sku = await newSku(S);
  const lines = [{ productId: sku.productId, skuId: sku.skuId, merchantId: sku.merchantId, quantity: 1 }];
  const previews = await Promise.all(
    buyers.map(async (b) => {
      const r = await send(
        stack.urls.api,
        { method: 'POST', path: '/checkout/preview', body: { addressId: b.addressId, lines }, token: b.token },
        { sourceIp: randomSourceIp() },
      );
      return (r.json as { fingerprint: string }).fingerprint;
    }),
  );
  const started = performance.now();
  const answers = await Promise.all(
    buyers.map((b, i) =>
      send(
        stack.urls.api,
        {
          method: 'POST',
          path: '/checkout',
          headers: { 'Idempotency-Key': `hot-${ulid()}` },
          body: { addressId: b.addressId, lines, fingerprint: previews[i] },
          token: b.token,
        },
        { sourceIp: randomSourceIp() },
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const sold = answers.filter((a) => a.status === 201).length;
  const other = answers.filter((a) => a.status !== 201 && a.status !== 409 && a.status !== 422);
  if (other.length) throw new Error(`hot SKU checkout: unexpected answers ${other.map((a) => `${a.status} ${a.text.slice(0, 80)}`).join('; ')}`);
  const left = await send(
    stack.urls.api,
    { method: 'POST', path: '/checkout/preview', body: { addressId: buyers[0]!.addressId, lines }, token: buyers[0]!.token },
    { sourceIp: randomSourceIp() },
  );
  const problems = JSON.stringify(left.json);
  if (sold !== S) throw new Error(`hot SKU checkout: ${sold} orders for ${S} units`);
  return [
    figure(
      SCENARIO,
      'hot SKU through checkout',
      'orders/s',
      [S / seconds],
      'higher',
      `${buyers.length} buyers at once on stock ${S}: sold ${sold} == S, the rest refused (${problems.includes('sold_out') || problems.includes('out_of_stock') ? 'sold out after' : 'checked'})`,
    ),
  ];
}
