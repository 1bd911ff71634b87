/**
 * After-sale end to end against the simulator's real keys: orders paid through WeChat Pay (combine
 * order, the simulator's signed notifications posted to our webhook handlers as Lambda events), cases
 * asked for and decided through the route handlers, refunds applied at the simulator (money out of the
 * sub-merchant's frozen balance) and settled by its REFUND.SUCCESS notifications or by the query.
 */
import { createDecipheriv, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AfterSale, AfterSalePage, AfterSaleQuote } from '@wxshop/shared/after-sales';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import { invoke } from '../support/lambda';
import { startWechatpayWebhook, type WechatpayWebhook } from '../support/wechatpay-webhook';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { encryptResource, signedHeaders } from '../../infra/local/sims/wechatpay-crypto';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { checkStockReconciles } from '../../functions/catalog/stock';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { shipOrder } from '../../functions/orders/orders';
import { sweepAfterSaleRefunds, sweepDueAfterSaleDecisions } from '../../functions/orders/sweep';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as refundNotifyRoute } from '../../functions/after-sales/refund-notify';
import { handler as requestRoute } from '../../functions/after-sales/request-after-sale';
import { handler as quoteRoute } from '../../functions/after-sales/quote-after-sale';
import { handler as getMineRoute } from '../../functions/after-sales/get-my-after-sale';
import { handler as listMineRoute } from '../../functions/after-sales/list-my-after-sales';
import { handler as cancelRoute } from '../../functions/after-sales/cancel-my-after-sale';
import { handler as sendReturnRoute } from '../../functions/after-sales/send-after-sale-return';
import { handler as escalateRoute } from '../../functions/after-sales/escalate-after-sale';
import { handler as merchantListRoute } from '../../functions/after-sales/list-merchant-after-sales';
import { handler as approveRoute } from '../../functions/after-sales/approve-after-sale';
import { handler as rejectRoute } from '../../functions/after-sales/reject-after-sale';
import { handler as confirmRoute } from '../../functions/after-sales/confirm-after-sale-return';
import { handler as notifyAfterSale } from '../../functions/after-sales/notify-after-sale';
import { applyAtWechatPay, outRefundNoOf } from '../../functions/after-sales/refunds';
import { readCase } from '../../functions/after-sales/repo';
import { categoryTree, listedProduct, shopper } from './browse-fixtures';
import { merchantWithOwner, type Actor } from './catalog-fixtures';

jest.setTimeout(120_000);
ownTable('aftersales');

const SUB_MCH = '1900000101';
let sims: Simulators;
let webhook: WechatpayWebhook;
let leaf: string;
let store: string;
let owner: Actor;
let ownerToken: string;

beforeAll(async () => {
  sims = await withSimulators();
  webhook = await startWechatpayWebhook();
  process.env.AFTER_SALE_DECIDE_WITHIN_S = '2';
  process.env.REFUND_QUERY_AFTER_S = '30';
  resetAdapterConfig();
  ({ leaf } = await categoryTree());
  ({ merchantId: store, owner } = await merchantWithOwner('After-sale'));
  ownerToken = await owner.token();
  await setStoreSubMchid(store, SUB_MCH);
});

afterAll(async () => {
  await webhook.close();
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
/** A product of the store at `price` fen with `stock` units. */
async function product(price: number, stock = 10) {
  const productId = await listedProduct(store, { title: { 'zh-CN': '售后测试' }, categoryId: leaf, prices: [price], stock });
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

/** A shopper's order of `quantity` units at `price`, paid through the simulator (wx.requestPayment) and settled by its notification. */
async function paidOrder(price: number, quantity: number) {
  const me = await shopper();
  const address = await createAddress(me.id, { recipient: '赵六', phone: '13900139002', country: 'CN', regionCode: '330106', detail: '文三路 3 号' });
  await rememberWechatOpenid(me.id, sims.keys.wechat.appid, `o-as-${me.id}`);
  const sku = await product(price);
  const lines = [{ ...sku, quantity }];
  const p = await preview(me.id, address.id, lines, 'zh-CN');
  const placed: CheckoutResult = await submit(me.id, `as-${Date.now()}-${(seq += 1)}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
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
  return { me, sku, orderId, total: placed.orders[0]!.total.amount };
}
const ship = (orderId: string) => shipOrder(store, orderId, { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}${(seq += 1)}` }] }, owner.id);

const request = (token: string, body: Record<string, unknown>) => invoke<AfterSale & { error?: { code: string } }>(requestRoute, { token, body });
const merchantCall = (route: typeof approveRoute, afterSaleId: string, body: unknown) =>
  invoke<AfterSale & { error?: { code: string } }>(route, { token: ownerToken, params: { merchantId: store, afterSaleId }, body });
const RETURN_ADDRESS = { recipient: '售后部', phone: '13800138000', region: '浙江省杭州市西湖区', detail: '文三路 100 号' };

describe('after-sale', () => {
  it('before shipment: a refund is approved by rule, refunded once through WeChat Pay (notification x15), the stock back exactly once, the order refunded', async () => {
    const { me, sku, orderId, total } = await paidOrder(3333, 2);
    expect(await stockOf(sku)).toBe(8);
    const frozenBefore = frozen();
    await simPost('/_sim/wechatpay/notify-control', { copies: 15 });

    const asked = await request(me.token, {
      orderId,
      kind: 'refund_only',
      lines: [{ skuId: sku.skuId, quantity: 2 }],
      reason: 'changed_mind',
      text: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'refunding', goods: { amount: 6666 }, shipping: { amount: 0 }, total: { amount: total } });
    expect(asked.body.history.map((h) => [h.to, h.actor.kind])).toEqual([
      ['requested', 'shopper'],
      ['refunding', 'system'],
    ]);
    await waitUntil(async () => (await statusOf(asked.body.id)) === 'refunded');
    const no = outRefundNoOf(asked.body.id);
    await waitUntil(() => webhook.received.filter((r) => r.path.endsWith('/refund-notify') && r.status === 204).length >= 15);

    expect(simRefunds(no)).toHaveLength(1);
    expect(frozenBefore - frozen()).toBe(total);
    expect(await stockOf(sku)).toBe(10);
    const order = await get(keys.order(orderId));
    expect(order?.status).toBe('refunded');
    expect((await get(keys.refundLedger(orderId)))?.refunded).toBe(total);
    const mine = await invoke<AfterSale>(getMineRoute, { token: me.token, params: { afterSaleId: asked.body.id } });
    expect(mine.body).toMatchObject({ status: 'refunded', refund: { outRefundNo: no, status: 'SUCCESS', amount: { amount: total } } });
    expect(mine.body.history.map((h) => h.event)).toEqual(['AfterSaleRequested', 'AfterSaleApproved', 'AfterSaleRefunded']);
    // another shopper does not see it
    const other = await shopper();
    expect((await invoke(getMineRoute, { token: other.token, params: { afterSaleId: asked.body.id } })).status).toBe(404);
    expect(await checkStockReconciles([sku])).toEqual([]);
  });

  it('a unit refunded before shipment is not shipped: the store ships the rest, and the order is shipped', async () => {
    const { me, sku, orderId } = await paidOrder(2500, 2);
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'changed_mind' });
    expect(asked.body).toMatchObject({ status: 'refunding', total: { amount: 2500 } });
    await waitUntil(async () => (await statusOf(asked.body.id)) === 'refunded');
    await expect(
      shipOrder(store, orderId, { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}W`, lines: [{ skuId: sku.skuId, quantity: 2 }] }] }, owner.id),
    ).rejects.toMatchObject({ status: 422 });
    const shipped = await ship(orderId);
    expect(shipped.status).toBe('shipped');
    expect(shipped.parcels.flatMap((p) => p.lines)).toEqual([{ skuId: sku.skuId, quantity: 1 }]);
    expect((await get(keys.order(orderId)))?.status).toBe('shipped'); // half refunded: the order goes on
  });

  it('return and refund of one unit of a two-unit line: approve, send the return, confirm, refund; exact to the fen, the frozen balance down by exactly that', async () => {
    const { me, sku, orderId } = await paidOrder(3333, 2);
    await ship(orderId);
    const frozenBefore = frozen();
    const asked = await request(me.token, { orderId, kind: 'return_refund', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'damaged' });
    expect(asked.body).toMatchObject({ status: 'requested', total: { amount: 3333 }, decideBy: expect.any(String) });

    const queue = await invoke<AfterSalePage>(merchantListRoute, { token: ownerToken, params: { merchantId: store }, query: { status: 'requested' } });
    expect(queue.body.items.map((c) => c.id)).toContain(asked.body.id);
    expect((await merchantCall(approveRoute, asked.body.id, {})).status).toBe(422); // a return needs the address
    const approved = await merchantCall(approveRoute, asked.body.id, { returnAddress: RETURN_ADDRESS });
    expect(approved.body).toMatchObject({ status: 'approved', returnAddress: RETURN_ADDRESS, decideBy: null });
    const sent = await invoke<AfterSale>(sendReturnRoute, {
      token: me.token,
      params: { afterSaleId: asked.body.id },
      body: { carrierCode: 'SF', trackingNumber: 'SF1234567890' },
    });
    expect(sent.body).toMatchObject({ status: 'return_shipped', returnParcel: { carrierCode: 'SF', trackingNumber: 'SF1234567890' } });
    const stockBefore = await stockOf(sku);
    const confirmed = await merchantCall(confirmRoute, asked.body.id, { lines: [{ skuId: sku.skuId, quantity: 1 }] });
    expect(confirmed.body.status).toBe('refunding');
    await waitUntil(async () => (await statusOf(asked.body.id)) === 'refunded');

    expect(frozenBefore - frozen()).toBe(3333);
    expect(await stockOf(sku)).toBe(stockBefore + 1);
    expect((await get(keys.order(orderId)))?.status).toBe('shipped'); // partly refunded: the order continues
    expect((await get(keys.refundLedger(orderId)))?.refunded).toBe(3333);
    // the other unit can still be asked for, and no more than that
    const tooMany = await request(me.token, { orderId, kind: 'return_refund', lines: [{ skuId: sku.skuId, quantity: 2 }], reason: 'damaged' });
    expect(tooMany.status).toBe(422);
  });

  it('a rejected case: the reason is recorded, the shopper escalates it; a cancelled one gives its units back', async () => {
    const { me, sku, orderId } = await paidOrder(1000, 1);
    await ship(orderId);
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'not_received' });
    const rejected = await merchantCall(rejectRoute, asked.body.id, { reason: '物流显示已签收' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '物流显示已签收' });
    expect((await merchantCall(approveRoute, asked.body.id, {})).body.error?.code).toBe('invalid_transition');
    const escalated = await invoke<AfterSale>(escalateRoute, { token: me.token, params: { afterSaleId: asked.body.id }, body: { text: '并未收到' } });
    expect(escalated.body).toMatchObject({ status: 'escalated', escalation: { text: '并未收到' } });
    expect(simRefunds(outRefundNoOf(asked.body.id))).toHaveLength(0);

    const { me: me2, sku: sku2, orderId: order2 } = await paidOrder(1000, 1);
    await ship(order2);
    const first = await request(me2.token, { orderId: order2, kind: 'refund_only', lines: [{ skuId: sku2.skuId, quantity: 1 }], reason: 'quality_issue' });
    expect(
      (await request(me2.token, { orderId: order2, kind: 'refund_only', lines: [{ skuId: sku2.skuId, quantity: 1 }], reason: 'quality_issue' })).status,
    ).toBe(422);
    const cancelled = await invoke<AfterSale>(cancelRoute, { token: me2.token, params: { afterSaleId: first.body.id }, body: { reason: '误操作' } });
    expect(cancelled.body.status).toBe('cancelled');
    expect(
      (await request(me2.token, { orderId: order2, kind: 'refund_only', lines: [{ skuId: sku2.skuId, quantity: 1 }], reason: 'quality_issue' })).status,
    ).toBe(201);
    const listed = await invoke<AfterSalePage>(listMineRoute, { token: me2.token });
    expect(listed.body.items.map((c) => c.status)).toEqual(['requested', 'cancelled']);
    // the order page's list (AP101): that order's cases; another shopper's order lists none
    const ofOrder = await invoke<AfterSalePage>(listMineRoute, { token: me2.token, query: { orderId: order2 } });
    expect(ofOrder.body.items.map((c) => c.status)).toEqual(['requested', 'cancelled']);
    expect((await invoke<AfterSalePage>(listMineRoute, { token: me.token, query: { orderId: order2 } })).body.items).toEqual([]);
  });

  it('AP102 listDueAfterSaleDecisions: a store that does not answer by the deadline (48 h; 2 s here) has approved: the sweeper refunds it', async () => {
    const { me, sku, orderId } = await paidOrder(2000, 1);
    await ship(orderId);
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'not_received' });
    await sweepDueAfterSaleDecisions(new Date()); // not due yet
    expect(await statusOf(asked.body.id)).toBe('requested');
    const later = new Date(Date.parse(asked.body.decideBy!) + 1000);
    expect(await sweepDueAfterSaleDecisions(later)).toBeGreaterThanOrEqual(1);
    const c = await readCase(asked.body.id);
    expect(c.history.at(-1)).toMatchObject({ event: 'AfterSaleApproved', actor: { kind: 'system' }, reason: expect.stringMatching(/automatically/) });
    await waitUntil(async () => (await statusOf(asked.body.id)) === 'refunded');
    expect((await get(keys.order(orderId)))?.status).toBe('refunded'); // its only unit: the order is refunded in full
    // swept again: nothing more happens to it
    const settled = await readCase(asked.body.id);
    await sweepDueAfterSaleDecisions(new Date(later.getTime() + 60_000));
    expect(await readCase(asked.body.id)).toEqual(settled);
  });

  it('concurrent requests for the same line never claim more than was paid', async () => {
    const { me, sku, orderId } = await paidOrder(3333, 2);
    await ship(orderId);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'quality_issue' })),
    );
    const made = answers.filter((a) => a.status === 201);
    expect(made).toHaveLength(2);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.status)).toEqual(expect.arrayContaining([422]));
    expect(made.reduce((n, a) => n + a.body.total.amount, 0)).toBe(6666);
    expect((await get(keys.refundLedger(orderId)))?.lines).toEqual({ [sku.skuId]: { units: 2, amount: 6666 } });
  });

  it('a crash between the refund API call and our update: the retry sends the same out_refund_no, WeChat Pay refunds once', async () => {
    const { me, sku, orderId } = await paidOrder(1500, 2);
    await ship(orderId);
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'quality_issue' });
    // WeChat Pay unreachable while the store approves: the case is refunding with its refund to do, nothing applied
    const base = process.env.WECHATPAY_API_BASE;
    process.env.WECHATPAY_API_BASE = 'http://127.0.0.1:9';
    resetAdapterConfig();
    const approved = await merchantCall(approveRoute, asked.body.id, {});
    process.env.WECHATPAY_API_BASE = base;
    resetAdapterConfig();
    expect(approved.body).toMatchObject({ status: 'refunding', refund: { refundId: null } });
    await simPost('/_sim/wechatpay/notify-control', { hold: true });
    const frozenBefore = frozen();
    // the call goes through, and we crash before recording it
    await applyAtWechatPay(await readCase(asked.body.id));
    expect((await readCase(asked.body.id)).refund?.refundId).toBeNull();
    // the sweeper's retry: the same number, the same refund
    await sweepAfterSaleRefunds(new Date(Date.now() + 60_000));
    const no = outRefundNoOf(asked.body.id);
    expect(simRefunds(no)).toHaveLength(1);
    expect((await readCase(asked.body.id)).refund?.refundId).toBe(simRefunds(no)[0]!.refundId);
    await simPost('/_sim/wechatpay/notify-control/release', {});
    await waitUntil(async () => (await statusOf(asked.body.id)) === 'refunded');
    expect(frozenBefore - frozen()).toBe(1500);
    expect(sims.state.wechatpay.combine.size).toBeGreaterThan(0);
  });

  it('no notification: the scheduled query settles the refund (AP103 listRefundsToDo)', async () => {
    const { me, sku, orderId } = await paidOrder(1200, 1);
    await ship(orderId);
    await simPost('/_sim/wechatpay/notify-control', { hold: true });
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'not_received' });
    await merchantCall(approveRoute, asked.body.id, {});
    await waitUntil(() => simRefunds(outRefundNoOf(asked.body.id))[0]?.status === 'SUCCESS');
    expect(await statusOf(asked.body.id)).toBe('refunding');
    expect(await sweepAfterSaleRefunds(new Date())).toBe(0); // not due yet
    expect(await sweepAfterSaleRefunds(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(asked.body.id)).toBe('refunded');
    expect(await get(keys.refundToDo(asked.body.id))).toBeUndefined();
    // the held notifications arrive later: they change nothing
    const digest = await tableDigestWithout(['RefundNotification']);
    await simPost('/_sim/wechatpay/notify-control/release', {});
    await waitUntil(() => webhook.received.some((r) => r.path.endsWith('/refund-notify') && decryptedRefundNo(r.body) === outRefundNoOf(asked.body.id)));
    expect(await tableDigestWithout(['RefundNotification'])).toBe(digest);
  });

  it('forged, altered, stale and replayed refund notifications change nothing; a signed one with another amount is not applied', async () => {
    const { me, sku, orderId } = await paidOrder(1800, 1);
    await ship(orderId);
    await simPost('/_sim/wechatpay/notify-control', { hold: true });
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'not_received' });
    await merchantCall(approveRoute, asked.body.id, {});
    const refund = simRefunds(outRefundNoOf(asked.body.id))[0]!;
    const resource = {
      sp_mchid: sims.keys.wechatpay.mchid,
      sub_mchid: SUB_MCH,
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      refund_status: 'SUCCESS',
      success_time: '2026-12-03T10:00:00+08:00',
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: 1800, payer_total: refund.total, payer_refund: 1800 },
    };
    const before = await tableDigestWithout(['RefundNotification']);
    const { privateKey: strangerKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const forged = signedRefund(resource, { signer: strangerKey });
    expect((await post(forged)).status).toBe(401);
    const genuine = signedRefund(resource);
    const altered = { body: genuine.body.replace('"REFUND.SUCCESS"', '"REFUND.CLOSED"'), headers: genuine.headers };
    expect((await post(altered)).status).toBe(401);
    expect((await post(signedRefund(resource, { ageSeconds: 360 }))).status).toBe(401);
    const otherAmount = signedRefund({ ...resource, amount: { ...resource.amount, refund: 1 } });
    expect((await post(otherAmount)).status).toBe(204);
    expect(await tableDigestWithout(['RefundNotification'])).toBe(before);
    expect(await statusOf(asked.body.id)).toBe('refunding');

    // the genuine one settles it; the same one replayed (and the simulator's own, later) change nothing more
    expect((await post(genuine)).status).toBe(204);
    expect(await statusOf(asked.body.id)).toBe('refunded');
    const settled = await tableDigestWithout(['RefundNotification']);
    expect((await post(genuine)).status).toBe(204);
    expect((await post(signedRefund({ ...resource, refund_status: 'CLOSED' }, { eventType: 'REFUND.CLOSED' }))).status).toBe(204);
    await simPost('/_sim/wechatpay/notify-control/release', {});
    await waitUntil(() => webhook.received.some((r) => r.path.endsWith('/refund-notify') && decryptedRefundNo(r.body) === refund.outRefundNo));
    expect(await tableDigestWithout(['RefundNotification'])).toBe(settled);
    expect(simRefunds(refund.outRefundNo)).toHaveLength(1);
  });

  it('every step tells the other side: the store hears of requests, the shopper of decisions and refunds (once per event)', async () => {
    const { me, sku, orderId } = await paidOrder(900, 1);
    await ship(orderId);
    const asked = await request(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'not_received' });
    await merchantCall(rejectRoute, asked.body.id, { reason: '已签收' });
    const events = (
      await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': keys.afterSale(asked.body.id).PK, ':p': 'EVENT#' },
          ConsistentRead: true,
        }),
      )
    ).Items!;
    expect(events.map((e) => e.type)).toEqual(['AfterSaleRequested', 'AfterSaleRejected']);
    const records = events.map((e, i) => ({
      eventID: `ev-${asked.body.id}-${i}`,
      eventName: 'INSERT' as const,
      dynamodb: { SequenceNumber: String(i), NewImage: marshallish(e) },
    }));
    // delivered twice, as a stream may: one message per event
    for (let copy = 0; copy < 2; copy += 1) expect(await notifyAfterSale({ Records: records } as never)).toEqual({ batchItemFailures: [] });
    const storeInbox = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.merchant(store).PK, ':p': 'INBOX#' },
        ConsistentRead: true,
      }),
    );
    expect(storeInbox.Items!.filter((m) => m.data?.afterSaleId === asked.body.id).map((m) => m.data.status)).toEqual(['requested']);
    const shopperInbox = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.user(me.id).PK, ':p': 'INBOX#' },
        ConsistentRead: true,
      }),
    );
    expect(shopperInbox.Items!.filter((m) => m.kind === 'after_sale').map((m) => m.afterSale.status)).toEqual(['rejected']);
  });
});

// ---- helpers for hand-made notifications ----
const post = (n: { body: string; headers: Record<string, string> }) =>
  invoke(refundNotifyRoute, { method: 'POST', path: '/payments/wechatpay/refund-notify', raw: n.body, headers: n.headers });

function signedRefund(
  resource: object,
  opts: { ageSeconds?: number; signer?: string; eventType?: string } = {},
): { body: string; headers: Record<string, string> } {
  const { ciphertext, nonce } = encryptResource(sims.keys.wechatpay.apiV3Key, JSON.stringify(resource), 'refund');
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: '2026-12-03T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: opts.eventType ?? 'REFUND.SUCCESS',
    summary: '退款成功',
    resource: { original_type: 'refund', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'refund', nonce },
  });
  if (!opts.ageSeconds && !opts.signer)
    return {
      body,
      headers: { 'content-type': 'application/json', ...signedHeaders(sims.keys.wechatpay.platform.privateKey, sims.keys.wechatpay.publicKeyId, body) },
    };
  const timestamp = String(Math.floor(Date.now() / 1000) - (opts.ageSeconds ?? 0));
  const nonceStr = randomUUID().replace(/-/g, '');
  const signer = createSign('RSA-SHA256');
  signer.update(`${timestamp}\n${nonceStr}\n${body}\n`, 'utf8');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonceStr,
      'Wechatpay-Signature': signer.sign(opts.signer ?? sims.keys.wechatpay.platform.privateKey, 'base64'),
      'Wechatpay-Serial': sims.keys.wechatpay.publicKeyId,
    },
  };
}

function decryptedRefundNo(body: string): string | undefined {
  const { resource } = JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
  const raw = Buffer.from(resource.ciphertext, 'base64');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(sims.keys.wechatpay.apiV3Key), Buffer.from(resource.nonce));
  d.setAAD(Buffer.from(resource.associated_data));
  d.setAuthTag(raw.subarray(raw.length - 16));
  const text = Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString('utf8');
  return (JSON.parse(text) as { out_refund_no?: string }).out_refund_no;
}

/** The table's digest without the items of these entities (a record of each notification is expected to grow). */
async function tableDigestWithout(entities: string[]): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const kept = items
    .filter((i) => !entities.includes(String(i.entity)))
    .map((i) =>
      JSON.stringify(
        Object.keys(i)
          .sort()
          .map((k) => [k, i[k]]),
      ),
    );
  return kept.sort().join('\n');
}

/** A stream NewImage (DynamoDB JSON) of a plain item. */
function marshallish(item: Record<string, unknown>) {
  return marshall(item, { removeUndefinedValues: true });
}

describe('after-sale quotes (the request page, docs/adr/0058)', () => {
  const quote = (token: string, body: Record<string, unknown>) => invoke<AfterSaleQuote & { error?: { code: string } }>(quoteRoute, { token, body });

  it('quotes what a request refunds, to the fen, and what is left of each line; writes nothing', async () => {
    const { me, sku, orderId } = await paidOrder(1000, 3);
    await ship(orderId);
    const ledgerBefore = await get(keys.refundLedger(orderId));

    const one = await quote(me.token, { orderId, kind: 'return_refund', lines: [{ skuId: sku.skuId, quantity: 1 }] });
    const asked = await request(me.token, { orderId, kind: 'return_refund', lines: [{ skuId: sku.skuId, quantity: 1 }], reason: 'damaged' });
    const left = await quote(me.token, { orderId, kind: 'return_refund', lines: [] });
    const rest = await quote(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 2 }] });
    const tooMany = await quote(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 3 }] });
    const other = await shopper();
    const foreign = await quote(other.token, { orderId, kind: 'refund_only', lines: [] });

    expect(ledgerBefore).toBeUndefined();
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      left: [{ skuId: sku.skuId, units: 3 }],
      lines: [{ skuId: sku.skuId, quantity: 1, amount: { amount: 1000 } }],
      total: { amount: 1000 },
    });
    expect(asked.body.total.amount).toBe(one.body.total.amount);
    expect(left.body).toMatchObject({ left: [{ skuId: sku.skuId, units: 2 }], lines: [], total: { amount: 0 } });
    // the units that complete the line take what is left of it; shipped: no shipping
    expect(rest.body).toMatchObject({ goods: { amount: 2000 }, shipping: { amount: 0 }, total: { amount: 2000 } });
    expect(tooMany.status).toBe(422);
    expect(foreign.status).toBe(404);
    expect((await get(keys.refundLedger(orderId)))?.version).toBe(1); // only the request wrote it
  });

  it('refuses a return before anything shipped, and quotes the shipping with a whole refund before shipment', async () => {
    const { me, sku, orderId, total } = await paidOrder(1500, 2);

    const ret = await quote(me.token, { orderId, kind: 'return_refund', lines: [{ skuId: sku.skuId, quantity: 1 }] });
    const whole = await quote(me.token, { orderId, kind: 'refund_only', lines: [{ skuId: sku.skuId, quantity: 2 }] });

    expect(ret.status).toBe(422);
    expect(whole.status).toBe(200);
    expect(whole.body.total.amount).toBe(total);
    expect(whole.body.goods.amount + whole.body.shipping.amount).toBe(total);
  });
});
