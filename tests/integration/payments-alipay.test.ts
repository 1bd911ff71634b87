/**
 * Alipay 直付通 end to end against the simulator (ADR 0047): start-payment's merged trade, the simulator's
 * real RSA2-signed trade notifications posted to our webhook handler (invoked as a Lambda event, as API
 * Gateway would), the query fallback, close before cancel and late-payment refunds. Each test says
 * exactly what changed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CheckoutResult, Order } from '@wxshop/shared';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import { invoke } from '../support/lambda';
import { ownTable, tableDigest, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { DEMO_ALIPAY_SUB_MERCHANTS } from '../../infra/local/sims/alipay-api';
import { signNotification } from '../../infra/local/sims/alipay-crypto';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { refund as alipayRefund } from '../../functions/lib/adapters/alipay';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createAddress } from '../../functions/addresses/addresses';
import { findIdentity } from '../../functions/identity/accounts';
import { loginWithAlipay } from '../../functions/identity/logins';
import { setStoreAlipaySmid, setStoreSubMchid } from '../../functions/orders/stores';
import { cancelCheckout, preview, submit } from '../../functions/orders/checkout';
import { sweepDueCheckouts, sweepDuePaymentQueries, sweepLatePayments } from '../../functions/orders/sweep';
import { alipayLateRefundNo } from '../../functions/payments/alipay-pay';
import { cancelUnpaidCheckout } from '../../functions/payments/wechat-pay';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as syncRoute } from '../../functions/payments/sync-payment';
import { handler as notifyRoute } from '../../functions/payments/alipay-notify';
import { handler as cancelRoute } from '../../functions/orders/cancel-my-order';
import { categoryTree, listedProduct, merchant, shopper } from './browse-fixtures';

jest.setTimeout(120_000);
ownTable('payments-alipay');

const [SMID_A, SMID_B] = DEMO_ALIPAY_SUB_MERCHANTS.map((m) => m.smid) as [string, string];

let sims: Simulators;
let webhook: Server;
/** Every notification that reached the webhook, with our answer ('held': kept back, as if lost). */
const received: { body: string; answer: string }[] = [];
/** While true the webhook acknowledges without handing the notification to us: a lost notification, replayed by the test. */
let holding = false;
let leaf: string;
let storeA: string;
let storeB: string;

const post = (body: string) =>
  invoke<string>(notifyRoute, {
    method: 'POST',
    path: '/payments/alipay/notify',
    raw: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });

beforeAll(async () => {
  sims = await withSimulators();
  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (holding) {
        received.push({ body, answer: 'held' });
        res.writeHead(200).end('success');
        return;
      }
      void post(body).then(
        (answer) => {
          received.push({ body, answer: String(answer.body) });
          res.writeHead(answer.status).end(String(answer.body));
        },
        () => res.writeHead(500).end('fail'),
      );
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  process.env.ALIPAY_NOTIFY_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/payments/alipay/notify`;
  process.env.PAYMENT_QUERY_AFTER_S = '60,300';
  resetAdapterConfig();
  ({ leaf } = await categoryTree());
  [storeA, storeB] = await Promise.all([merchant('Ali A'), merchant('Ali B')]);
  for (const [store, mch, smid] of [
    [storeA, '1900000101', SMID_A],
    [storeB, '1900000102', SMID_B],
  ] as const) {
    await setStoreSubMchid(store, mch);
    await setStoreAlipaySmid(store, smid);
  }
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
  await sims.close();
});

afterEach(() => {
  holding = false;
});

const simPost = async (path: string, body: unknown) => {
  const r = await fetch(`${sims.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> };
};

let seq = 0;
async function line(merchantId: string, price: number, stock = 10) {
  const productId = await listedProduct(merchantId, { title: { 'zh-CN': '支付宝测试' }, categoryId: leaf, prices: [price], stock });
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  return { productId, skuId: String(out.Items![0]!.id) };
}

/** A shopper signed in through Alipay (my.getAuthCode in the simulator, then our login): the identity start-payment pays as. */
async function alipayBuyer() {
  const alipayUserId = `2088${String(Date.now()).slice(-8)}${String((seq += 1)).padStart(4, '0')}`;
  const { authCode } = (await simPost('/_sim/alipay/auth', { userId: alipayUserId })).body as { authCode: string };
  const tokens = await loginWithAlipay(authCode);
  const id = (await findIdentity('alipay', alipayUserId))!.userId;
  return { id, token: tokens.accessToken, alipayUserId, addressId: await addressOf(id) };
}

const addressOf = async (userId: string) =>
  (await createAddress(userId, { recipient: '赵六', phone: '13900139002', country: 'CN', regionCode: '330106', detail: '文三路 3 号' })).id;

type Buyer = { id: string; token: string; addressId: string };

/** A pending checkout over the given stores at the given prices (default: store A 10.00, store B 20.00). */
async function checkoutOf<B extends Buyer>(
  who: B,
  stores: [string, number][] = [
    [storeA, 1000],
    [storeB, 2000],
  ],
) {
  const lines = [];
  for (const [store, price] of stores) lines.push({ ...(await line(store, price)), quantity: 1 });
  const p = await preview(who.id, who.addressId, lines, 'zh-CN');
  const result = await submit(who.id, `ali-${Date.now()}-${(seq += 1)}`, { addressId: who.addressId, lines, fingerprint: p.fingerprint }, 'zh-CN');
  return { me: who, lines, result };
}
const twoStoreCheckout = async () => checkoutOf(await alipayBuyer());

const start = (token: string, checkoutId: string, channel = 'alipay') =>
  invoke<StartPaymentResult & { error?: { code: string } }>(startRoute, { token, params: { checkoutId }, body: { channel }, ip: '203.0.113.9' });

async function preOrderNoOf(token: string, checkoutId: string): Promise<string> {
  const started = await start(token, checkoutId);
  expect(started.status).toBe(200);
  if (started.body.channel !== 'alipay') throw new Error('expected the alipay channel');
  return started.body.preOrderNo;
}

/** The shopper confirms my.tradePay with the merged payment's pre_order_no in the simulator. */
const payInAlipay = async (token: string, checkoutId: string) => simPost('/_sim/alipay/pay', { pre_order_no: await preOrderNoOf(token, checkoutId) });

const get = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const queryPk = async (pk: string, prefix = '') =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :p)' : 'PK = :pk',
        ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** The simulator's trades of a checkout (one per store), by out_trade_no. */
const tradesOf = (r: CheckoutResult) =>
  r.checkout.orderIds.map((id) => {
    const o = r.orders.find((x) => x.id === id)!;
    return sims.state.alipay.trades.get(sims.state.alipay.byOutTradeNo.get(o.outTradeNo) ?? '');
  });
const firstTradeNo = (r: CheckoutResult) =>
  [...r.orders].sort((a, b) => (a.outTradeNo < b.outTradeNo ? -1 : 1)).map((o) => sims.state.alipay.byOutTradeNo.get(o.outTradeNo))[0];

/** Everything a payment can change about one checkout, in one comparable shape. */
async function stateOf(r: CheckoutResult, lines: { productId: string; skuId: string }[]) {
  const checkout = await get(keys.checkout(r.checkout.id));
  return {
    checkout: checkout?.status,
    transactionId: checkout?.transactionId ?? null,
    orders: await Promise.all(r.orders.map(async (o) => (await get(keys.order(o.id)))?.status)),
    events: await Promise.all(r.orders.map(async (o) => (await queryPk(keys.order(o.id).PK, 'EVENT#')).map((e) => e.type))),
    stock: await Promise.all(lines.map(async (l) => (await get(keys.productSku(l.productId, l.skuId)))?.stock)),
    paidTrades: (await queryPk(keys.checkout(r.checkout.id).PK, 'ALIPAY_TRADE#')).map((t) => [t.smid, t.amountFen]).sort(),
    latePayments: (await queryPk(keys.checkout(r.checkout.id).PK, 'LATE_PAYMENT#')).map((l) => [l.reason, l.status, l.amount.amount]).sort(),
    anomalies: (await queryPk(keys.paymentAnomaliesPartition().PK)).filter((a) => a.checkoutId === r.checkout.id).map((a) => a.reason as string),
  };
}

const waitUntil = async (probe: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
/** Notifications that reached the webhook about this checkout's trades (payment ones, not refunds). */
const notificationsFor = (r: CheckoutResult) =>
  received.filter((n) => {
    const p = new URLSearchParams(n.body);
    return r.orders.some((o) => o.outTradeNo === p.get('out_trade_no')) && !p.has('refund_fee');
  });
const pendingOf = (smid: string) => sims.state.alipay.subMerchants.get(smid)!.pendingFen;

/** A trade notification as Alipay would send it (signed with the platform key unless told otherwise). */
function notification(r: CheckoutResult, index: number, opts: { amount?: string; signer?: string; appId?: string; sellerId?: string } = {}) {
  const o = r.orders.find((x) => x.id === r.checkout.orderIds[index])!;
  const trade = tradesOf(r)[index]!;
  const params = {
    notify_time: '2026-12-03 18:00:00',
    notify_type: 'trade_status_sync',
    notify_id: ulid(),
    app_id: opts.appId ?? sims.keys.alipay.appid,
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'RSA2',
    trade_no: trade.tradeNo,
    out_trade_no: o.outTradeNo,
    seller_id: opts.sellerId ?? `2088${sims.keys.alipay.appid.slice(-12)}`,
    trade_status: 'TRADE_SUCCESS',
    total_amount: opts.amount ?? (o.total.amount / 100).toFixed(2),
    gmt_payment: '2026-12-03 18:00:00',
  };
  return new URLSearchParams(signNotification(opts.signer ?? sims.keys.alipay.platform.privateKey, params)).toString();
}

describe('start-payment (alipay)', () => {
  it('places one merged trade per checkout, one trade per store with its smid; a retry (and one after a crash) answers the same pre_order_no', async () => {
    const { me, result } = await twoStoreCheckout();
    const mergesBefore = sims.state.alipay.merges.size;
    const first = await start(me.token, result.checkout.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ channel: 'alipay', checkoutId: result.checkout.id, payBy: result.checkout.payBy, preOrderNo: expect.any(String) });
    if (first.body.channel !== 'alipay') throw new Error('alipay expected');
    const merge = sims.state.alipay.merges.get(first.body.preOrderNo)!;
    expect(merge.outMergeNo).toBe(result.checkout.combineOutTradeNo);
    const trades = merge.tradeNos.map((no) => sims.state.alipay.trades.get(no)!);
    expect(trades.map((t) => [t.outTradeNo, t.subMerchantId, t.totalFen, t.buyerId, t.status]).sort()).toEqual(
      result.orders.map((o) => [o.outTradeNo, o.merchantId === storeA ? SMID_A : SMID_B, o.total.amount, me.alipayUserId, 'WAIT_BUYER_PAY']).sort(),
    );
    expect(await get(keys.checkoutPayment(result.checkout.id))).toMatchObject({ channel: 'alipay', preOrderNo: first.body.preOrderNo });

    const second = await start(me.token, result.checkout.id);
    expect(second.body).toEqual(first.body);
    // a crash after Alipay answered and before we kept the pre_order_no: the retry places the recorded trade again
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.checkoutPayment(result.checkout.id), UpdateExpression: 'REMOVE preOrderNo' }));
    const third = await start(me.token, result.checkout.id);
    expect(third.body).toEqual(first.body);
    expect(sims.state.alipay.merges.size).toBe(mergesBefore + 1);
    expect([...sims.state.alipay.trades.values()].filter((t) => result.orders.some((o) => o.outTradeNo === t.outTradeNo))).toHaveLength(2);
    // the WeChat channel cannot take over a checkout being paid through Alipay
    expect((await start(me.token, result.checkout.id, 'wechat_h5')).status).toBe(409);
  });

  it('concurrent starts of one checkout: one payment record, one merged trade, the same pre_order_no for all', async () => {
    const { me, result } = await twoStoreCheckout();
    const mergesBefore = sims.state.alipay.merges.size;
    const answers = await Promise.all(Array.from({ length: 5 }, () => start(me.token, result.checkout.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(new Set(answers.map((a) => (a.body.channel === 'alipay' ? a.body.preOrderNo : '')))).toHaveProperty('size', 1);
    expect(sims.state.alipay.merges.size).toBe(mergesBefore + 1);
  });

  it('refuses another shopper (404), a shopper without Alipay sign-in (422 alipay_payer_unknown), a store without smid and more than 10 stores (422)', async () => {
    const { me, result } = await twoStoreCheckout();
    const other = await alipayBuyer();
    expect((await start(other.token, result.checkout.id)).status).toBe(404);
    expect((await start(me.token, ulid())).status).toBe(404);

    const phone = await shopper('phone only');
    const phoneBuyer = { ...phone, addressId: await addressOf(phone.id) };
    const mine = await checkoutOf(phoneBuyer);
    const refused = await start(phone.token, mine.result.checkout.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('alipay_payer_unknown');
    expect(await get(keys.checkoutPayment(mine.result.checkout.id))).toBeUndefined();

    const noSmid = await merchant('WeChat only');
    await setStoreSubMchid(noSmid, '1900000109');
    const wechatOnly = await checkoutOf(me, [
      [storeA, 1000],
      [noSmid, 500],
    ]);
    const refusedStore = await start(me.token, wechatOnly.result.checkout.id);
    expect(refusedStore.status).toBe(422);
    expect(refusedStore.body.error?.code).toBe('cannot_checkout');
    expect(await get(keys.checkoutPayment(wechatOnly.result.checkout.id))).toBeUndefined();

    const eleven = await Promise.all(Array.from({ length: 11 }, (_, i) => merchant(`Ali ${i}`)));
    for (const s of eleven) {
      await setStoreSubMchid(s, '1900000101');
      await setStoreAlipaySmid(s, SMID_A);
    }
    const big = await checkoutOf(
      me,
      eleven.map((s) => [s, 100]),
    );
    const tooMany = await start(me.token, big.result.checkout.id);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error?.code).toBe('cannot_checkout');
    expect(sims.state.alipay.byOutTradeNo.has(big.result.orders[0]!.outTradeNo)).toBe(false);
  });

  it('with the process in UTC, as on Lambda: the gateway accepts our Beijing-time timestamps, and the sync query settles the payment', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(new Date().getTimezoneOffset()).toBe(0); // the precondition: local time is UTC, 8 hours behind Beijing
      const { me, result } = await twoStoreCheckout();
      holding = true;
      const before = Date.now();
      expect((await payInAlipay(me.token, result.checkout.id)).status).toBe(200); // precreate: timestamp within 15 min of Beijing time
      const synced = await invoke<CheckoutResult>(syncRoute, { token: me.token, params: { checkoutId: result.checkout.id } }); // alipay.trade.query
      expect(synced.body.checkout.status).toBe('paid');
      // Alipay's own times are Beijing wall-clock: gmt_payment reads 8 hours ahead of UTC
      await waitUntil(() => notificationsFor(result).length >= 1);
      const gmtPayment = new URLSearchParams(notificationsFor(result)[0]!.body).get('gmt_payment')!;
      const asUtc = Date.parse(`${gmtPayment.replace(' ', 'T')}Z`);
      expect(Math.abs(asUtc - 8 * 3600_000 - before)).toBeLessThan(60_000);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('the notification webhook (alipay)', () => {
  it('pays a two-store checkout: each store’s trade notified on its own, the checkout paid once both are, money pending at each smid', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    const before = await stateOf(result, lines);
    const pending = [pendingOf(SMID_A), pendingOf(SMID_B)];
    expect((await payInAlipay(me.token, result.checkout.id)).status).toBe(200);
    await waitUntil(() => notificationsFor(result).length >= 2);

    expect(notificationsFor(result).map((n) => n.answer)).toEqual(['success', 'success']);
    expect(await stateOf(result, lines)).toEqual({
      ...before,
      checkout: 'paid',
      transactionId: firstTradeNo(result),
      orders: ['paid', 'paid'],
      events: [
        ['OrderPlaced', 'OrderPaid'],
        ['OrderPlaced', 'OrderPaid'],
      ],
      paidTrades: [
        [SMID_A, 1000],
        [SMID_B, 2000],
      ],
    });
    expect([pendingOf(SMID_A), pendingOf(SMID_B)]).toEqual([pending[0]! + 1000, pending[1]! + 2000]);
    // each order carries its own store's trade_no
    const orders = await Promise.all(result.orders.map(async (o) => (await get(keys.order(o.id)))!));
    expect(orders.map((o) => o.transactionId).sort()).toEqual(
      tradesOf(result)
        .map((t) => t!.tradeNo)
        .sort(),
    );
  });

  it('the notifications duplicated 15 times each, concurrently: applied once, every copy answered success', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    holding = true;
    await payInAlipay(me.token, result.checkout.id);
    await waitUntil(() => notificationsFor(result).length >= 2);
    holding = false;
    const bodies = notificationsFor(result).map((n) => n.body);
    const before = await stateOf(result, lines);
    const answers = await Promise.all(bodies.flatMap((b) => Array.from({ length: 15 }, () => post(b))));
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(30).fill([200, 'success']));
    expect(await stateOf(result, lines)).toEqual({
      ...before,
      checkout: 'paid',
      transactionId: firstTradeNo(result),
      orders: ['paid', 'paid'],
      events: [
        ['OrderPlaced', 'OrderPaid'],
        ['OrderPlaced', 'OrderPaid'],
      ],
      paidTrades: [
        [SMID_A, 1000],
        [SMID_B, 2000],
      ],
    });
  });

  it('forged (another key), altered after signing, of another app_id, or unsigned: fail (Alipay retries), nothing changes', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    await preOrderNoOf(me.token, result.checkout.id);
    const before = await stateOf(result, lines);
    const digest = await tableDigest();
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const genuine = notification(result, 0);
    const forged = notification(result, 0, { signer: attacker });
    const altered = genuine.replace('total_amount=10.00', 'total_amount=0.01');
    expect(altered).not.toBe(genuine);
    const otherApp = notification(result, 0, { appId: '2021000000000000' });
    const unsigned = new URLSearchParams([...new URLSearchParams(genuine)].filter(([k]) => k !== 'sign')).toString();
    for (const n of [forged, altered, otherApp, unsigned, 'not a form']) {
      const answer = await post(n);
      expect([answer.status, answer.body]).toEqual([200, 'fail']);
    }
    expect(await tableDigest()).toBe(digest);
    expect(await stateOf(result, lines)).toEqual(before);
  });

  it('correctly signed but an amount, seller or trade that is not ours: success, one PaymentAnomaly per notification, the checkout unchanged', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    await preOrderNoOf(me.token, result.checkout.id);
    const before = await stateOf(result, lines);
    const wrongAmount = notification(result, 0, { amount: '9.99' });
    const answers = await Promise.all([post(wrongAmount), post(wrongAmount)]);
    expect(answers.map((a) => a.body)).toEqual(['success', 'success']);
    const wrongSeller = notification(result, 1, { sellerId: '2088999999999999' });
    expect((await post(wrongSeller)).body).toBe('success');
    expect(await stateOf(result, lines)).toEqual({
      ...before,
      anomalies: [expect.stringMatching(/amount 999 fen is not 1000 fen/)],
    });
    const anomalies = await queryPk(keys.paymentAnomaliesPartition().PK);
    expect(anomalies.filter((a) => String(a.reason).startsWith('trade of seller 2088999999999999'))).toHaveLength(1);
    const unknown = new URLSearchParams(
      signNotification(sims.keys.alipay.platform.privateKey, {
        ...Object.fromEntries(new URLSearchParams(notification(result, 0))),
        out_trade_no: 'NOSUCHORDER0000000000000000',
        notify_id: ulid(),
      }),
    ).toString();
    expect((await post(unknown)).body).toBe('success');
    expect((await queryPk(keys.paymentAnomaliesPartition().PK)).filter((a) => a.checkoutId === 'NOSUCHORDER0000000000000000').map((a) => a.reason)).toEqual([
      'no such order',
    ]);
  });

  it("another checkout's genuine notification replayed: it names that checkout's trade, already applied there; nothing changes anywhere", async () => {
    const x = await twoStoreCheckout();
    const y = await twoStoreCheckout();
    await payInAlipay(x.me.token, x.result.checkout.id);
    await preOrderNoOf(y.me.token, y.result.checkout.id);
    await waitUntil(async () => (await get(keys.checkout(x.result.checkout.id)))?.status === 'paid');
    const beforeX = await stateOf(x.result, x.lines);
    const beforeY = await stateOf(y.result, y.lines);
    const digest = await tableDigest();
    for (const n of notificationsFor(x.result)) expect((await post(n.body)).body).toBe('success');
    expect(await tableDigest()).toBe(digest);
    expect(await stateOf(x.result, x.lines)).toEqual(beforeX);
    expect(await stateOf(y.result, y.lines)).toEqual(beforeY);
    expect([beforeX.checkout, beforeY.checkout]).toEqual(['paid', 'pending_payment']);
  });
});

describe('query fallback, close and cancel (alipay)', () => {
  it('AP80 + AP87: a paid checkout whose notifications were lost is settled by the due query; the late notifications are already applied', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    holding = true;
    await payInAlipay(me.token, result.checkout.id);
    await waitUntil(() => notificationsFor(result).length >= 2);
    holding = false;
    expect((await stateOf(result, lines)).checkout).toBe('pending_payment');
    await sweepDuePaymentQueries(new Date());
    expect((await stateOf(result, lines)).checkout).toBe('pending_payment'); // not due yet
    expect(await sweepDuePaymentQueries(new Date(Date.now() + 61_000))).toBeGreaterThanOrEqual(1);
    const settled = await stateOf(result, lines);
    expect(settled).toMatchObject({ checkout: 'paid', transactionId: firstTradeNo(result), orders: ['paid', 'paid'], latePayments: [], anomalies: [] });
    for (const n of notificationsFor(result)) expect((await post(n.body)).body).toBe('success');
    expect(await stateOf(result, lines)).toEqual(settled);
  });

  it('sync-payment: the result page asks Alipay now and gets the paid checkout', async () => {
    const { me, result } = await twoStoreCheckout();
    holding = true;
    await payInAlipay(me.token, result.checkout.id);
    const other = await alipayBuyer();
    expect((await invoke(syncRoute, { token: other.token, params: { checkoutId: result.checkout.id } })).status).toBe(404);
    const synced = await invoke<CheckoutResult>(syncRoute, { token: me.token, params: { checkoutId: result.checkout.id } });
    expect(synced.status).toBe(200);
    expect(synced.body.checkout.status).toBe('paid');
    expect(synced.body.orders.map((o) => o.status)).toEqual(['paid', 'paid']);
  });

  it('the sweeper: a paid-but-unnotified checkout past payBy is settled, not cancelled; an unpaid one has its trades closed, then is cancelled', async () => {
    const paid = await twoStoreCheckout();
    const unpaid = await twoStoreCheckout();
    holding = true;
    await payInAlipay(paid.me.token, paid.result.checkout.id);
    await preOrderNoOf(unpaid.me.token, unpaid.result.checkout.id);
    await sweepDueCheckouts(new Date(Date.parse(unpaid.result.checkout.payBy) + 61_000));

    expect(await stateOf(paid.result, paid.lines)).toMatchObject({ checkout: 'paid', orders: ['paid', 'paid'], stock: [9, 9], latePayments: [] });
    expect(await stateOf(unpaid.result, unpaid.lines)).toMatchObject({
      checkout: 'cancelled',
      orders: ['cancelled', 'cancelled'],
      stock: [10, 10],
      paidTrades: [],
      latePayments: [],
    });
    expect(tradesOf(unpaid.result).map((t) => t!.status)).toEqual(['TRADE_CLOSED', 'TRADE_CLOSED']);
  });

  it('the sweeper, one store paid and the other not: the unpaid trade is closed, the checkout cancelled, the paid trade refunded once', async () => {
    await sweepLatePayments(); // nothing of an earlier test left to refund
    const { me, lines, result } = await twoStoreCheckout();
    holding = true;
    await preOrderNoOf(me.token, result.checkout.id);
    const [first, second] = tradesOf(result);
    expect((await simPost('/_sim/alipay/pay', { trade_no: first!.tradeNo })).status).toBe(200);
    const pending = [pendingOf(first!.subMerchantId!), pendingOf(second!.subMerchantId!)];
    // the sweeper's cancel of this checkout (the sweep cursor already passed its minute in the test above)
    expect(await cancelUnpaidCheckout(result.checkout.id, { kind: 'system', id: null }, 'not paid in time')).toBe('cancelled');
    const firstAmount = first!.totalFen;
    expect(await stateOf(result, lines)).toMatchObject({
      checkout: 'cancelled',
      orders: ['cancelled', 'cancelled'],
      stock: [10, 10],
      paidTrades: [[first!.subMerchantId, firstAmount]],
      latePayments: [['after_cancel', 'refund_pending', firstAmount]],
      anomalies: [],
    });
    expect([first!.status, second!.status]).toEqual(['TRADE_SUCCESS', 'TRADE_CLOSED']);
    expect(await sweepLatePayments()).toBe(1);
    expect((await stateOf(result, lines)).latePayments).toEqual([['after_cancel', 'refunded', firstAmount]]);
    expect([pendingOf(first!.subMerchantId!), pendingOf(second!.subMerchantId!)]).toEqual([pending[0]! - firstAmount, pending[1]!]);
    // the held notification of the paid trade comes late: the same trade, no second refund record
    holding = false;
    for (const n of notificationsFor(result)) expect((await post(n.body)).body).toBe('success');
    expect((await stateOf(result, lines)).latePayments).toEqual([['after_cancel', 'refunded', firstAmount]]);
  });

  it('one store’s notification applied before a cancel that could not reach Alipay: the cancel finds the recorded trade and refunds it', async () => {
    const { me, lines, result } = await twoStoreCheckout();
    holding = true;
    await preOrderNoOf(me.token, result.checkout.id);
    const [first] = tradesOf(result);
    await simPost('/_sim/alipay/pay', { trade_no: first!.tradeNo });
    await waitUntil(() => notificationsFor(result).length >= 1);
    holding = false;
    expect((await post(notificationsFor(result)[0]!.body)).body).toBe('success');
    expect(await stateOf(result, lines)).toMatchObject({
      checkout: 'pending_payment',
      paidTrades: [[first!.subMerchantId, first!.totalFen]],
      latePayments: [],
    });
    const gateway = process.env.ALIPAY_GATEWAY;
    process.env.ALIPAY_GATEWAY = 'http://127.0.0.1:9/gateway.do'; // Alipay unreachable for our query and close
    resetAdapterConfig();
    try {
      expect(await cancelUnpaidCheckout(result.checkout.id, { kind: 'system', id: null }, 'not paid in time')).toBe('cancelled');
    } finally {
      process.env.ALIPAY_GATEWAY = gateway;
      resetAdapterConfig();
    }
    expect(await stateOf(result, lines)).toMatchObject({
      checkout: 'cancelled',
      stock: [10, 10],
      latePayments: [['after_cancel', 'refund_pending', first!.totalFen]],
    });
  });

  it("the shopper's cancel closes the trades first: the shopper can no longer pay the merged trade", async () => {
    const { me, lines, result } = await twoStoreCheckout();
    const preOrderNo = await preOrderNoOf(me.token, result.checkout.id);
    const done = await invoke<Order>(cancelRoute, { token: me.token, params: { orderId: result.orders[0]!.id }, body: {} });
    expect(done.status).toBe(200);
    expect(tradesOf(result).map((t) => t!.status)).toEqual(['TRADE_CLOSED', 'TRADE_CLOSED']);
    expect((await simPost('/_sim/alipay/pay', { pre_order_no: preOrderNo })).status).toBe(409);
    expect(await stateOf(result, lines)).toMatchObject({ checkout: 'cancelled', stock: [10, 10], paidTrades: [], latePayments: [] });
  });
});

describe('late payments (alipay)', () => {
  /** Paid at Alipay while the notifications are held back, then cancelled without closing (Alipay unreachable at the cancel). */
  async function paidAfterCancel() {
    const c = await twoStoreCheckout();
    holding = true;
    await payInAlipay(c.me.token, c.result.checkout.id);
    await waitUntil(() => notificationsFor(c.result).length >= 2);
    holding = false;
    await cancelCheckout(c.result.checkout.id, { kind: 'system', id: null }, 'not paid in time');
    for (const n of notificationsFor(c.result)) expect((await post(n.body)).body).toBe('success');
    return c;
  }

  const refundPostings = (r: CheckoutResult) => {
    const tradeNos = tradesOf(r).map((t) => t!.tradeNo);
    return [SMID_A, SMID_B].flatMap((m) =>
      sims.state.alipay.subMerchants
        .get(m)!
        .postings.filter((p) => p.kind === 'REFUND' && tradeNos.includes(p.tradeNo))
        .map((p) => [m, p.amountFen]),
    );
  };

  it('notifications arriving after the cancel: success, stock stays released, each store’s trade refunded once with alipay.trade.refund', async () => {
    await sweepLatePayments(); // nothing of an earlier test left to refund
    const pending = [pendingOf(SMID_A), pendingOf(SMID_B)];
    const { lines, result } = await paidAfterCancel();
    const after = await stateOf(result, lines);
    expect(after).toMatchObject({
      checkout: 'cancelled',
      orders: ['cancelled', 'cancelled'],
      stock: [10, 10],
      latePayments: [
        ['after_cancel', 'refund_pending', 1000],
        ['after_cancel', 'refund_pending', 2000],
      ],
      anomalies: [],
    });
    expect([pendingOf(SMID_A), pendingOf(SMID_B)]).toEqual([pending[0]! + 1000, pending[1]! + 2000]);

    expect(await sweepLatePayments()).toBe(2);
    expect(await sweepLatePayments()).toBe(0);
    expect(await stateOf(result, lines)).toEqual({
      ...after,
      latePayments: [
        ['after_cancel', 'refunded', 1000],
        ['after_cancel', 'refunded', 2000],
      ],
    });
    expect([pendingOf(SMID_A), pendingOf(SMID_B)]).toEqual(pending);
    expect(refundPostings(result)).toEqual([
      [SMID_A, 1000],
      [SMID_B, 2000],
    ]);
    expect(tradesOf(result).map((t) => t!.status)).toEqual(['TRADE_CLOSED', 'TRADE_CLOSED']);
    expect(await queryPk(keys.pendingRefundsPartition().PK, `${result.checkout.id}#`)).toEqual([]);
  });

  it('a crash between the refund call and our update: the retry sends the same out_request_no and Alipay refunds once', async () => {
    await sweepLatePayments();
    const pending = [pendingOf(SMID_A), pendingOf(SMID_B)];
    const { lines, result } = await paidAfterCancel();
    const client = db();
    const realSend = client.send.bind(client);
    const spy = jest.spyOn(client, 'send').mockImplementation(((command: {
      constructor: { name: string };
      input?: { TransactItems?: { Update?: { Key?: { SK?: string } } }[] };
    }) => {
      const update = command.input?.TransactItems?.[0]?.Update;
      if (command.constructor.name === 'TransactWriteCommand' && String(update?.Key?.SK ?? '').startsWith('LATE_PAYMENT#')) {
        return Promise.reject(new Error('Lambda timed out'));
      }
      return realSend(command as never);
    }) as never);
    try {
      expect(await sweepLatePayments()).toBe(0); // the crash: logged, retried next run
    } finally {
      spy.mockRestore();
    }
    expect((await stateOf(result, lines)).latePayments.map((l) => l[1])).toEqual(['refund_pending', 'refund_pending']);
    const numbers = result.orders.map((o) => [o.outTradeNo, alipayLateRefundNo(result.checkout.id, o.outTradeNo)] as const);
    expect(numbers.map(([, n]) => [...sims.state.alipay.refunds.values()].filter((r) => r.outRequestNo === n).length)).toEqual([1, 1]);
    expect([pendingOf(SMID_A), pendingOf(SMID_B)]).toEqual(pending);

    expect(await sweepLatePayments()).toBe(2);
    expect((await stateOf(result, lines)).latePayments).toEqual([
      ['after_cancel', 'refunded', 1000],
      ['after_cancel', 'refunded', 2000],
    ]);
    expect([pendingOf(SMID_A), pendingOf(SMID_B)]).toEqual(pending);
    expect(refundPostings(result)).toEqual([
      [SMID_A, 1000],
      [SMID_B, 2000],
    ]);
    // and once more by hand with the same number: Alipay answers the first refund, no money moves
    const [outTradeNo, outRequestNo] = numbers[0]!;
    const amount = result.orders[0]!.total.amount;
    expect(await alipayRefund({ outTradeNo, outRequestNo, refundFen: amount })).toEqual({ fundChange: false, refundedTotalFen: amount });
    expect(refundPostings(result)).toHaveLength(2);
  });
});

describe('reconciliation (alipay)', () => {
  it('after every scenario above: stock and postings agree, no late payment is left out of the refund queue, every anomaly is listed', async () => {
    const { reconcile } = await import('../../functions/ops/reconcile');
    const report = await reconcile();
    const by = new Map(report.results.map((r) => [r.name, r.differences]));
    const anomalies = await queryPk(keys.paymentAnomaliesPartition().PK);
    expect(anomalies.length).toBeGreaterThanOrEqual(3);
    expect(
      by
        .get('payment-anomalies')!
        .map((d) => d.key)
        .sort(),
    ).toEqual(anomalies.map((a) => `${String(a.PK)}|${String(a.SK)}`).sort());
    expect(by.get('late-payment-refunds')).toEqual([]);
    expect(by.get('stock')).toEqual([]);
    expect(by.get('postings-once-per-reference')).toEqual([]);
  });
});
