/**
 * The daily reconciliation of Alipay's bill end to end (ADR 0071, "Alipay"): a two-store checkout paid
 * with Alipay through the simulator (signed notifications to our webhook), and a checkout cancelled
 * after one store's trade was paid (a LatePayment, refunded by the sweeper with alipay.trade.refund);
 * then today's Alipay bill (GBK ZIP) downloaded from the simulator and matched against the table; then
 * the bill tampered with one difference of each kind Alipay's bill can show, and the report naming
 * exactly those; the routes read the Alipay report by `?provider=alipay` and queue an Alipay re-run
 * that the scheduled job carries out.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import type { BillReconciliation } from '@wxshop/shared/reconciliation';
import { invoke } from '../support/lambda';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { DEMO_ALIPAY_SUB_MERCHANTS } from '../../infra/local/sims/alipay-api';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createAddress } from '../../functions/addresses/addresses';
import { findIdentity, setPlatformRole } from '../../functions/identity/accounts';
import { loginWithAlipay } from '../../functions/identity/logins';
import { setStoreAlipaySmid, setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { sweepLatePayments } from '../../functions/orders/sweep';
import { alipayLateRefundNo } from '../../functions/payments/alipay-pay';
import { cancelUnpaidCheckout } from '../../functions/payments/wechat-pay';
import { dueDays, handler as billJob, reconcileAlipayBill, reconcileWechatpayBill } from '../../functions/ops/reconcile-bills';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as notifyRoute } from '../../functions/payments/alipay-notify';
import { handler as getRoute } from '../../functions/reconciliation/get-bill-reconciliation';
import { handler as runRoute } from '../../functions/reconciliation/run-bill-reconciliation';
import { handler as listRoute } from '../../functions/reconciliation/list-bill-reconciliations';
import { categoryTree, listedProduct, merchant, shopper } from './browse-fixtures';

jest.setTimeout(120_000);
ownTable('alipaybill');

const [SMID_A, SMID_B] = DEMO_ALIPAY_SUB_MERCHANTS.map((m) => m.smid) as [string, string];
let sims: Simulators;
let webhook: Server;
/** While true the webhook acknowledges without handing the notification to us (as if lost). */
let holding = false;
let leaf: string;
let storeA: string;
let storeB: string;
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sims = await withSimulators();
  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (holding) {
        res.writeHead(200).end('success');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      void invoke<string>(notifyRoute, {
        method: 'POST',
        path: '/payments/alipay/notify',
        raw,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      }).then(
        (answer) => res.writeHead(answer.status).end(String(answer.body)),
        () => res.writeHead(500).end('fail'),
      );
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  process.env.ALIPAY_NOTIFY_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/payments/alipay/notify`;
  resetAdapterConfig();
  ({ leaf } = await categoryTree());
  [storeA, storeB] = await Promise.all([merchant('Ali bill A'), merchant('Ali bill B')]);
  await setStoreSubMchid(storeA, '1900000101');
  await setStoreSubMchid(storeB, '1900000102');
  await setStoreAlipaySmid(storeA, SMID_A);
  await setStoreAlipaySmid(storeB, SMID_B);
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
  await sims.close();
});

const simPost = async (path: string, body: unknown) => {
  const r = await fetch(`${sims.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.status;
};
const get = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const waitUntil = async (probe: () => Promise<boolean>, ms = 15_000) => {
  for (const deadline = Date.now() + ms; !(await probe()); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

let seq = 0;
/** A pending checkout of one unit at each store's price, by a shopper signed in with Alipay; its merged trade started. */
async function alipayCheckout(stores: [string, number][]): Promise<{ result: CheckoutResult; preOrderNo: string }> {
  const alipayUserId = `2088${String(Date.now()).slice(-8)}${String((seq += 1)).padStart(4, '0')}`;
  const r = await fetch(`${sims.baseUrl}/_sim/alipay/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: alipayUserId }),
  });
  const { authCode } = (await r.json()) as { authCode: string };
  const tokens = await loginWithAlipay(authCode);
  const id = (await findIdentity('alipay', alipayUserId))!.userId;
  const address = await createAddress(id, { recipient: '孙八', phone: '13900139004', country: 'CN', regionCode: '330106', detail: '文三路 7 号' });
  const lines = [];
  for (const [store, price] of stores) {
    const productId = await listedProduct(store, { title: { 'zh-CN': '支付宝对账' }, categoryId: leaf, prices: [price], stock: 10 });
    const skus = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
        ConsistentRead: true,
      }),
    );
    lines.push({ productId, skuId: String(skus.Items![0]!.id), quantity: 1 });
  }
  const p = await preview(id, address.id, lines, 'zh-CN');
  const result = await submit(id, `alibill-${Date.now()}-${(seq += 1)}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
  const started = await invoke<StartPaymentResult>(startRoute, {
    token: tokens.accessToken,
    params: { checkoutId: result.checkout.id },
    body: { channel: 'alipay' },
    ip: '203.0.113.9',
  });
  if (started.body.channel !== 'alipay') throw new Error('alipay expected');
  return { result, preOrderNo: started.body.preOrderNo };
}

describe("daily bill reconciliation against Alipay's bill", () => {
  let paid: CheckoutResult;
  let late: { outTradeNo: string; tradeNo: string; amount: number; refundNo: string };
  let financeToken: string;

  beforeAll(async () => {
    // a two-store checkout paid with Alipay, both notifications applied
    const first = await alipayCheckout([
      [storeA, 1000],
      [storeB, 2550],
    ]);
    paid = first.result;
    expect(await simPost('/_sim/alipay/pay', { pre_order_no: first.preOrderNo })).toBe(200);
    for (const o of paid.orders) await waitUntil(async () => (await get(keys.order(o.id)))?.status === 'paid');
    // a checkout cancelled after store A's trade was paid (its notification lost): a LatePayment the sweeper refunds
    const second = await alipayCheckout([
      [storeA, 1234],
      [storeB, 400],
    ]);
    const order = second.result.orders.find((o) => o.total.amount === 1234)!;
    const tradeNo = sims.state.alipay.byOutTradeNo.get(order.outTradeNo)!;
    holding = true;
    expect(await simPost('/_sim/alipay/pay', { trade_no: tradeNo })).toBe(200);
    expect(await cancelUnpaidCheckout(second.result.checkout.id, { kind: 'system', id: null }, 'not paid in time')).toBe('cancelled');
    holding = false;
    expect(await sweepLatePayments()).toBe(1);
    late = { outTradeNo: order.outTradeNo, tradeNo, amount: 1234, refundNo: alipayLateRefundNo(second.result.checkout.id, order.outTradeNo) };
    const finance = await shopper('finance');
    await setPlatformRole(finance.id, 'finance', 'test');
    financeToken = finance.token;
  });
  afterEach(() => simPost('/_sim/alipay/bills/tamper', {}));

  it("today's Alipay bill matches our Alipay orders, the late payment and its refund: no difference", async () => {
    const report = await reconcileAlipayBill(today());

    expect(report).toMatchObject({ date: today(), provider: 'alipay', status: 'ok', differenceCount: 0, differences: [], error: null });
    expect(report.lines).toBe(4);
    expect(report.paid).toEqual({ amount: 1000 + 2550 + 1234, currency: 'CNY' });
    expect(report.refunded).toEqual({ amount: 1234, currency: 'CNY' });
    expect(await get(keys.billReconciliation(today(), 'alipay'))).toMatchObject({ entity: 'BillReconciliation', provider: 'alipay', status: 'ok' });
  });

  it("the Alipay orders are not WeChat Pay's: WeChat Pay's bill of today is empty and nothing of ours is missing from it", async () => {
    const report = await reconcileWechatpayBill(today());

    expect(report).toMatchObject({ provider: 'wechatpay', status: 'ok', lines: 0, differenceCount: 0 });
  });

  it('a bill tampered with one difference of each kind gets a report naming exactly those', async () => {
    const [a, b] = [...paid.orders].sort((x, y) => x.total.amount - y.total.amount);
    await simPost('/_sim/alipay/bills/tamper', {
      drop: [a!.outTradeNo, late.refundNo],
      amounts: { [b!.outTradeNo]: 2549 },
      extra: [
        { kind: 'payment', date: today(), tradeNo: '2026000022001000000001', outTradeNo: 'NOT-OURS-1', amount: 77 },
        { kind: 'refund', date: today(), tradeNo: late.tradeNo, outTradeNo: late.outTradeNo, outRequestNo: 'NOT-OURS-R', amount: 5 },
      ],
    });

    const report = await reconcileAlipayBill(today());

    expect(report.status).toBe('differences');
    expect(report.differences.map((d) => [d.kind, d.no]).sort()).toEqual(
      [
        ['amount', b!.outTradeNo],
        ['missing_payment', a!.outTradeNo],
        ['missing_refund', late.refundNo],
        ['unknown_payment', 'NOT-OURS-1'],
        ['unknown_refund', 'NOT-OURS-R'],
      ].sort(),
    );
    expect(report.differenceCount).toBe(5);
    expect(report.differences.find((d) => d.kind === 'amount')).toMatchObject({
      bill: { amount: 2549, subMchid: '' },
      ours: { amount: 2550, subMchid: SMID_B },
    });
    expect(report.differences.find((d) => d.kind === 'missing_payment')!.detail).toMatch(/Alipay's bill does not have$/);
  });

  it('a bill whose totals lie is a failed report with the reason', async () => {
    await simPost('/_sim/alipay/bills/tamper', { lie: true });

    const report = await reconcileAlipayBill(today());

    expect(report).toMatchObject({ provider: 'alipay', status: 'failed', lines: 0 });
    expect(report.error).toMatch(/does not add up/);
  });

  it('finance reads the Alipay report by ?provider=alipay, queues an Alipay re-run of yesterday that the job carries out', async () => {
    await simPost('/_sim/alipay/bills/tamper', { amounts: { [paid.orders[0]!.outTradeNo]: 1 } });
    await reconcileAlipayBill(today());
    await simPost('/_sim/alipay/bills/tamper', {});
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

    const one = await invoke<BillReconciliation>(getRoute, { token: financeToken, params: { date: today() }, query: { provider: 'alipay' } });
    const wechatDefault = await invoke<BillReconciliation>(getRoute, { token: financeToken, params: { date: today() } });
    const unknownProvider = await invoke(getRoute, { token: financeToken, params: { date: today() }, query: { provider: 'paypal' } });
    const queued = await invoke<BillReconciliation>(runRoute, { token: financeToken, params: { date: yesterday }, body: { provider: 'alipay' } });
    const due = await dueDays();
    await billJob();
    const list = await invoke<{ items: BillReconciliation[] }>(listRoute, { token: financeToken, query: {} });

    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ provider: 'alipay', status: 'differences' });
    expect(one.body.differences.map((d) => d.kind)).toEqual(['amount']);
    expect(wechatDefault.body).toMatchObject({ provider: 'wechatpay' });
    expect(unknownProvider.status).toBe(400);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ provider: 'alipay', status: 'queued' });
    expect(due).toContainEqual({ date: yesterday, provider: 'alipay' });
    // yesterday had no trade at the simulator: isp.bill_not_exist, an empty bill
    expect(await get(keys.billReconciliation(yesterday, 'alipay'))).toMatchObject({ status: 'ok', lines: 0 });
    expect(
      list.body.items
        .filter((i) => i.date === today())
        .map((i) => i.provider)
        .sort(),
    ).toEqual(['alipay', 'wechatpay']);
  });
});
