/**
 * Platform arbitration (ADR 0059) and exchange (ADR 0060) through the route handlers, against the
 * simulator's real keys: orders paid through WeChat Pay (the simulator's signed notifications posted to
 * our webhooks), cases rejected by the store and escalated by the shopper, evidence from both sides,
 * decisions by platform staff carried out through the store-approval path (processRefund at the
 * simulator, settled by its REFUND.SUCCESS notifications), exchanges moving stock exactly.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import type { AfterSale, AfterSaleEvidence, AfterSalePage, ArbitrationCase, EvidenceList } from '@wxshop/shared/after-sales';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import type { UploadTicket } from '@wxshop/shared/users';
import { invoke } from '../support/lambda';
import { startWechatpayWebhook, type WechatpayWebhook } from '../support/wechatpay-webhook';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { adjustStock, checkStockReconciles } from '../../functions/catalog/stock';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { shipOrder } from '../../functions/orders/orders';
import { sweepAfterSaleRefunds } from '../../functions/orders/sweep';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as uploadRoute } from '../../functions/after-sales/create-after-sale-upload';
import { handler as requestRoute } from '../../functions/after-sales/request-after-sale';
import { handler as escalateRoute } from '../../functions/after-sales/escalate-after-sale';
import { handler as approveRoute } from '../../functions/after-sales/approve-after-sale';
import { handler as rejectRoute } from '../../functions/after-sales/reject-after-sale';
import { handler as sendReturnRoute } from '../../functions/after-sales/send-after-sale-return';
import { handler as confirmReturnRoute } from '../../functions/after-sales/confirm-after-sale-return';
import { handler as myEvidenceRoute } from '../../functions/after-sales/add-my-after-sale-evidence';
import { handler as storeEvidenceRoute } from '../../functions/after-sales/add-merchant-after-sale-evidence';
import { handler as myEvidenceListRoute } from '../../functions/after-sales/list-my-after-sale-evidence';
import { handler as storeEvidenceListRoute } from '../../functions/after-sales/list-merchant-after-sale-evidence';
import { handler as queueRoute } from '../../functions/after-sales/list-arbitration-cases';
import { handler as getCaseRoute } from '../../functions/after-sales/get-arbitration-case';
import { handler as decideRoute } from '../../functions/after-sales/decide-arbitration';
import { handler as shipReplacementRoute } from '../../functions/after-sales/ship-after-sale-replacement';
import { handler as confirmReplacementRoute } from '../../functions/after-sales/confirm-after-sale-replacement';
import { handler as notifyAfterSale } from '../../functions/after-sales/notify-after-sale';
import { outRefundNoOf } from '../../functions/after-sales/refunds';
import { readCase } from '../../functions/after-sales/repo';
import { categoryTree, listedProduct, shopper } from './browse-fixtures';
import { merchantWithOwner, type Actor } from './catalog-fixtures';
import { imageBytes, platformAccount, put, withUploads } from './merchants-support';

jest.setTimeout(120_000);
ownTable('arbitration');

const SUB_MCH = '1900000102';
let sims: Simulators;
let s3: { stop(): Promise<void> };
let webhook: WechatpayWebhook;
let leaf: string;
let store: string;
let owner: Actor;
let ownerToken: string;
let csToken: string;
let operatorToken: string;
let financeToken: string;
let csId: string;

beforeAll(async () => {
  sims = await withSimulators();
  s3 = await withUploads();
  webhook = await startWechatpayWebhook();
  process.env.REFUND_QUERY_AFTER_S = '30';
  resetAdapterConfig();
  ({ leaf } = await categoryTree());
  ({ merchantId: store, owner } = await merchantWithOwner('Arbitration'));
  ownerToken = await owner.token();
  await setStoreSubMchid(store, SUB_MCH);
  const cs = await platformAccount('customer_service');
  csId = cs.id;
  csToken = await cs.token();
  operatorToken = await (await platformAccount('operator')).token();
  financeToken = await (await platformAccount('finance')).token();
});

afterAll(async () => {
  await webhook.close();
  await s3.stop();
  await sims.close();
});

afterEach(async () => {
  await simPost('/_sim/wechatpay/notify-control', { copies: 1, delayMs: 0, hold: false });
});

const simPost = async (path: string, body: unknown) => {
  const r = await fetch(`${sims.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> };
};
const get = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const frozen = () => sims.state.wechatpay.subMerchants.get(SUB_MCH)?.frozen ?? 0;
const simRefunds = (no: string) => [...sims.state.wechatpay.refunds.values()].filter((r) => r.outRefundNo === no);
const waitUntil = async (probe: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const statusOf = async (id: string) => (await readCase(id)).status;

let seq = 0;
async function product(price: number, stock = 10) {
  const productId = await listedProduct(store, { title: { 'zh-CN': '仲裁测试' }, categoryId: leaf, prices: [price], stock });
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
const stockOf = async (p: { productId: string; skuId: string }) => Number((await get(keys.productSku(p.productId, p.skuId)))?.stock);

/** A shopper's order of `quantity` units at `price`, paid through the simulator and shipped by the store. */
async function shippedOrder(price: number, quantity: number, stock = 10) {
  const me = await shopper();
  const address = await createAddress(me.id, { recipient: '钱七', phone: '13900139003', country: 'CN', regionCode: '330106', detail: '文三路 4 号' });
  await rememberWechatOpenid(me.id, sims.keys.wechat.appid, `o-arb-${me.id}`);
  const sku = await product(price, stock);
  const lines = [{ ...sku, quantity }];
  const p = await preview(me.id, address.id, lines, 'zh-CN');
  const placed: CheckoutResult = await submit(me.id, `arb-${Date.now()}-${(seq += 1)}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
  const started = await invoke<StartPaymentResult>(startRoute, {
    token: me.token,
    params: { checkoutId: placed.checkout.id },
    body: { channel: 'wechat_jsapi' },
    ip: '203.0.113.9',
  });
  if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
  expect((await simPost('/_sim/wechatpay/pay', started.body.requestPayment)).status).toBe(200);
  const orderId = placed.orders[0]!.id;
  await waitUntil(async () => (await get(keys.order(orderId)))?.status === 'paid');
  await shipOrder(store, orderId, { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}${(seq += 1)}` }] }, owner.id);
  return { me, sku, orderId, total: placed.orders[0]!.total.amount };
}

type Answer = AfterSale & { error?: { code: string } };
const RETURN_ADDRESS = { recipient: '售后部', phone: '13800138000', region: '浙江省杭州市西湖区', detail: '文三路 100 号' };
const storeCall = (route: typeof approveRoute, afterSaleId: string, body: unknown, token = ownerToken) =>
  invoke<Answer>(route, { token, params: { merchantId: store, afterSaleId }, body });
const decide = (afterSaleId: string, body: Record<string, unknown>, token = csToken, key?: string) =>
  invoke<Answer>(decideRoute, { token, params: { afterSaleId }, body, headers: key ? { 'Idempotency-Key': key } : {} });

/** A case asked for, rejected by the store and escalated by the shopper. */
async function escalated(kind: 'refund_only' | 'return_refund' | 'exchange', price = 2000, quantity = 1) {
  const o = await shippedOrder(price, quantity);
  const asked = await invoke<Answer>(requestRoute, {
    token: o.me.token,
    body: { orderId: o.orderId, kind, lines: [{ skuId: o.sku.skuId, quantity }], reason: 'not_received', text: '没收到' },
  });
  expect(asked.status).toBe(201);
  expect((await storeCall(rejectRoute, asked.body.id, { reason: '物流显示已签收' })).body.status).toBe('rejected');
  const up = await invoke<Answer>(escalateRoute, { token: o.me.token, params: { afterSaleId: asked.body.id }, body: { text: '本人并未签收' } });
  expect(up.body.status).toBe('escalated');
  return { ...o, id: asked.body.id, caseTotal: asked.body.total.amount };
}

async function eventsOf(afterSaleId: string) {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.afterSale(afterSaleId).PK, ':p': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return out.Items!;
}
async function inbox(pk: string) {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': 'INBOX#' },
      ConsistentRead: true,
    }),
  );
  return out.Items!;
}

describe('arbitration (ADR 0059)', () => {
  it('decided for the shopper: refunded once through WeChat Pay though the decision is retried with its key and two staff decide at once; both sides hear of it', async () => {
    const c = await escalated('refund_only', 2750);
    const frozenBefore = frozen();
    await simPost('/_sim/wechatpay/notify-control', { copies: 5 });
    const key = `decide-${ulid()}`;
    const body = { decision: 'refund', reason: '物流无签收记录，支持买家' };
    // two staff members at once, and the first one's request retried with the same key
    const [first, rival, retried] = await Promise.all([
      decide(c.id, body, csToken, key),
      decide(c.id, { ...body, reason: '同意退款' }, operatorToken, `decide-${ulid()}`),
      decide(c.id, body, csToken, key),
    ]);
    const answers = [first, rival, retried];
    const won = answers.filter((a) => a.status === 200);
    expect(won.length).toBeGreaterThanOrEqual(1);
    // every answer is either the decision (or its replay) or "already decided"; never a second decision
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const refusals = answers.filter((a) => a.status === 409).map((a) => a.body.error?.code);
    expect(refusals.every((code) => ['invalid_transition', 'idempotency_in_progress', 'conflict'].includes(code ?? ''))).toBe(true);
    expect(new Set(won.map((a) => a.body.arbitration?.by)).size).toBe(1);
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');
    // the same key once more after it settled: the stored answer, nothing new
    const replay = await decide(c.id, body, csToken, key);
    if (first.status === 200) expect(replay).toMatchObject({ status: 200, headers: { 'Idempotent-Replayed': 'true' } });

    const no = outRefundNoOf(c.id);
    expect(simRefunds(no)).toHaveLength(1);
    expect(frozenBefore - frozen()).toBe(c.caseTotal);
    expect((await get(keys.refundLedger(c.orderId)))?.refunded).toBe(c.caseTotal);
    expect((await get(keys.order(c.orderId)))?.status).toBe('refunded');
    const done = await readCase(c.id);
    expect(done.history.map((h) => [h.event, h.actor.kind])).toEqual([
      ['AfterSaleRequested', 'shopper'],
      ['AfterSaleRejected', 'merchant'],
      ['AfterSaleEscalated', 'shopper'],
      ['AfterSaleArbitrated', 'platform'],
      ['AfterSaleRefunded', 'payment'],
    ]);
    expect(done.arbitration).toMatchObject({ decision: 'refund', amount: null, at: expect.any(String) });
    expect(done.history[3]!.reason).toBe(done.arbitration!.reason);
    // out of the queue
    const queue = await invoke<AfterSalePage>(queueRoute, { token: csToken });
    expect(queue.body.items.map((x) => x.id)).not.toContain(c.id);

    // both sides hear of the platform's decision (the inbox message id is the event id: once each)
    const events = await eventsOf(c.id);
    const arbitrated = events.filter((e) => e.type === 'AfterSaleArbitrated');
    expect(arbitrated).toHaveLength(1);
    const records = arbitrated.map((e, i) => ({
      eventID: `arb-${c.id}-${i}`,
      eventName: 'INSERT' as const,
      dynamodb: { SequenceNumber: String(i), NewImage: marshall(e, { removeUndefinedValues: true }) },
    }));
    for (let copy = 0; copy < 2; copy += 1) expect(await notifyAfterSale({ Records: records } as never)).toEqual({ batchItemFailures: [] });
    expect((await inbox(keys.user(c.me.id).PK)).filter((m) => m.id === arbitrated[0]!.id)).toHaveLength(1);
    expect((await inbox(keys.merchant(store).PK)).filter((m) => m.id === arbitrated[0]!.id)).toHaveLength(1);
  });

  it('WeChat Pay unreachable when the decision commits: the case is refunding with its refund to do; the sweeper refunds it once', async () => {
    const c = await escalated('refund_only', 1300);
    const base = process.env.WECHATPAY_API_BASE;
    process.env.WECHATPAY_API_BASE = 'http://127.0.0.1:9';
    resetAdapterConfig();
    const decided = await decide(c.id, { decision: 'refund', reason: '支持买家' }, csToken, `decide-${ulid()}`);
    process.env.WECHATPAY_API_BASE = base;
    resetAdapterConfig();
    expect(decided.body).toMatchObject({ status: 'refunding', refund: { refundId: null } });
    expect(await get(keys.refundToDo(c.id))).toBeDefined();
    const frozenBefore = frozen();
    await sweepAfterSaleRefunds(new Date(Date.now() + 60_000));
    await sweepAfterSaleRefunds(new Date(Date.now() + 120_000));
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(1);
    expect(frozenBefore - frozen()).toBe(1300);
  });

  it('a decision that crashed before its key was completed: a repeat meanwhile is 409 and leaves the running record alone; the refund goes out once', async () => {
    const c = await escalated('refund_only', 1400);
    const key = `decide-crash-${ulid()}`;
    const body = { decision: 'refund', reason: '支持买家' };
    process.env.IDEMPOTENCY_TAKEOVER_S = '1';
    process.env.IDEMPOTENCY_FAULT = 'crash-before-complete';
    const crashed = await decide(c.id, body, csToken, key);
    delete process.env.IDEMPOTENCY_FAULT;
    const early = await decide(c.id, body, csToken, key);
    const record = await get(keys.idempotency('decide-arbitration', csId, key));
    await new Promise((r) => setTimeout(r, 2_200)); // the takeover compares whole seconds (startedAt < now - 1)
    const retried = await decide(c.id, body, csToken, key);
    delete process.env.IDEMPOTENCY_TAKEOVER_S;
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');

    expect(crashed.status).toBe(500);
    expect(early.body.error?.code).toBe('idempotency_in_progress');
    expect(record).toMatchObject({ status: 'in_progress' }); // not released by the refused repeat
    // taken over, the handler runs again and finds the case decided (ADR 0059): nothing applied twice
    expect(retried.body.error?.code).toBe('invalid_transition');
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(1);
    expect((await readCase(c.id)).history.filter((h) => h.event === 'AfterSaleArbitrated')).toHaveLength(1);
  });

  it('a partial refund: at most what the case may refund; the rest stays claimed by the case', async () => {
    const c = await escalated('refund_only', 3000);
    expect((await decide(c.id, { decision: 'refund', reason: '部分退款', amount: c.caseTotal + 1 })).status).toBe(422);
    expect((await decide(c.id, { decision: 'return', reason: '退货', returnAddress: RETURN_ADDRESS })).status).toBe(422); // nothing to send back
    const frozenBefore = frozen();
    const decided = await decide(c.id, { decision: 'refund', reason: '部分退款', amount: 1200 });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ total: { amount: 1200 }, arbitration: { amount: { amount: 1200 } } });
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');
    expect(frozenBefore - frozen()).toBe(1200);
    expect(simRefunds(outRefundNoOf(c.id))[0]).toMatchObject({ refund: 1200 });
    const ledger = await get(keys.refundLedger(c.orderId));
    expect(ledger?.refunded).toBe(1200);
    expect(ledger?.lines).toEqual({ [c.sku.skuId]: { units: 1, amount: 3000 } });
    expect((await get(keys.order(c.orderId)))?.status).toBe('shipped'); // not refunded in full
  });

  it('a return and refund decided "return": the shopper sends it back, the store confirms, the refund is capped by the decision', async () => {
    const c = await escalated('return_refund', 2500, 2);
    expect((await decide(c.id, { decision: 'return', reason: '退货后退款' })).status).toBe(422); // no address yet
    const decided = await decide(c.id, { decision: 'return', reason: '退货后退款', amount: 4000, returnAddress: RETURN_ADDRESS });
    expect(decided.body).toMatchObject({ status: 'approved', returnAddress: RETURN_ADDRESS });
    await invoke(sendReturnRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { carrierCode: 'SF', trackingNumber: 'SF9988776655' } });
    const stockBefore = await stockOf(c.sku);
    const confirmed = await storeCall(confirmReturnRoute, c.id, { lines: [{ skuId: c.sku.skuId, quantity: 2 }] });
    expect(confirmed.body).toMatchObject({ status: 'refunding', total: { amount: 4000 } });
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');
    expect(await stockOf(c.sku)).toBe(stockBefore + 2);
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(1);
  });

  it('a return and refund decided "refund" without the return: refunded now, nothing back in stock', async () => {
    const c = await escalated('return_refund', 1500);
    const stockBefore = await stockOf(c.sku);
    const decided = await decide(c.id, { decision: 'refund', reason: '商品不值得寄回' });
    expect(decided.status).toBe(200);
    await waitUntil(async () => (await statusOf(c.id)) === 'refunded');
    expect(await stockOf(c.sku)).toBe(stockBefore);
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(1);
  });

  it('decided for the store: closed, no refund, the units not asked for again; a second decision is refused', async () => {
    const c = await escalated('refund_only', 1800);
    const frozenBefore = frozen();
    const closed = await decide(c.id, { decision: 'close', reason: '签收记录属实' });
    expect(closed.body).toMatchObject({ status: 'closed', arbitration: { decision: 'close', by: csId }, refund: null });
    expect(closed.body.history.at(-1)).toMatchObject({ event: 'AfterSaleClosed', actor: { kind: 'platform', id: csId }, reason: '签收记录属实' });
    expect((await decide(c.id, { decision: 'refund', reason: '改判' })).body.error?.code).toBe('invalid_transition');
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(0);
    expect(frozen()).toBe(frozenBefore);
    const again = await invoke<Answer>(requestRoute, {
      token: c.me.token,
      body: { orderId: c.orderId, kind: 'refund_only', lines: [{ skuId: c.sku.skuId, quantity: 1 }], reason: 'not_received' },
    });
    expect(again.status).toBe(422);
    expect(await get(keys.refundToDo(c.id))).toBeUndefined();
  });

  it("evidence: each side's own, on an escalated case only, at most 9 photos and 10 pieces a side; customer service sees both with every step", async () => {
    const c = await escalated('refund_only', 1000);
    const bytes = imageBytes(96);
    const ticket = await invoke<UploadTicket>(uploadRoute, { token: c.me.token, body: { contentType: 'image/png', size: bytes.length } });
    expect(await put(ticket.body, bytes)).toBe(200);
    const mine = await invoke<AfterSaleEvidence>(myEvidenceRoute, {
      token: c.me.token,
      params: { afterSaleId: c.id },
      body: { text: '快递柜无记录', photoKeys: [ticket.body.key] },
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ side: 'shopper', actorId: c.me.id, photoKeys: [ticket.body.key] });
    const theirs = await invoke<AfterSaleEvidence>(storeEvidenceRoute, {
      token: ownerToken,
      params: { merchantId: store, afterSaleId: c.id },
      body: { text: '签收底单见附件' },
    });
    expect(theirs.body).toMatchObject({ side: 'merchant', actorId: owner.id });

    // limits: photos not the caller's, ten photos, too long a text, another shopper, another store, not escalated
    const other = await shopper();
    const foreignKey = `after-sales/${other.id}/${ulid()}.png`;
    expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: 'x', photoKeys: [foreignKey] } })).status).toBe(
      400,
    );
    const ten = Array.from({ length: 10 }, () => `after-sales/${c.me.id}/${ulid()}.png`);
    expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: 'x', photoKeys: ten } })).status).toBe(400);
    expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: 'x'.repeat(501) } })).status).toBe(400);
    expect((await invoke(myEvidenceRoute, { token: other.token, params: { afterSaleId: c.id }, body: { text: '冒充' } })).status).toBe(404);
    const { merchantId: otherStore, owner: otherOwner } = await merchantWithOwner('Other');
    expect(
      (await invoke(storeEvidenceRoute, { token: await otherOwner.token(), params: { merchantId: otherStore, afterSaleId: c.id }, body: { text: '冒充' } }))
        .status,
    ).toBe(404);
    for (let i = 1; i < 10; i += 1)
      expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: `补充 ${i}` } })).status).toBe(201);
    expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: '第 11 条' } })).status).toBe(422);
    // the store still has its own nine
    expect((await invoke(storeEvidenceRoute, { token: ownerToken, params: { merchantId: store, afterSaleId: c.id }, body: { text: '补充' } })).status).toBe(
      201,
    );

    const seen = await invoke<ArbitrationCase>(getCaseRoute, { token: csToken, params: { afterSaleId: c.id } });
    expect(seen.status).toBe(200);
    expect(seen.body.evidence.map((e) => e.side)).toEqual(['shopper', 'merchant', ...Array<string>(9).fill('shopper'), 'merchant']);
    expect(seen.body.evidence[0]!.photoKeys).toEqual([ticket.body.key]);
    expect(seen.body.evidence[0]!.photoUrls).toHaveLength(1);
    expect((await fetch(seen.body.evidence[0]!.photoUrls[0]!)).status).toBe(200); // a signed GET of the shopper's photo
    expect(seen.body.case.history.filter((h) => h.event === 'AfterSaleEvidenceAdded')).toHaveLength(12);
    // each side reads both sides' evidence of its own case; nobody else
    const mineListed = await invoke<EvidenceList>(myEvidenceListRoute, { token: c.me.token, params: { afterSaleId: c.id } });
    const storeListed = await invoke<EvidenceList>(storeEvidenceListRoute, { token: ownerToken, params: { merchantId: store, afterSaleId: c.id } });
    expect(mineListed.body.items.map((e) => e.id)).toEqual(seen.body.evidence.map((e) => e.id));
    expect(storeListed.body.items.map((e) => e.id)).toEqual(seen.body.evidence.map((e) => e.id));
    expect((await invoke(myEvidenceListRoute, { token: other.token, params: { afterSaleId: c.id } })).status).toBe(404);
    expect((await invoke(storeEvidenceListRoute, { token: await otherOwner.token(), params: { merchantId: otherStore, afterSaleId: c.id } })).status).toBe(404);
    // the store hears of the shopper's evidence, the shopper of the store's
    const events = (await eventsOf(c.id)).filter((e) => e.type === 'AfterSaleEvidenceAdded');
    expect(events.map((e) => e.actor.kind)).toEqual(['shopper', 'merchant', ...Array<string>(9).fill('shopper'), 'merchant']);

    // decided: no more evidence
    await decide(c.id, { decision: 'close', reason: '证据不足' });
    expect((await invoke(myEvidenceRoute, { token: c.me.token, params: { afterSaleId: c.id }, body: { text: '晚了' } })).status).toBe(409);
  });

  it('AP111 listArbitrationQueue: escalated cases, the longest waiting first, paged; only customer service, operators and the super admin', async () => {
    const a = await escalated('refund_only', 1100);
    const b = await escalated('refund_only', 1200);
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<AfterSalePage>(queueRoute, { token: operatorToken, query: cursor ? { limit: '2', cursor } : { limit: '2' } });
      expect(page.status).toBe(200);
      expect(page.body.items.every((x) => x.status === 'escalated')).toBe(true);
      all.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(all.indexOf(a.id)).toBeLessThan(all.indexOf(b.id));
    expect(all.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    // permissions: finance, a shopper and the store's owner may not read or decide
    for (const token of [financeToken, a.me.token, ownerToken]) {
      expect((await invoke(queueRoute, { token })).status).toBe(403);
      expect((await invoke(getCaseRoute, { token, params: { afterSaleId: a.id } })).status).toBe(403);
      expect((await decide(a.id, { decision: 'refund', reason: '自行裁决' }, token)).status).toBe(403);
    }
    expect((await invoke(queueRoute, {})).status).toBe(401);
    expect(await statusOf(a.id)).toBe('escalated');
    // a strict body: no amount of a client's making beyond the schema, no unknown field
    expect((await decide(a.id, { decision: 'refund', reason: 'x', currency: 'USD' })).status).toBe(400);
    expect((await decide(a.id, { decision: 'refund', reason: 'x', amount: 10.5 })).status).toBe(400);
  });
});

describe('exchange (ADR 0060)', () => {
  it('approve, return, the replacement ships: returned units back and replacement units out exactly once; the shopper confirms: exchanged, no money moved', async () => {
    const o = await shippedOrder(1600, 2, 5);
    expect(await stockOf(o.sku)).toBe(3);
    const frozenBefore = frozen();
    const asked = await invoke<Answer>(requestRoute, {
      token: o.me.token,
      body: { orderId: o.orderId, kind: 'exchange', lines: [{ skuId: o.sku.skuId, quantity: 2 }], reason: 'wrong_item' },
    });
    expect(asked.body).toMatchObject({ kind: 'exchange', status: 'requested' });
    expect((await storeCall(approveRoute, asked.body.id, {})).status).toBe(422); // the return address
    expect((await storeCall(approveRoute, asked.body.id, { returnAddress: RETURN_ADDRESS })).body.status).toBe('approved');
    await invoke(sendReturnRoute, { token: o.me.token, params: { afterSaleId: asked.body.id }, body: { carrierCode: 'SF', trackingNumber: 'SF1122334455' } });
    // an exchange is not confirmed like a return (that would refund)
    expect((await storeCall(confirmReturnRoute, asked.body.id, { lines: [{ skuId: o.sku.skuId, quantity: 2 }] })).status).toBe(422);

    const waybill = { carrierCode: 'YD', trackingNumber: 'YD5566778899' };
    const [one, two] = await Promise.all([storeCall(shipReplacementRoute, asked.body.id, waybill), storeCall(shipReplacementRoute, asked.body.id, waybill)]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const shipped = one.status === 200 ? one : two;
    expect(shipped.body).toMatchObject({ status: 'replacement_shipped', replacementParcel: waybill });
    // two back, two out: the stock is where it was, with one posting of each
    expect(await stockOf(o.sku)).toBe(3);
    const postings = (
      await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': keys.stockPostingsPrefix(o.sku.skuId).PK, ':p': keys.stockPostingsPrefix(o.sku.skuId).SKPrefix },
          ConsistentRead: true,
        }),
      )
    ).Items!.filter((p) => p.reference === asked.body.id);
    expect(postings.map((p) => [p.reason, p.delta]).sort()).toEqual([
      ['exchange', -2],
      ['return', 2],
    ]);
    expect(await checkStockReconciles([o.sku])).toEqual([]);

    const other = await shopper();
    expect((await invoke(confirmReplacementRoute, { token: other.token, params: { afterSaleId: asked.body.id }, body: {} })).status).toBe(404);
    const done = await invoke<Answer>(confirmReplacementRoute, { token: o.me.token, params: { afterSaleId: asked.body.id }, body: {} });
    expect(done.body.status).toBe('exchanged');
    expect(done.body.history.map((h) => h.event)).toEqual([
      'AfterSaleRequested',
      'AfterSaleApproved',
      'AfterSaleReturnShipped',
      'AfterSaleReplacementShipped',
      'AfterSaleExchanged',
    ]);
    expect(frozen()).toBe(frozenBefore);
    expect(simRefunds(outRefundNoOf(asked.body.id))).toHaveLength(0);
    // the claim is given back: the replacement may be asked about again
    expect((await get(keys.refundLedger(o.orderId)))?.lines).toEqual({ [o.sku.skuId]: { units: 0, amount: 0 } });
  });

  it('an exchange the store rejected: the platform refuses to refund it, decides "return", and the exchange goes on', async () => {
    const c = await escalated('exchange', 1700);
    expect((await decide(c.id, { decision: 'refund', reason: '退款' })).status).toBe(422);
    const decided = await decide(c.id, { decision: 'return', reason: '支持换货', returnAddress: RETURN_ADDRESS });
    expect(decided.body).toMatchObject({ status: 'approved', returnAddress: RETURN_ADDRESS, refund: null });
    const shipped = await storeCall(shipReplacementRoute, c.id, { carrierCode: 'YD', trackingNumber: 'YD7788990011' });
    expect(shipped.body.status).toBe('replacement_shipped');
    expect(simRefunds(outRefundNoOf(c.id))).toHaveLength(0);
  });

  it('not enough stock for the replacement: refused, nothing moves; once restocked it ships', async () => {
    const o = await shippedOrder(900, 1, 1);
    expect(await stockOf(o.sku)).toBe(0);
    const asked = await invoke<Answer>(requestRoute, {
      token: o.me.token,
      body: { orderId: o.orderId, kind: 'exchange', lines: [{ skuId: o.sku.skuId, quantity: 1 }], reason: 'damaged' },
    });
    await storeCall(approveRoute, asked.body.id, { returnAddress: RETURN_ADDRESS });
    const refused = await storeCall(shipReplacementRoute, asked.body.id, { carrierCode: 'YD', trackingNumber: 'YD1231231234' });
    expect(refused.status).toBe(422);
    expect(await stockOf(o.sku)).toBe(0);
    expect(await statusOf(asked.body.id)).toBe('approved');
    await adjustStock(o.sku.skuId, 1, 'adjustment', null, owner.id, { productId: o.sku.productId });
    const shipped = await storeCall(shipReplacementRoute, asked.body.id, { carrierCode: 'YD', trackingNumber: 'YD1231231234' });
    expect(shipped.body.status).toBe('replacement_shipped');
    expect(await stockOf(o.sku)).toBe(1); // one out, the returned one back
    expect(await checkStockReconciles([o.sku])).toEqual([]);
  });
});
