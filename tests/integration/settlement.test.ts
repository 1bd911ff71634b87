/**
 * The merchants' money end to end against the simulator's real keys (ADR 0061-0063): fee rates and
 * their snapshot on orders (AP117), settlement by profit sharing and finish-order when the after-sale
 * window closes (AP118, AP119), the merchant ledger and balance (AP120-AP122), refunds after settlement
 * (returnorders first), withdrawals (AP123, AP124); every step exactly once after retries and crashes;
 * our balances equal the simulator's fund/balance; and a property test over random sequences.
 * Every store gets a sub-merchant of its own at the simulator, so its balances there are the store's only.
 */
import fc from 'fast-check';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import type { FeeRates, MerchantBalance, MerchantPostingPage, Withdrawal, WithdrawalPage } from '@wxshop/shared/settlement';
import { invoke } from '../support/lambda';
import { startWechatpayWebhook, type WechatpayWebhook } from '../support/wechatpay-webhook';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { transact } from '../../functions/lib/table-ops';
import { createProfitSharing, finishProfitSharing, querySubMerchantBalance, applyWithdrawal } from '../../functions/lib/adapters/wechatpay-ecommerce';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { confirmReceipt, readOrder, shipOrder } from '../../functions/orders/orders';
import { sweepDueSettlements } from '../../functions/orders/sweep';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { approveAfterSale, requestAfterSale } from '../../functions/after-sales/cases';
import { readCase, readLedger } from '../../functions/after-sales/repo';
import { processRefund } from '../../functions/after-sales/refunds';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as getRatesRoute } from '../../functions/settlement/get-fee-rates';
import { handler as setRateRoute } from '../../functions/settlement/set-fee-rate';
import { handler as balanceRoute } from '../../functions/settlement/get-merchant-balance';
import { handler as postingsRoute } from '../../functions/settlement/list-merchant-postings';
import { handler as withdrawalsRoute } from '../../functions/settlement/list-merchant-withdrawals';
import { handler as withdrawRoute } from '../../functions/settlement/create-withdrawal';
import { handler as paymentConsumer } from '../../functions/settlement/post-merchant-payment';
import { postOrderPayment } from '../../functions/settlement/payments';
import { allPostings, readBalance, sumPostings } from '../../functions/settlement/ledger';
import { processSettlement, readSettlement, returnShareBeforeRefund, sharingNoOf, finishNoOf } from '../../functions/settlement/settle';
import { createWithdrawal, processWithdrawal, readWithdrawal, sweepWithdrawals, outRequestNoOf } from '../../functions/settlement/withdrawals';
import { feeOf } from '../../functions/settlement/fees';
import { merchantBalances, merchantPostingReferences } from '../../functions/ops/reconcile-ledger';
import { scanTable } from '../../functions/ops/reconcile';
import { categoryTree, listedProduct, shopper } from './browse-fixtures';
import { merchantWithOwner, type Actor } from './catalog-fixtures';
import { platformAccount } from './merchants-support';

jest.setTimeout(300_000);
ownTable('settlement');

const WINDOW_S = 7 * 86400;
let sims: Simulators;
let webhook: WechatpayWebhook;
let leaf: string;
let otherLeaf: string;
let financeToken: string;

beforeAll(async () => {
  sims = await withSimulators();
  webhook = await startWechatpayWebhook();
  process.env.AFTER_SALE_WINDOW_S = String(WINDOW_S);
  process.env.REFUND_QUERY_AFTER_S = '30';
  resetAdapterConfig();
  ({ leaf, otherLeaf } = await categoryTree());
  financeToken = await (await platformAccount('finance')).token();
});

afterAll(async () => {
  await webhook.close();
  await sims.close();
});

const wp = () => sims.state.wechatpay;
const get = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const waitUntil = async (probe: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
let subSeq = 0;

interface Store {
  merchantId: string;
  owner: Actor;
  ownerToken: string;
  subMchid: string;
}

/** A store selling through a sub-merchant of its own at the simulator. */
async function store(label: string): Promise<Store> {
  const { merchantId, owner } = await merchantWithOwner(label);
  subSeq += 1;
  const subMchid = `19${String(process.pid % 10_000).padStart(4, '0')}${String(subSeq).padStart(4, '0')}`;
  const r = await fetch(`${sims.baseUrl}/_sim/wechatpay/sub-merchants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub_mchid: subMchid, name: label }),
  });
  expect(r.status).toBe(200);
  await setStoreSubMchid(merchantId, subMchid);
  return { merchantId, owner, ownerToken: await owner.token(), subMchid };
}

/** A product of the store at `price` fen in `categoryId`. */
async function product(s: Store, price: number, categoryId = leaf) {
  const productId = await listedProduct(s.merchantId, { title: { 'zh-CN': '结算测试' }, categoryId, prices: [price], stock: 50 });
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  return { productId, skuId: String(out.Items![0]!.id), merchantId: s.merchantId };
}

/** An order of `quantity` units at `price`, paid at the simulator and settled by its notification; its payment posted. */
async function paidOrder(s: Store, price: number, quantity: number, categoryId = leaf) {
  const me = await shopper();
  const address = await createAddress(me.id, { recipient: '结算', phone: '13900139003', country: 'CN', regionCode: '330106', detail: '文三路 5 号' });
  await rememberWechatOpenid(me.id, sims.keys.wechat.appid, `o-st-${me.id}`);
  const sku = await product(s, price, categoryId);
  const lines = [{ productId: sku.productId, skuId: sku.skuId, quantity }];
  const p = await preview(me.id, address.id, lines, 'zh-CN');
  const placed: CheckoutResult = await submit(me.id, `st-${Date.now()}-${(seq += 1)}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
  const started = await invoke<StartPaymentResult>(startRoute, {
    token: me.token,
    params: { checkoutId: placed.checkout.id },
    body: { channel: 'wechat_jsapi' },
    ip: '203.0.113.9',
  });
  if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
  const paid = await fetch(`${sims.baseUrl}/_sim/wechatpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(started.body.requestPayment),
  });
  expect(paid.status).toBe(200);
  const orderId = placed.orders[0]!.id;
  await waitUntil(async () => (await get(keys.order(orderId)))?.status === 'paid');
  await postOrderPayment(orderId);
  return { me, sku, orderId, total: placed.orders[0]!.total.amount };
}

/** Ships and confirms receipt (the after-sale window starts); returns when it closes. */
async function received(s: Store, orderId: string): Promise<Date> {
  await shipOrder(s.merchantId, orderId, { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}${(seq += 1)}` }] }, s.owner.id);
  const done = await confirmReceipt(orderId, { kind: 'system', id: null });
  return new Date(Date.parse(done.completedAt!) + WINDOW_S * 1000 + 1000);
}

/** Runs the settlement until it is settled (the simulator finishes profit sharing after its refund delay). */
async function settle(orderId: string, at: Date): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    const outcome = await processSettlement(orderId, at);
    if (outcome === 'settled') return;
    if (outcome !== 'processing') throw new Error(`settlement ${outcome}`);
    await pause(50);
  }
  throw new Error('settlement did not finish');
}

/** A refund of `units` units through an after-sale case, asked at `at` (within the window), refunded at WeChat Pay. */
async function refund(s: Store, o: { me: { id: string }; sku: { skuId: string }; orderId: string }, units: number, at = new Date()) {
  const order = await readOrder(o.orderId);
  const c = await requestAfterSale(
    o.me.id,
    { orderId: o.orderId, kind: 'refund_only', lines: [{ skuId: o.sku.skuId, quantity: units }], reason: 'changed_mind' },
    at,
  );
  if (c.status === 'requested') await approveAfterSale(s.merchantId, c.id, {}, { kind: 'merchant', id: s.owner.id }, at);
  await waitUntil(async () => (await readCase(c.id)).status === 'refunded');
  expect(order.id).toBe(o.orderId);
  return c.id;
}

const simBalance = (subMchid: string) => querySubMerchantBalance(subMchid);
/** What the platform holds from a sub-order: shared to its mchid, less what it returned. */
const platformHolds = (transactionId: string): number => {
  const shared = [...wp().profitSharing.values()]
    .filter((o) => o.transactionId === transactionId && o.kind === 'share')
    .flatMap((o) => o.receivers.filter((r) => r.receiver_account === sims.keys.wechatpay.mchid))
    .reduce((n, r) => n + r.amount, 0);
  const outOrderNos = new Set([...wp().profitSharing.values()].filter((o) => o.transactionId === transactionId).map((o) => o.outOrderNo));
  const returned = [...wp().profitSharingReturns.values()].filter((r) => outOrderNos.has(r.outOrderNo)).reduce((n, r) => n + r.amount, 0);
  return shared - returned;
};

/** Our balance equals the sum of our postings, and equals WeChat Pay's fund/balance of the store's sub-merchant. */
async function expectBalancesAgree(s: Store): Promise<void> {
  const ours = await readBalance(s.merchantId);
  expect(sumPostings(await allPostings(s.merchantId))).toEqual({ pending: ours.pending, available: ours.available, withdrawn: ours.withdrawn });
  const theirs = await simBalance(s.subMchid);
  expect({ pending: ours.pending, available: ours.available }).toEqual({ pending: theirs.pending.amount, available: theirs.available.amount });
}

describe('fee rates (AP117)', () => {
  it('finance sets the default, a category and a store rate; a rate that with the largest commission passes the 30% cap is refused with 422', async () => {
    const tooHigh = await invoke<{ error: { code: string } }>(setRateRoute, { token: financeToken, body: { scope: 'default', bps: 2001 } });
    const unknownField = await invoke<{ error: { code: string } }>(setRateRoute, { token: financeToken, body: { scope: 'default', bps: 300, capBps: 9000 } });
    const missingId = await invoke(setRateRoute, { token: financeToken, body: { scope: 'category', bps: 300 } });
    const atCap = await invoke<FeeRates>(setRateRoute, { token: financeToken, body: { scope: 'category', categoryId: otherLeaf, bps: 2000 } });
    const read = await invoke<FeeRates>(getRatesRoute, { token: financeToken });

    expect(tooHigh.status).toBe(422);
    expect(unknownField.status).toBe(400);
    expect(missingId.status).toBe(400);
    expect(atCap.status).toBe(200);
    expect(read.body).toMatchObject({ categories: { [otherLeaf]: 2000 }, capBps: 3000, maxCommissionBps: 1000 });
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'category', categoryId: otherLeaf, bps: null } });
    expect((await invoke<FeeRates>(getRatesRoute, { token: financeToken })).body.categories[otherLeaf]).toBeUndefined();
  });

  it('the rate in force is snapshotted on the order when it is placed: a later change does not move it; a store rate overrides the category', async () => {
    const s = await store('费率快照');
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'category', categoryId: leaf, bps: 800 } });
    const first = await paidOrder(s, 1000, 1);
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'category', categoryId: leaf, bps: 300 } });
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'merchant', merchantId: s.merchantId, bps: 150 } });
    const second = await paidOrder(s, 1000, 1);

    expect((await readOrder(first.orderId)).feeBps).toBe(800);
    expect((await readOrder(second.orderId)).feeBps).toBe(150);
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'merchant', merchantId: s.merchantId, bps: null } });
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'category', categoryId: leaf, bps: null } });
  });
});

describe('settlement (AP118, AP119) and the ledger (AP120-AP122)', () => {
  it('pay -> partial refund -> settle -> withdraw: fee on what was kept (floor), the rest released; our balances equal the simulator’s fund/balance at every step', async () => {
    const s = await store('结算全程');
    await invoke(setRateRoute, { token: financeToken, body: { scope: 'merchant', merchantId: s.merchantId, bps: 777 } });
    const o = await paidOrder(s, 3333, 2);
    await expectBalancesAgree(s);
    expect((await readBalance(s.merchantId)).pending).toBe(6666);

    // before shipment: one unit refunded by rule
    await refund(s, o, 1);
    await expectBalancesAgree(s);
    const closes = await received(s, o.orderId);

    expect(await processSettlement(o.orderId, new Date(closes.getTime() - 5000))).toBe('not_due');
    await settle(o.orderId, closes);

    const fee = feeOf(3333, 777); // 258.97.. -> 258
    expect(fee).toBe(258);
    const settled = await readSettlement(o.orderId);
    expect(settled).toMatchObject({ status: 'settled', kept: 3333, fee, feeBps: 777, commission: 0 });
    expect(platformHolds((await readOrder(o.orderId)).transactionId!)).toBe(fee);
    expect(await readBalance(s.merchantId)).toMatchObject({ pending: 0, available: 3333 - fee, withdrawn: 0 });
    await expectBalancesAgree(s);

    const asked = await invoke<Withdrawal>(withdrawRoute, {
      token: s.ownerToken,
      params: { merchantId: s.merchantId },
      body: { amount: { amount: 1000, currency: 'CNY' } },
      headers: { 'Idempotency-Key': `wd-${Date.now()}` },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'processing', amount: { amount: 1000 } });
    await pause(300);
    expect(await sweepWithdrawals()).toBeGreaterThanOrEqual(1);
    expect((await readWithdrawal(s.merchantId, asked.body.id)).status).toBe('succeeded');
    expect(await readBalance(s.merchantId)).toMatchObject({ pending: 0, available: 3333 - fee - 1000, withdrawn: 1000 });
    await expectBalancesAgree(s);

    const balance = await invoke<MerchantBalance>(balanceRoute, { token: s.ownerToken, params: { merchantId: s.merchantId } });
    expect(balance.body).toMatchObject({ pending: { amount: 0 }, available: { amount: 3333 - fee - 1000 }, withdrawn: { amount: 1000 } });
    const page1 = await invoke<MerchantPostingPage>(postingsRoute, { token: s.ownerToken, params: { merchantId: s.merchantId }, query: { limit: '3' } });
    const page2 = await invoke<MerchantPostingPage>(postingsRoute, {
      token: s.ownerToken,
      params: { merchantId: s.merchantId },
      query: { limit: '3', cursor: page1.body.nextCursor! },
    });
    const listed = [...page1.body.items, ...page2.body.items];
    // newest first (the settlement ran at the window's end, a week ahead of the withdrawal's clock)
    expect(listed.map((p) => p.id)).toEqual(
      listed
        .map((p) => p.id)
        .sort()
        .reverse(),
    );
    expect(listed.map((p) => p.kind).sort()).toEqual(['fee', 'payment', 'refund', 'released', 'withdrawal']);
    expect(page2.body.nextCursor).toBeNull();
    const list = await invoke<WithdrawalPage>(withdrawalsRoute, { token: s.ownerToken, params: { merchantId: s.merchantId } });
    expect(list.body.items.map((w) => [w.id, w.status])).toEqual([[asked.body.id, 'succeeded']]);
  });

  it('an order with an open after-sale case does not settle: it is looked at again later, and settles once the case is closed', async () => {
    const s = await store('未结售后');
    const o = await paidOrder(s, 2000, 1);
    const closes = await received(s, o.orderId);
    const c = await requestAfterSale(o.me.id, {
      orderId: o.orderId,
      kind: 'refund_only',
      lines: [{ skuId: o.sku.skuId, quantity: 1 }],
      reason: 'changed_mind',
    });

    expect(await processSettlement(o.orderId, closes)).toBe('postponed');
    expect(await readSettlement(o.orderId)).toBeUndefined();
    await approveAfterSale(s.merchantId, c.id, {}, { kind: 'merchant', id: s.owner.id });
    await waitUntil(async () => (await readCase(c.id)).status === 'refunded');
    await settle(o.orderId, closes);
    expect(await readSettlement(o.orderId)).toMatchObject({ status: 'settled', kept: 0, fee: 0 });
    expect(await readBalance(s.merchantId)).toMatchObject({ pending: 0, available: 0 });
    await expectBalancesAgree(s);
  });

  it('the sweeper settles a due order from its due item; a retried sweep changes nothing', async () => {
    const s = await store('扫描结算');
    const o = await paidOrder(s, 1500, 1);
    const closes = await received(s, o.orderId);
    const due = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.dueSettlementsPartition(closes.toISOString().slice(0, 13), o.orderId.charCodeAt(25) % 4).PK },
        ConsistentRead: true,
      }),
    );
    expect(due.Items?.map((i) => i.orderId)).toContain(o.orderId);

    await sweepDueSettlements(closes);
    await pause(300);
    await sweepDueSettlements(new Date(closes.getTime() + 120_000));
    await sweepDueSettlements(new Date(closes.getTime() + 240_000));

    expect((await readSettlement(o.orderId))?.status).toBe('settled');
    expect((await allPostings(s.merchantId)).map((p) => p.kind).sort()).toEqual(['fee', 'payment', 'released']);
    await expectBalancesAgree(s);
  });

  it('exactly once: profit sharing and finish-order placed by a run that died before writing are not placed again; concurrent runs post one fee and one release', async () => {
    const s = await store('崩溃结算');
    const o = await paidOrder(s, 5000, 1);
    const closes = await received(s, o.orderId);
    const transactionId = (await readOrder(o.orderId)).transactionId!;
    const fee = feeOf(5000, 500);
    // a first run asked WeChat Pay and died before its write
    await createProfitSharing({
      subMchid: s.subMchid,
      transactionId,
      outOrderNo: sharingNoOf(o.orderId),
      receivers: [{ type: 'MERCHANT_ID', receiverAccount: sims.keys.wechatpay.mchid, amount: { amount: fee, currency: 'CNY' }, description: '平台服务费' }],
    });

    await Promise.all([processSettlement(o.orderId, closes).catch(() => 'raced'), processSettlement(o.orderId, closes).catch(() => 'raced')]);
    expect((await readSettlement(o.orderId))?.status).toBe('sharing');
    await waitUntil(() => [...wp().profitSharing.values()].every((x) => x.status === 'FINISHED'));
    // a run that saw the sharing finished, asked WeChat Pay to finish the order and died before writing
    await finishProfitSharing({ subMchid: s.subMchid, transactionId, outOrderNo: finishNoOf(o.orderId), description: '订单结算' });
    await Promise.all([processSettlement(o.orderId, closes).catch(() => 'raced'), processSettlement(o.orderId, closes).catch(() => 'raced')]);
    await processSettlement(o.orderId, closes);

    expect((await readSettlement(o.orderId))?.status).toBe('settled');
    expect(
      [...wp().profitSharing.values()]
        .filter((x) => x.transactionId === transactionId)
        .map((x) => x.kind)
        .sort(),
    ).toEqual(['finish', 'share']);
    expect(platformHolds(transactionId)).toBe(fee);
    expect((await allPostings(s.merchantId)).map((p) => p.kind).sort()).toEqual(['fee', 'payment', 'released']);
    await expectBalancesAgree(s);
  });

  it('the payment posting is written once however often its OrderPaid event is delivered', async () => {
    const s = await store('支付入账');
    const o = await paidOrder(s, 1200, 1);
    const events = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.order(o.orderId).PK, ':p': 'EVENT#' },
        ConsistentRead: true,
      }),
    );
    const paidEvent = events.Items!.find((e) => e.type === 'OrderPaid')!;
    const record = (n: number) => ({
      eventID: `ev-${o.orderId}-${n}`,
      eventName: 'INSERT' as const,
      dynamodb: { SequenceNumber: String(n), NewImage: marshall(paidEvent, { removeUndefinedValues: true }) as never },
    });
    const event: DynamoDBStreamEvent = { Records: [record(1), record(2), record(3)] };

    const out = await paymentConsumer(event);
    await paymentConsumer(event);

    expect(out).toEqual({ batchItemFailures: [] });
    expect((await allPostings(s.merchantId)).filter((p) => p.kind === 'payment')).toHaveLength(1);
    expect((await readBalance(s.merchantId)).pending).toBe(1200);
  });

  it('a refund after settlement first returns the platform’s share of it (returnorders), then comes out of the available money; once after a retry', async () => {
    const s = await store('结算后退款');
    const o = await paidOrder(s, 2999, 2);
    const closes = await received(s, o.orderId);
    await settle(o.orderId, closes);
    const transactionId = (await readOrder(o.orderId)).transactionId!;
    const fee = feeOf(5998, 500);
    expect(platformHolds(transactionId)).toBe(fee);

    // asked within the window (before it closed), refunded after the settlement
    const inWindow = new Date(closes.getTime() - 86_400_000);
    const c = await requestAfterSale(
      o.me.id,
      { orderId: o.orderId, kind: 'refund_only', lines: [{ skuId: o.sku.skuId, quantity: 1 }], reason: 'damaged' },
      inWindow,
    );
    // a run that returned the share and died before the refund: the return is not made twice
    expect(await returnShareBeforeRefund(o.orderId, c.id, 2999)).toEqual({ go: true, fromAvailable: true });
    await approveAfterSale(s.merchantId, c.id, {}, { kind: 'merchant', id: s.owner.id }, inWindow);
    await waitUntil(async () => (await readCase(c.id)).status === 'refunded');
    await processRefund(c.id);

    const returns = [...wp().profitSharingReturns.values()].filter((r) => r.outOrderNo === sharingNoOf(o.orderId));
    expect(returns.map((r) => r.amount)).toEqual([fee - feeOf(2999, 500)]);
    expect(platformHolds(transactionId)).toBe(feeOf(5998 - 2999, 500));
    const ours = await readBalance(s.merchantId);
    expect(ours).toMatchObject({ pending: 0, available: 5998 - 2999 - feeOf(2999, 500) });
    expect(ours.available + platformHolds(transactionId)).toBe(5998 - (await readLedger(o.orderId))!.refunded);
    await expectBalancesAgree(s);
  });

  it('a refund while the settlement is in flight waits for it (the sweeper tries again)', async () => {
    const s = await store('结算中退款');
    const o = await paidOrder(s, 4000, 1);
    const closes = await received(s, o.orderId);
    const inWindow = new Date(closes.getTime() - 86_400_000);
    const c = await requestAfterSale(
      o.me.id,
      { orderId: o.orderId, kind: 'refund_only', lines: [{ skuId: o.sku.skuId, quantity: 1 }], reason: 'damaged' },
      inWindow,
    );
    // the settlement started from a read that saw no open case (a case made right at the window's end)
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.settlement(o.orderId),
            entity: 'Settlement',
            orderId: o.orderId,
            merchantId: s.merchantId,
            subMchid: s.subMchid,
            transactionId: (await readOrder(o.orderId)).transactionId!,
            feeBps: 500,
            paid: 4000,
            kept: 4000,
            fee: 200,
            commission: 0,
            status: 'sharing',
            outOrderNo: sharingNoOf(o.orderId),
            finishOutOrderNo: finishNoOf(o.orderId),
            sharingOrderId: null,
            refundedAfter: 0,
            returned: 0,
            refundsAfter: {},
            startedAt: closes.toISOString(),
            settledAt: null,
            version: 1,
          },
        },
      },
    ]);
    await approveAfterSale(s.merchantId, c.id, {}, { kind: 'merchant', id: s.owner.id }, inWindow);

    expect((await readCase(c.id)).status).toBe('refunding');
    expect([...wp().refunds.values()].filter((r) => r.outRefundNo.endsWith(c.id))).toHaveLength(0);
    await settle(o.orderId, closes);
    expect(await processRefund(c.id)).toMatch(/processing|refunded/);
    await waitUntil(async () => (await readCase(c.id)).status === 'refunded');
    expect(await readBalance(s.merchantId)).toMatchObject({ pending: 0, available: 0 });
    expect(platformHolds((await readOrder(o.orderId)).transactionId!)).toBe(0);
    await expectBalancesAgree(s);
  });
});

describe('withdrawals (AP123, AP124)', () => {
  async function settledStore(label: string, price: number) {
    const s = await store(label);
    const o = await paidOrder(s, price, 1);
    await settle(o.orderId, await received(s, o.orderId));
    return s;
  }

  it('more than OUR available balance is refused with 422 (whatever the client thinks), nothing posted; a repeat of the same Idempotency-Key is the same withdrawal', async () => {
    const s = await settledStore('提现校验', 1000);
    const available = (await readBalance(s.merchantId)).available;
    const tooMuch = await invoke<{ error: { code: string } }>(withdrawRoute, {
      token: s.ownerToken,
      params: { merchantId: s.merchantId },
      body: { amount: { amount: available + 1, currency: 'CNY' } },
      headers: { 'Idempotency-Key': `wd-much-${Date.now()}` },
    });
    const key = `wd-same-${Date.now()}`;
    const send = () =>
      invoke<Withdrawal>(withdrawRoute, {
        token: s.ownerToken,
        params: { merchantId: s.merchantId },
        body: { amount: { amount: 100, currency: 'CNY' } },
        headers: { 'Idempotency-Key': key },
      });
    const first = await send();
    const again = await send();

    expect(tooMuch.status).toBe(422);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await allPostings(s.merchantId)).filter((p) => p.kind === 'withdrawal')).toHaveLength(1);
    expect([...wp().withdrawals.values()].filter((w) => w.subMchid === s.subMchid)).toHaveLength(1);
  });

  it('a re-run after a crash (same idempotency reference, the withdrawal applied at WeChat Pay before the host died) applies it once', async () => {
    const s = await settledStore('提现崩溃', 1000);
    const reference = `crash-${Date.now()}`;
    const made = await createWithdrawal(s.merchantId, { amount: { amount: 200, currency: 'CNY' } }, reference);
    // the host died after its transaction; WeChat Pay got the apply; the re-run answers the same withdrawal
    await applyWithdrawal({ subMchid: s.subMchid, outRequestNo: outRequestNoOf(made.id), amount: { amount: 200, currency: 'CNY' } });
    const rerun = await createWithdrawal(s.merchantId, { amount: { amount: 200, currency: 'CNY' } }, reference);
    await pause(300);
    await processWithdrawal(s.merchantId, made.id);
    await processWithdrawal(s.merchantId, made.id);

    expect(rerun.id).toBe(made.id);
    expect((await readWithdrawal(s.merchantId, made.id)).status).toBe('succeeded');
    expect([...wp().withdrawals.values()].filter((w) => w.subMchid === s.subMchid).map((w) => w.amount)).toEqual([200]);
    await expectBalancesAgree(s);
  });

  it('a withdrawal WeChat Pay fails returns the money to available, once', async () => {
    const s = await settledStore('提现失败', 1000);
    const before = await readBalance(s.merchantId);
    await fetch(`${sims.baseUrl}/_sim/wechatpay/withdrawals-fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fail: true }),
    });
    const w = await createWithdrawal(s.merchantId, { amount: { amount: 300, currency: 'CNY' } }, undefined);
    await fetch(`${sims.baseUrl}/_sim/wechatpay/withdrawals-fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fail: false }),
    });
    await pause(300);
    await processWithdrawal(s.merchantId, w.id);
    await processWithdrawal(s.merchantId, w.id);

    expect(await readWithdrawal(s.merchantId, w.id)).toMatchObject({ status: 'failed', failReason: expect.any(String) });
    expect(await readBalance(s.merchantId)).toMatchObject({ available: before.available, withdrawn: 0 });
    expect((await allPostings(s.merchantId)).filter((p) => p.kind === 'withdrawal_returned')).toHaveLength(1);
    await expectBalancesAgree(s);
  });
});

describe('reconciliation', () => {
  it('merchant-balances and merchant-posting-references find nothing on this file’s table, and name a balance changed behind the ledger', async () => {
    const clean = await scanTable();
    expect(await merchantBalances.run(clean)).toEqual([]);
    expect(await merchantPostingReferences.run(clean)).toEqual([]);

    const s = await settledStoreForReconcile();
    await transact([
      { Update: { TableName: tableName(), Key: keys.merchantBalance(s), UpdateExpression: 'ADD available :one', ExpressionAttributeValues: { ':one': 1 } } },
    ]);
    const tampered = await merchantBalances.run(await scanTable());
    expect(tampered).toEqual([{ key: `MERCHANT#${s}|BALANCE`, detail: expect.stringContaining('available') }]);
    await transact([
      { Update: { TableName: tableName(), Key: keys.merchantBalance(s), UpdateExpression: 'ADD available :one', ExpressionAttributeValues: { ':one': -1 } } },
    ]);
  });

  async function settledStoreForReconcile(): Promise<string> {
    const s = await store('对账');
    await paidOrder(s, 800, 1);
    return s.merchantId;
  }
});

describe('property: random sequences of pay, partial and full refunds, settle and withdraw', () => {
  it('per order the merchant’s money plus the platform’s is paid minus refunded, to the fen; no balance differs from its postings or from WeChat Pay', async () => {
    const op = fc.record({
      price: fc.integer({ min: 1, max: 9999 }),
      units: fc.integer({ min: 1, max: 3 }),
      bps: fc.integer({ min: 0, max: 2000 }),
      before: fc.integer({ min: 0, max: 3 }),
      after: fc.integer({ min: 0, max: 3 }),
      withdraw: fc.integer({ min: 0, max: 100 }),
    });
    await fc.assert(
      fc.asyncProperty(op, async ({ price, units, bps, before, after, withdraw }) => {
        const s = await store('性质');
        await invoke(setRateRoute, { token: financeToken, body: { scope: 'merchant', merchantId: s.merchantId, bps } });
        const o = await paidOrder(s, price, units);
        const refundBefore = Math.min(before, units);
        if (refundBefore > 0) await refund(s, o, refundBefore);
        const refundAfter = Math.min(after, units - refundBefore);
        if (refundBefore < units) {
          const closes = await received(s, o.orderId);
          await settle(o.orderId, closes);
          if (refundAfter > 0) await refund(s, o, refundAfter, new Date(closes.getTime() - 86_400_000));
          const available = (await readBalance(s.merchantId)).available;
          const amount = Math.floor((available * withdraw) / 100);
          if (amount > 0) {
            await createWithdrawal(s.merchantId, { amount: { amount, currency: 'CNY' } }, undefined);
            await pause(250);
            await sweepWithdrawals();
          }
        }
        const order = await readOrder(o.orderId);
        const refunded = (await readLedger(o.orderId))?.refunded ?? 0;
        const sub = [...wp().combine.values()].flatMap((c) => c.subOrders).find((x) => x.transactionId === order.transactionId)!;
        const postings = (await allPostings(s.merchantId)).filter((p) => p.orderId === o.orderId);
        const merchantFromOrder = postings.reduce((n, p) => n + p.pending + p.available, 0);

        expect(refunded).toBe((refundBefore + refundAfter) * price);
        expect(sub.refunded ?? 0).toBe(refunded);
        expect(merchantFromOrder + platformHolds(order.transactionId!)).toBe(o.total - refunded);
        if (refundBefore < units) expect(platformHolds(order.transactionId!)).toBe(feeOf(o.total - refunded, bps));
        await expectBalancesAgree(s);
      }),
      { numRuns: 12 },
    );
  });
});
