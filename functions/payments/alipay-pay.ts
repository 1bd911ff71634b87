/**
 * Paying a checkout with Alipay 直付通 (the Alipay build): one merged trade per checkout, one trade per
 * store settled to the store's smid; notification, query, close and late refunds.
 * See docs/adr/0047-alipay-payments.md (and 0032 for the model).
 *
 * start, primary course:
 *   1. one BatchGet: the checkout and its started payment (AP79);
 *   2. refuse another shopper's (404), a checkout not pending or past payBy (409), a payment started
 *      through another channel (409);
 *   3. a merged trade already placed: answer its pre_order_no;
 *   4. else (first start) the shopper's Alipay user id (AP88, 422 alipay_payer_unknown), the stores'
 *      smids and names (one BatchGet; more than 10 stores or a store without smid: 422), then the
 *      payment record with the merged trade exactly as it will be placed, and the due queries (AP80),
 *      in one conditional transaction;
 *   5. alipay.trade.merge.precreate with the recorded trade (Alipay, and the simulator, answer the same
 *      pre_order_no for the same out_merge_no), and keep the pre_order_no.
 * settle (notification or query, per store's trade): app and seller ours, out_trade_no one of the
 * checkout's trades, the amount exactly the trade's; the trade is recorded paid once (AP87); when every
 * trade is, markCheckoutPaid. A trade landing on a cancelled checkout is a LatePayment of its own.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, putIfAbsent } from '../lib/table-ops';
import { ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { alipayConfig } from '../lib/adapters/config';
import { AlipayApiError, type AlipayTrade, closeTrade, createMergedTrade, queryTrade } from '../lib/adapters/alipay';
import { CheckoutItem, OrderItem } from '../orders/items';
import { markCheckoutPaid, recordLatePayment, type PaidSubOrder, type PaymentOutcome } from '../orders/checkout';
import { AlipayPaidTradeItem, CheckoutPaymentItem, type PaymentAnomalyItem } from './items';
import { duePaymentQueryPuts } from './due-queries';

/** Alipay's limit of trades in one merged payment (ADR 0032). */
export const MAX_ALIPAY_MERGED_TRADES = 10;
const PAY_MARGIN_MS = 2000;

type AlipayPayment = CheckoutPaymentItem & { alipay: NonNullable<CheckoutPaymentItem['alipay']> };
type RecordedTrade = AlipayPayment['alipay']['trades'][number];
export type AlipaySource = Extract<PaymentAnomalyItem['source'], 'alipay_notify' | 'alipay_query'>;
/** A trade's payment as Alipay reported it (notification or query). */
export interface PaidTrade {
  outTradeNo: string;
  tradeNo: string;
  totalFen: number;
  /** Notifications name the seller (our platform account); queries do not. */
  sellerId?: string;
}
export type AlipayOutcome = PaymentOutcome | { outcome: 'trade_recorded'; checkoutId: string };

const isPaid = (s: AlipayTrade['tradeStatus'] | undefined): boolean => s === 'TRADE_SUCCESS' || s === 'TRADE_FINISHED';
const settled = (o: { outcome: string }): boolean => o.outcome === 'applied' || o.outcome === 'already_applied';

async function loadCheckout(checkoutId: string): Promise<{ checkout: CheckoutItem; payment?: CheckoutPaymentItem } | undefined> {
  const found = await batchGet([keys.checkout(checkoutId), keys.checkoutPayment(checkoutId)], true);
  const raw = found.get(keyString(keys.checkout(checkoutId)));
  if (!raw) return undefined;
  const payment = found.get(keyString(keys.checkoutPayment(checkoutId)));
  return { checkout: CheckoutItem.parse(raw), payment: payment ? CheckoutPaymentItem.parse(payment) : undefined };
}

const asAlipay = (p: CheckoutPaymentItem | undefined): AlipayPayment | undefined => (p?.channel === 'alipay' && p.alipay ? (p as AlipayPayment) : undefined);

/** The user_id Alipay sign-in stored as the identity's subject (AP88), or undefined. */
export async function alipayUserIdOf(userId: string): Promise<string | undefined> {
  const prefix = keys.alipayIdentityPrefix(userId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': prefix.PK, ':p': prefix.SKPrefix },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const subject = out.Items?.[0]?.subject;
  return typeof subject === 'string' ? subject : undefined;
}

/** The merged trade of a checkout: one trade per store (out_trade_no = the order's), each settled to the store's smid. */
async function mergedTradeOf(checkout: CheckoutItem): Promise<RecordedTrade[]> {
  if (checkout.subOrders.length > MAX_ALIPAY_MERGED_TRADES)
    throw new UnprocessableError(
      `Alipay pays at most ${MAX_ALIPAY_MERGED_TRADES} stores in one payment: this checkout has ${checkout.subOrders.length}`,
      'cannot_checkout',
    );
  const found = await batchGet(
    checkout.subOrders.flatMap((s) => [keys.merchant(s.merchantId), keys.order(s.orderId)]),
    true,
  );
  return checkout.subOrders.map((s) => {
    const store = found.get(keyString(keys.merchant(s.merchantId)));
    const smid = typeof store?.alipaySmid === 'string' ? store.alipaySmid : undefined;
    const name = OrderItem.parse(found.get(keyString(keys.order(s.orderId)))).storeName;
    if (!smid) throw new UnprocessableError(`${name} cannot be paid with Alipay yet (no Alipay sub-merchant)`, 'cannot_checkout');
    return { orderId: s.orderId, outTradeNo: s.outTradeNo, smid, amountFen: s.amount.amount, subject: name.slice(0, 256) };
  });
}

/** The payment record with its merged trade and due queries (AP79, AP80), once: a concurrent start gets the one written. */
async function recordStart(checkout: CheckoutItem, alipay: AlipayPayment['alipay'], now: Date): Promise<AlipayPayment> {
  const item: AlipayPayment = {
    entity: 'CheckoutPayment',
    checkoutId: checkout.id,
    userId: checkout.userId,
    channel: 'alipay',
    startedAt: now.toISOString(),
    alipay,
  };
  const table = tableName();
  const dues = duePaymentQueryPuts(checkout.id, now);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { ...keys.checkoutPayment(checkout.id), ...item }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ...dues,
        ],
      }),
    );
    return item;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const again = (await loadCheckout(checkout.id))?.payment;
    const recorded = asAlipay(again);
    if (!recorded)
      throw new ConflictError(`This checkout is being paid through ${again?.channel ?? 'another channel'}: continue there`, 'checkout_not_payable');
    return recorded;
  }
}

/**
 * `POST /me/checkouts/{checkoutId}/pay` with channel `alipay`: the merged trade's pre_order_no for
 * `my.tradePay`. See the module comment for the steps.
 * @throws 404 (not the shopper's), 409 checkout_not_payable, 422 alipay_payer_unknown / cannot_checkout
 */
export async function startAlipayPayment(userId: string, checkoutId: string, now = new Date()): Promise<StartPaymentResult> {
  const loaded = await loadCheckout(checkoutId);
  if (!loaded || loaded.checkout.userId !== userId) throw new NotFoundError('checkout');
  const { checkout } = loaded;
  if (checkout.status !== 'pending_payment') throw new ConflictError(`The checkout is ${checkout.status}`, 'checkout_not_payable');
  if (Date.parse(checkout.payBy) - PAY_MARGIN_MS <= now.getTime()) throw new ConflictError('The time to pay this checkout is over', 'checkout_not_payable');
  if (loaded.payment && loaded.payment.channel !== 'alipay')
    throw new ConflictError(`This checkout is being paid through ${loaded.payment.channel}: continue there`, 'checkout_not_payable');
  const answer = (preOrderNo: string): StartPaymentResult => ({ channel: 'alipay', checkoutId, payBy: checkout.payBy, preOrderNo });
  let payment = asAlipay(loaded.payment);
  if (payment?.preOrderNo) return answer(payment.preOrderNo);
  if (!payment) {
    const buyerId = await alipayUserIdOf(userId);
    if (!buyerId) throw new UnprocessableError('Sign in with Alipay in the mini-program to pay with Alipay', 'alipay_payer_unknown');
    payment = await recordStart(checkout, { outMergeNo: checkout.combineOutTradeNo, buyerId, trades: await mergedTradeOf(checkout) }, now);
    if (payment.preOrderNo) return answer(payment.preOrderNo);
  }
  const { preOrderNo } = await placeMerged(payment.alipay);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.checkoutPayment(checkoutId),
      UpdateExpression: 'SET preOrderNo = :p',
      ExpressionAttributeValues: { ':p': preOrderNo },
    }),
  );
  return answer(preOrderNo);
}

/** The recorded merged trade, placed as recorded (a retry sends the identical request); Alipay's refusals a shopper can act on are 409. */
async function placeMerged(alipay: AlipayPayment['alipay']): Promise<{ preOrderNo: string }> {
  try {
    return await createMergedTrade({
      outMergeNo: alipay.outMergeNo,
      buyerId: alipay.buyerId,
      orders: alipay.trades.map((t) => ({ outTradeNo: t.outTradeNo, amountFen: t.amountFen, subject: t.subject, subMerchantId: t.smid })),
    });
  } catch (err) {
    if (err instanceof AlipayApiError && (err.subCode === 'ACQ.TRADE_HAS_SUCCESS' || err.subCode === 'ACQ.TRADE_HAS_CLOSE'))
      throw new ConflictError(`Alipay: ${err.subCode}`, 'checkout_not_payable');
    throw err;
  }
}

async function recordAnomaly(
  source: AlipaySource,
  ref: string,
  checkoutId: string,
  reason: string,
  payment: Record<string, unknown>,
  now: Date,
): Promise<void> {
  logger.error('payment anomaly', { source, ref, checkoutId, reason });
  const item: PaymentAnomalyItem = { entity: 'PaymentAnomaly', source, ref, checkoutId, reason, payment, recordedAt: now.toISOString() };
  // NOTE: once per notification id (Alipay retries with the same notify_id) or per queried trade
  await putIfAbsent({ ...keys.paymentAnomaly(source, ref), ...item });
}

const paidSubOrder = (t: RecordedTrade, tradeNo: string): PaidSubOrder => ({
  outTradeNo: t.outTradeNo,
  amount: t.amountFen,
  currency: 'CNY',
  subMchid: t.smid,
  transactionId: tradeNo,
});

/**
 * Applies one store's verified, paid Alipay trade (a notification or a query) to its checkout, once.
 * @returns `trade_recorded` while other stores' trades are unpaid; the checkout's outcome otherwise
 */
export async function applyPaidTrade(t: PaidTrade, source: AlipaySource, ref: string, now = new Date()): Promise<AlipayOutcome> {
  const summary = { outTradeNo: t.outTradeNo, tradeNo: t.tradeNo, totalFen: t.totalFen, sellerId: t.sellerId ?? null };
  const refuse = async (checkoutId: string, reason: string): Promise<AlipayOutcome> => {
    await recordAnomaly(source, ref, checkoutId, reason, summary, now);
    return { outcome: 'rejected', checkoutId, reason };
  };
  const { sellerId } = alipayConfig();
  if (sellerId && t.sellerId !== undefined && t.sellerId !== sellerId) return refuse(t.outTradeNo, `trade of seller ${t.sellerId}, not ours`);
  // out_trade_no is the store's order id: the order names its checkout
  const orderRaw = (await batchGet([keys.order(t.outTradeNo)], true)).get(keyString(keys.order(t.outTradeNo)));
  if (!orderRaw) return refuse(t.outTradeNo, 'no such order');
  const checkoutId = OrderItem.parse(orderRaw).checkoutId;
  const loaded = await loadCheckout(checkoutId);
  const payment = asAlipay(loaded?.payment);
  if (!loaded || !payment) return refuse(checkoutId, 'not an Alipay payment of ours');
  const mine = payment.alipay.trades.find((x) => x.outTradeNo === t.outTradeNo);
  if (!mine) return refuse(checkoutId, `trade ${t.outTradeNo} is not one of the checkout's`);
  if (t.totalFen !== mine.amountFen) return refuse(checkoutId, `trade ${t.outTradeNo}: amount ${t.totalFen} fen is not ${mine.amountFen} fen`);

  const paid: AlipayPaidTradeItem = {
    entity: 'AlipayPaidTrade',
    checkoutId,
    outTradeNo: t.outTradeNo,
    tradeNo: t.tradeNo,
    smid: mine.smid,
    amountFen: t.totalFen,
    source,
    recordedAt: now.toISOString(),
  };
  await recordPaidTrade(paid);
  // read again after the write: a cancel committed before this read is seen here; one committed after it
  // finds this trade recorded (refundTradesPaidBeforeCancel), so the trade is refunded either way
  const checkout = (await loadCheckout(checkoutId))!.checkout;
  if (checkout.status === 'cancelled') {
    // this store's money landed after the cancel: refunded on its own (the other trades may never be paid)
    await recordLatePayment(checkout, { transactionId: t.tradeNo, subOrders: [paidSubOrder(mine, t.tradeNo)], channel: 'alipay' }, 'after_cancel', now);
    logger.warn('payment to refund', { checkoutId, outTradeNo: t.outTradeNo, source });
    return { outcome: 'refund_required', checkoutId, reason: 'after_cancel' };
  }
  if (checkout.status === 'paid') return { outcome: 'already_applied', checkoutId };
  return settleIfAllPaid(checkoutId, payment, now, source, ref, summary);
}

/** AP87: records one store's trade paid, once (a copy of the notification, or the query, writes nothing). @returns whether written */
export const recordPaidTrade = (paid: AlipayPaidTradeItem): Promise<boolean> =>
  putIfAbsent({ ...keys.alipayPaidTrade(paid.checkoutId, paid.outTradeNo), ...paid });

/** AP87: the checkout's trades recorded paid, in the order asked (undefined: not paid yet), read consistently. */
export async function paidTradesOf(checkoutId: string, outTradeNos: string[]): Promise<(AlipayPaidTradeItem | undefined)[]> {
  const found = await batchGet(
    outTradeNos.map((no) => keys.alipayPaidTrade(checkoutId, no)),
    true,
  );
  return outTradeNos.map((no) => {
    const raw = found.get(keyString(keys.alipayPaidTrade(checkoutId, no)));
    return raw ? AlipayPaidTradeItem.parse(raw) : undefined;
  });
}

/** markCheckoutPaid once every store's trade is recorded paid (AP87); the payment id is the trade_no of the first trade by our number. */
async function settleIfAllPaid(
  checkoutId: string,
  payment: AlipayPayment,
  now: Date,
  source: AlipaySource,
  ref: string,
  summary: Record<string, unknown>,
): Promise<AlipayOutcome> {
  const trades = [...payment.alipay.trades].sort((a, b) => (a.outTradeNo < b.outTradeNo ? -1 : 1));
  const paid = await paidTradesOf(
    checkoutId,
    trades.map((t) => t.outTradeNo),
  );
  if (paid.some((p) => !p)) return { outcome: 'trade_recorded', checkoutId };
  const items = paid as AlipayPaidTradeItem[];
  const outcome = await markCheckoutPaid(
    checkoutId,
    {
      transactionId: items[0]!.tradeNo,
      subOrders: trades.map((t, i) => paidSubOrder(t, items[i]!.tradeNo)),
      channel: 'alipay',
      payees: Object.fromEntries(trades.map((t) => [t.outTradeNo, t.smid])),
    },
    now,
  );
  if (outcome.outcome === 'rejected') {
    await recordAnomaly(source, ref, checkoutId, outcome.reason, summary, now);
    return outcome;
  }
  if (outcome.outcome === 'refund_required') logger.warn('payment to refund', { checkoutId, reason: outcome.reason, source });
  return outcome;
}

/** Every trade of the merged payment as Alipay has it now (undefined: never created there). */
async function queryTrades(payment: AlipayPayment): Promise<{ trade: RecordedTrade; state?: AlipayTrade }[]> {
  return Promise.all(
    payment.alipay.trades.map(async (trade) => {
      try {
        return { trade, state: await queryTrade({ outTradeNo: trade.outTradeNo }) };
      } catch (err) {
        if (err instanceof AlipayApiError && err.subCode === 'ACQ.TRADE_NOT_EXIST') return { trade };
        throw err;
      }
    }),
  );
}

const applyQueried = (state: AlipayTrade, now: Date): Promise<AlipayOutcome> =>
  applyPaidTrade(
    { outTradeNo: state.outTradeNo, tradeNo: state.tradeNo, totalFen: state.totalFen },
    'alipay_query',
    `${state.outTradeNo}#${state.tradeNo}`,
    now,
  );

/** Asks Alipay about every trade of the checkout and applies the paid ones. @returns whether the checkout is (now) paid */
async function queryAndSettle(payment: AlipayPayment, now: Date): Promise<{ paid: boolean; trades: { trade: RecordedTrade; state?: AlipayTrade }[] }> {
  const trades = await queryTrades(payment);
  let paid = false;
  for (const t of trades) if (t.state && isPaid(t.state.tradeStatus) && settled(await applyQueried(t.state, now))) paid = true;
  return { paid, trades };
}

/** The due query (AP80) and sync-payment for an Alipay checkout: each store's trade asked about, the paid ones applied. */
export async function queryAlipayPayment(payment: CheckoutPaymentItem, now = new Date()): Promise<void> {
  const alipay = asAlipay(payment);
  if (alipay) await queryAndSettle(alipay, now);
}

/**
 * Before an Alipay checkout is cancelled (sweeper or shopper): all trades paid -> the checkout is settled
 * instead; else the unpaid trades are closed (`alipay.trade.close`) so nothing can land after the cancel,
 * and the trades already paid, which can no longer complete the checkout, are refunded (LatePayment).
 */
export async function closeOrSettleAlipay(checkout: CheckoutItem, payment: CheckoutPaymentItem, now = new Date()): Promise<'paid' | 'closed'> {
  const alipay = asAlipay(payment);
  if (!alipay) return 'closed';
  const queried = await queryAndSettle(alipay, now);
  if (queried.paid) return 'paid';
  const paidTrades: AlipayTrade[] = queried.trades.flatMap((t) => (t.state && isPaid(t.state.tradeStatus) ? [t.state] : []));
  for (const { trade, state } of queried.trades) {
    if (state?.tradeStatus !== 'WAIT_BUYER_PAY') continue;
    try {
      await closeTrade({ outTradeNo: trade.outTradeNo });
    } catch (err) {
      if (err instanceof AlipayApiError && err.subCode === 'ACQ.TRADE_NOT_EXIST') continue;
      if (!(err instanceof AlipayApiError) || err.subCode !== 'ACQ.TRADE_STATUS_ERROR') throw err;
      // paid (or closed) between the query and the close: ask again
      const again = await queryTrade({ outTradeNo: trade.outTradeNo });
      if (isPaid(again.tradeStatus)) {
        if (settled(await applyQueried(again, now))) return 'paid';
        paidTrades.push(again);
      }
    }
  }
  for (const paid of paidTrades) {
    const mine = alipay.alipay.trades.find((t) => t.outTradeNo === paid.outTradeNo)!;
    await recordLatePayment(checkout, { transactionId: paid.tradeNo, subOrders: [paidSubOrder(mine, paid.tradeNo)], channel: 'alipay' }, 'after_cancel', now);
  }
  return 'closed';
}

/**
 * After a checkout is cancelled: its Alipay trades recorded paid (AP87) meanwhile — a notification applied
 * while the cancel was under way — become LatePayments to refund (once per trade). Not Alipay: nothing.
 */
export async function refundTradesPaidBeforeCancel(checkoutId: string, now = new Date()): Promise<number> {
  const loaded = await loadCheckout(checkoutId);
  const payment = asAlipay(loaded?.payment);
  if (!loaded || !payment || loaded.checkout.status !== 'cancelled') return 0;
  const paid = await paidTradesOf(
    checkoutId,
    payment.alipay.trades.map((t) => t.outTradeNo),
  );
  let recorded = 0;
  for (const [i, p] of paid.entries()) {
    if (!p) continue;
    const mine = payment.alipay.trades[i]!;
    await recordLatePayment(loaded.checkout, { transactionId: p.tradeNo, subOrders: [paidSubOrder(mine, p.tradeNo)], channel: 'alipay' }, 'after_cancel', now);
    recorded += 1;
  }
  return recorded;
}

/** Our alipay.trade.refund out_request_no of one trade of a checkout: the same on every retry and for every record of that trade. */
export const alipayLateRefundNo = (checkoutId: string, outTradeNo: string): string =>
  `LR${createHash('sha256').update(`alipay|${checkoutId}|${outTradeNo}`).digest('hex').slice(0, 40)}`;
