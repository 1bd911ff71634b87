/**
 * The daily bill reconciliation end to end (ADR 0071): orders paid through the simulator (combine
 * payment, signed notifications to our webhook) and a refund before shipment, then today's trade bill
 * downloaded from the simulator and matched against the table; then the simulator's bill tampered
 * with one difference of each kind, and the report naming exactly those; the admin routes read it and
 * queue a re-run that the scheduled job picks up.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AfterSale } from '@wxshop/shared/after-sales';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import type { BillReconciliation } from '@wxshop/shared/reconciliation';
import { invoke } from '../support/lambda';
import { startWechatpayWebhook, type WechatpayWebhook } from '../support/wechatpay-webhook';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { logger } from '../../functions/lib/logger';
import { keys } from '../../functions/lib/keys';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { outRefundNoOf } from '../../functions/after-sales/refunds';
import { readCase } from '../../functions/after-sales/repo';
import { dueDays, handler as billJob, reconcileWechatpayBill } from '../../functions/ops/reconcile-bills';
import { setPlatformRole } from '../../functions/identity/accounts';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as requestRoute } from '../../functions/after-sales/request-after-sale';
import { handler as listRoute } from '../../functions/reconciliation/list-bill-reconciliations';
import { handler as getRoute } from '../../functions/reconciliation/get-bill-reconciliation';
import { handler as runRoute } from '../../functions/reconciliation/run-bill-reconciliation';
import { categoryTree, listedProduct, shopper } from './browse-fixtures';
import { merchantWithOwner } from './catalog-fixtures';

jest.setTimeout(120_000);
ownTable('billrecon');

const SUB_MCH = '1900000101';
let sims: Simulators;
let webhook: WechatpayWebhook;
let leaf: string;
let store: string;
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sims = await withSimulators();
  webhook = await startWechatpayWebhook();
  resetAdapterConfig();
  ({ leaf } = await categoryTree());
  ({ merchantId: store } = await merchantWithOwner('Bills'));
  await setStoreSubMchid(store, SUB_MCH);
});

afterAll(async () => {
  await webhook.close();
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
/** A shopper's order of `quantity` units at `price`, paid at the simulator and settled by its notification. */
async function paidOrder(price: number, quantity: number) {
  const me = await shopper();
  const address = await createAddress(me.id, { recipient: '钱七', phone: '13900139003', country: 'CN', regionCode: '330106', detail: '文三路 5 号' });
  await rememberWechatOpenid(me.id, sims.keys.wechat.appid, `o-bill-${me.id}`);
  const productId = await listedProduct(store, { title: { 'zh-CN': '对账测试' }, categoryId: leaf, prices: [price], stock: 10 });
  const skus = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  const lines = [{ productId, skuId: String(skus.Items![0]!.id), quantity }];
  const p = await preview(me.id, address.id, lines, 'zh-CN');
  const placed: CheckoutResult = await submit(me.id, `bill-${Date.now()}-${(seq += 1)}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
  const started = await invoke<StartPaymentResult>(startRoute, {
    token: me.token,
    params: { checkoutId: placed.checkout.id },
    body: { channel: 'wechat_jsapi' },
    ip: '203.0.113.9',
  });
  if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
  expect(await simPost('/_sim/wechatpay/pay', started.body.requestPayment)).toBe(200);
  const order = placed.orders[0]!;
  await waitUntil(async () => (await get(keys.order(order.id)))?.status === 'paid');
  return { me, orderId: order.id, skuId: lines[0]!.skuId, outTradeNo: String((await get(keys.order(order.id)))?.outTradeNo), total: order.total.amount };
}

describe('daily bill reconciliation against WeChat Pay', () => {
  let first: Awaited<ReturnType<typeof paidOrder>>;
  let second: Awaited<ReturnType<typeof paidOrder>>;
  let refundNo: string;
  let financeToken: string;

  beforeAll(async () => {
    first = await paidOrder(1999, 1);
    second = await paidOrder(2550, 2);
    // a refund of one unit before shipment: approved by rule, refunded at once
    const asked = await invoke<AfterSale>(requestRoute, {
      token: second.me.token,
      body: { orderId: second.orderId, kind: 'refund_only', lines: [{ skuId: second.skuId, quantity: 1 }], reason: 'changed_mind', text: '买多了' },
    });
    expect(asked.status).toBe(201);
    await waitUntil(async () => (await readCase(asked.body.id)).status === 'refunded');
    refundNo = outRefundNoOf(asked.body.id);
    const finance = await shopper('finance');
    await setPlatformRole(finance.id, 'finance', 'test');
    financeToken = finance.token;
  });
  afterEach(() => simPost('/_sim/wechatpay/bills/tamper', {}));

  it("today's bill matches our orders and refund: no difference, and the report says so", async () => {
    const report = await reconcileWechatpayBill(today());

    expect(report).toMatchObject({ date: today(), status: 'ok', differenceCount: 0, differences: [], error: null });
    expect(report.lines).toBe(3);
    expect(report.paid).toEqual({ amount: 1999 + 5100, currency: 'CNY' });
    expect(report.refunded).toEqual({ amount: 2550, currency: 'CNY' });
    expect(await get(keys.billReconciliation(today(), 'wechatpay'))).toMatchObject({ entity: 'BillReconciliation', status: 'ok' });
  });

  it('a bill tampered with one difference of each kind gets a report naming exactly those, and an ERROR line', async () => {
    await simPost('/_sim/wechatpay/bills/tamper', {
      drop: [refundNo],
      amounts: { [first.outTradeNo]: 1998 },
      subMchids: { [second.outTradeNo]: '1900000102' },
      extra: [{ kind: 'payment', date: today(), subMchid: SUB_MCH, transactionId: '4200009999000000000001', outTradeNo: 'NOT-OURS-1', amount: 77 }],
    });
    const errors = jest.spyOn(logger, 'error');

    const report = await reconcileWechatpayBill(today());

    expect(report.status).toBe('differences');
    expect(report.differences.map((d) => [d.kind, d.no]).sort()).toEqual(
      [
        ['amount', first.outTradeNo],
        ['sub_merchant', second.outTradeNo],
        ['unknown_payment', 'NOT-OURS-1'],
        ['missing_refund', refundNo],
      ].sort(),
    );
    expect(report.differenceCount).toBe(4);
    expect(report.differences.find((d) => d.kind === 'amount')).toMatchObject({
      bill: { amount: 1998 },
      ours: { amount: 1999, ref: `ORDER#${first.orderId}|ORDER` },
    });
    const logged = errors.mock.calls.filter((c) => c[0] === 'bill reconciliation found differences');
    errors.mockRestore();
    expect(logged).toHaveLength(1);
    expect(logged[0]![1]).toMatchObject({ date: today(), differences: 4 });
  });

  it('finance reads the days and a day with its differences; queues a re-run that the job carries out; a day to come is refused', async () => {
    await simPost('/_sim/wechatpay/bills/tamper', { amounts: { [first.outTradeNo]: 1 } });
    await reconcileWechatpayBill(today());
    await simPost('/_sim/wechatpay/bills/tamper', {});

    const list = await invoke<{ items: BillReconciliation[] }>(listRoute, { token: financeToken, query: {} });
    const one = await invoke<BillReconciliation>(getRoute, { token: financeToken, params: { date: today() } });
    const shopperTry = await invoke(getRoute, { token: first.me.token, params: { date: today() } });
    const tomorrow = await invoke(runRoute, {
      token: financeToken,
      params: { date: new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10) },
      body: {},
    });
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const queued = await invoke<BillReconciliation>(runRoute, { token: financeToken, params: { date: yesterday }, body: {} });
    const due = await dueDays();
    await billJob();

    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ date: today(), status: 'differences', differenceCount: 1 });
    expect(list.body.items[0]).not.toHaveProperty('differences');
    expect(one.body.differences.map((d) => d.kind)).toEqual(['amount']);
    expect(shopperTry.status).toBe(403);
    expect(tomorrow.status).toBe(422);
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    expect(due).toContainEqual({ date: yesterday, provider: 'wechatpay' });
    // yesterday had no transaction at the simulator: an empty bill, nothing to differ
    expect(await get(keys.billReconciliation(yesterday, 'wechatpay'))).toMatchObject({ status: 'ok', lines: 0 });
  });
});
