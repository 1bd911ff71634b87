/**
 * Paying a checkout with WeChat Pay (电商收付通 combine order): start, notification, query, close.
 * See docs/adr/0046-payments-notify-query-close.md.
 *
 * start, primary course:
 *   1. one BatchGet: the checkout, its started payment (AP79) and the shopper's openid;
 *   2. refuse another shopper's (404), a checkout not pending or past payBy (409), a JSAPI payer
 *      without openid (422), an H5 returnUrl off our origin (400);
 *   3. a payment already started: re-sign its prepay_id (JSAPI) or answer its cashier URL (H5);
 *   4. else record the payment (channel, due queries AP80) with a conditional put, then place the
 *      combine order with WeChat Pay (the same number with the same sub-orders returns the same
 *      prepay, so a retry after a crash is safe) and keep its prepay.
 * settle (notification or query): our mchid and appid, every sub-order SUCCESS, then markCheckoutPaid;
 * a verified payment that matches no checkout of ours, or not its amounts, is a PaymentAnomaly (AP81).
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentInput, StartPaymentResult } from '@wxshop/shared/payments';
import { db, tableName } from '../lib/table';
import { keys, type Key } from '../lib/keys';
import { batchGet, keyString, putIfAbsent } from '../lib/table-ops';
import { AppError, BadRequestError, ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { wechatPayConfig } from '../lib/adapters/config';
import { WechatPayApiError, buildRequestPaymentParams } from '../lib/adapters/wechatpay';
import {
  type CombineOrderInput,
  type CombineTransaction,
  closeCombine,
  createCombineH5,
  createCombineJsapi,
  queryCombine,
} from '../lib/adapters/wechatpay-ecommerce';
import { CheckoutItem, OrderItem } from '../orders/items';
import { cancelCheckout, getCheckout, markCheckoutPaid, type PaymentOutcome } from '../orders/checkout';
import { cancelMyOrder, readOrder } from '../orders/orders';
import type { Actor } from '../orders/state-machine';
import type { Order } from '@wxshop/shared/orders';
import { ExternalServiceError } from '../lib/adapters/config';
import { CheckoutPaymentItem, type PaymentAnomalyItem } from './items';
import { h5Origin } from './config';
import { duePaymentQueryPuts } from './due-queries';
import { closeOrSettleAlipay, queryAlipayPayment, refundTradesPaidBeforeCancel, startAlipayPayment } from './alipay-pay';

/** A payment cannot start in the last moments before payBy (WeChat Pay takes time_expire in whole seconds). */
const PAY_MARGIN_MS = 2000;

interface Loaded {
  checkout: CheckoutItem;
  payment?: CheckoutPaymentItem;
  openid?: string;
}

/** The keys `startPayment` reads first (the checkout, its payment, the payer's openid): the route's prefetch (ADR 0051). */
export function startPaymentKeys(userId: string, checkoutId: string, input: Pick<StartPaymentInput, 'channel'>): Key[] {
  if (input.channel === 'alipay') return [];
  return loadKeys(checkoutId, input.channel === 'wechat_jsapi' ? userId : undefined);
}

function loadKeys(checkoutId: string, withPayerOf?: string): Key[] {
  const wanted = [keys.checkout(checkoutId), keys.checkoutPayment(checkoutId)];
  if (withPayerOf) wanted.push(keys.wechatPayer(withPayerOf, wechatPayConfig().appid));
  return wanted;
}

/** @param read the items of `loadKeys` if already read (with the session check) */
async function load(checkoutId: string, withPayerOf?: string, read?: Map<string, Record<string, unknown>>): Promise<Loaded | undefined> {
  const found = read ?? (await batchGet(loadKeys(checkoutId, withPayerOf), true));
  const raw = found.get(keyString(keys.checkout(checkoutId)));
  if (!raw) return undefined;
  const payment = found.get(keyString(keys.checkoutPayment(checkoutId)));
  const payer = withPayerOf ? found.get(keyString(keys.wechatPayer(withPayerOf, wechatPayConfig().appid))) : undefined;
  return {
    checkout: CheckoutItem.parse(raw),
    payment: payment ? CheckoutPaymentItem.parse(payment) : undefined,
    openid: typeof payer?.openid === 'string' ? payer.openid : undefined,
  };
}

/** The combine order of a checkout, as we place it every time (identical input: WeChat Pay answers the same prepay). */
async function combineInput(checkout: CheckoutItem): Promise<CombineOrderInput> {
  // the store names are on the sub-orders since they were denormalised there; older checkouts read their orders
  const named = checkout.subOrders.every((s) => s.storeName !== undefined);
  const orders = named
    ? new Map<string, Record<string, unknown>>()
    : await batchGet(
        checkout.orderIds.map((o) => keys.order(o)),
        true,
      );
  const storeOf = new Map(
    named
      ? checkout.subOrders.map((s) => [s.orderId, s.storeName!])
      : checkout.orderIds.map((o) => [o, OrderItem.parse(orders.get(keyString(keys.order(o)))).storeName]),
  );
  return {
    combineOutTradeNo: checkout.combineOutTradeNo,
    expiresAt: new Date(checkout.payBy),
    subOrders: checkout.subOrders.map((s) => ({
      subMchid: s.subMchid,
      outTradeNo: s.outTradeNo,
      amount: { amount: s.amount.amount, currency: 'CNY' as const },
      description: (storeOf.get(s.orderId) ?? s.orderId).slice(0, 127),
      attach: s.orderId,
    })),
  };
}

function refuseReturnUrl(returnUrl: string | undefined): void {
  if (returnUrl === undefined) return;
  let origin: string;
  try {
    origin = new URL(returnUrl).origin;
  } catch {
    origin = '';
  }
  if (origin !== h5Origin()) throw new BadRequestError('returnUrl must be a page of our H5 app', { 'body.returnUrl': `must start with ${h5Origin()}` });
}

const withRedirect = (h5Url: string, returnUrl?: string): string => (returnUrl ? `${h5Url}&redirect_url=${encodeURIComponent(returnUrl)}` : h5Url);

/**
 * `POST /me/checkouts/{checkoutId}/pay`: the wx.requestPayment arguments or the H5 cashier URL for the
 * shopper's pending checkout. See the module comment for the steps.
 * @throws 404 (not the shopper's), 409 checkout_not_payable, 422 wechat_payer_unknown, 400 returnUrl
 */
export async function startPayment(
  userId: string,
  checkoutId: string,
  input: StartPaymentInput,
  clientIp: string,
  now = new Date(),
  read?: Map<string, Record<string, unknown>>,
): Promise<StartPaymentResult> {
  if (input.channel === 'alipay') return startAlipayPayment(userId, checkoutId, now); // ADR 0047
  const loaded = await load(checkoutId, input.channel === 'wechat_jsapi' ? userId : undefined, read?.size ? read : undefined);
  if (!loaded || loaded.checkout.userId !== userId) throw new NotFoundError('checkout');
  const { checkout, payment, openid } = loaded;
  if (checkout.status !== 'pending_payment') throw new ConflictError(`The checkout is ${checkout.status}`, 'checkout_not_payable');
  if (Date.parse(checkout.payBy) - PAY_MARGIN_MS <= now.getTime()) throw new ConflictError('The time to pay this checkout is over', 'checkout_not_payable');
  if (input.channel === 'wechat_h5') refuseReturnUrl(input.returnUrl);
  if (input.channel === 'wechat_jsapi' && !openid)
    throw new UnprocessableError('Sign in with WeChat in the mini-program to pay with WeChat Pay', 'wechat_payer_unknown');
  if (payment && payment.channel !== input.channel)
    throw new ConflictError(`This checkout is being paid through ${payment.channel}: continue there`, 'checkout_not_payable');
  const base = { checkoutId, payBy: checkout.payBy };

  if (!payment) await recordStart(checkout, input.channel, now);
  if (input.channel === 'wechat_jsapi') {
    let prepayId = payment?.prepayId;
    if (!prepayId) {
      prepayId = (await placeCombine(checkout.payBy, () => combineInput(checkout).then((c) => createCombineJsapi({ ...c, openid: openid! })))).prepayId;
      await keep(checkoutId, { prepayId });
    }
    return { channel: 'wechat_jsapi', ...base, requestPayment: { appId: wechatPayConfig().appid, ...buildRequestPaymentParams(prepayId) } };
  }
  let h5Url = payment?.h5Url;
  if (!h5Url) {
    h5Url = (await placeCombine(checkout.payBy, () => combineInput(checkout).then((c) => createCombineH5({ ...c, payerClientIp: clientIp })))).h5Url;
    await keep(checkoutId, { h5Url });
  }
  return { channel: 'wechat_h5', ...base, h5Url: withRedirect(h5Url, input.returnUrl) };
}

/** WeChat Pay's refusals a shopper can act on become 409; anything else stays an upstream failure. */
async function placeCombine<T>(payBy: string, place: () => Promise<T>): Promise<T> {
  try {
    return await place();
  } catch (err) {
    if (err instanceof WechatPayApiError && (err.code === 'ORDERPAID' || err.code === 'ORDER_CLOSED'))
      throw new ConflictError(`WeChat Pay: ${err.code}`, 'checkout_not_payable');
    // time_expire is sent in whole seconds: a start in the last moments before payBy is refused as expired
    if (err instanceof WechatPayApiError && err.status === 400 && Date.now() >= Date.parse(payBy) - PAY_MARGIN_MS)
      throw new ConflictError('The time to pay this checkout is over', 'checkout_not_payable');
    throw err;
  }
}

/** The payment record and its due queries (AP80), once per checkout: a concurrent start finds it written. */
async function recordStart(checkout: CheckoutItem, channel: CheckoutPaymentItem['channel'], now: Date): Promise<void> {
  const item: CheckoutPaymentItem = { entity: 'CheckoutPayment', checkoutId: checkout.id, userId: checkout.userId, channel, startedAt: now.toISOString() };
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
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const again = (await load(checkout.id))?.payment;
    if (again && again.channel !== channel)
      throw new ConflictError(`This checkout is being paid through ${again.channel}: continue there`, 'checkout_not_payable');
  }
}

const keep = (checkoutId: string, what: { prepayId: string } | { h5Url: string }) => {
  const [name, value] = Object.entries(what)[0]!;
  return db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.checkoutPayment(checkoutId),
      UpdateExpression: 'SET #n = :v',
      ExpressionAttributeNames: { '#n': name },
      ExpressionAttributeValues: { ':v': value },
    }),
  );
};

export type SettleSource = PaymentAnomalyItem['source'];

/** The combine order's payment identity: the transaction of its first sub-order (by our number), stable across notifications. */
const paymentIdOf = (c: CombineTransaction): string => [...c.subOrders].sort((a, b) => (a.outTradeNo < b.outTradeNo ? -1 : 1))[0]?.transactionId ?? '';

/**
 * Applies a verified combine payment (from a notification or a query) to its checkout, once.
 * @returns the outcome, or `not_paid` when WeChat Pay does not report every sub-order paid
 */
export async function settleCombine(
  c: CombineTransaction,
  source: SettleSource,
  ref: string,
  now = new Date(),
): Promise<PaymentOutcome | { outcome: 'not_paid' }> {
  const { mchid, appid } = wechatPayConfig();
  const summary = {
    combineOutTradeNo: c.combineOutTradeNo,
    combineMchid: c.combineMchid,
    combineAppid: c.combineAppid,
    subOrders: c.subOrders.map((s) => ({
      mchid: s.mchid,
      subMchid: s.subMchid,
      outTradeNo: s.outTradeNo,
      state: s.tradeState,
      transactionId: s.transactionId,
      amount: s.amount,
    })),
  };
  const refuse = async (reason: string): Promise<PaymentOutcome> => {
    await recordAnomaly(source, ref, c.combineOutTradeNo, reason, summary, now);
    return { outcome: 'rejected', checkoutId: c.combineOutTradeNo, reason };
  };
  if (c.combineMchid !== mchid || c.combineAppid !== appid) return refuse(`combine order of ${c.combineMchid}/${c.combineAppid}, not ours`);
  const foreign = c.subOrders.find((s) => s.mchid !== mchid);
  if (foreign) return refuse(`sub-order ${foreign.outTradeNo} of platform ${foreign.mchid}`);
  if (c.subOrders.length === 0 || c.subOrders.some((s) => s.tradeState !== 'SUCCESS' && s.tradeState !== 'REFUND') || c.subOrders.some((s) => !s.transactionId))
    return { outcome: 'not_paid' };
  const outcome = await markCheckoutPaid(
    c.combineOutTradeNo,
    {
      transactionId: paymentIdOf(c),
      subOrders: c.subOrders.map((s) => ({
        outTradeNo: s.outTradeNo,
        amount: s.amount.amount,
        currency: s.amount.currency,
        subMchid: s.subMchid,
        transactionId: s.transactionId!,
      })),
    },
    now,
  );
  if (outcome.outcome === 'rejected') return refuse(outcome.reason);
  if (outcome.outcome === 'refund_required') logger.warn('payment to refund', { checkoutId: outcome.checkoutId, reason: outcome.reason, source });
  return outcome;
}

async function recordAnomaly(
  source: SettleSource,
  ref: string,
  checkoutId: string,
  reason: string,
  payment: Record<string, unknown>,
  now: Date,
): Promise<void> {
  logger.error('payment anomaly', { source, ref, checkoutId, reason });
  const item: PaymentAnomalyItem = { entity: 'PaymentAnomaly', source, ref, checkoutId, reason, payment, recordedAt: now.toISOString() };
  // NOTE: once per notification id (WeChat Pay retries with the same id) or per queried payment
  await putIfAbsent({ ...keys.paymentAnomaly(source, ref), ...item });
}

/** Asks WeChat Pay about the checkout's combine order and settles it when paid (undefined: no combine order there). */
async function queryAndSettle(
  checkout: CheckoutItem,
  now: Date,
): Promise<{ combine: CombineTransaction; outcome: PaymentOutcome | { outcome: 'not_paid' } } | undefined> {
  let combine: CombineTransaction;
  try {
    combine = await queryCombine(checkout.combineOutTradeNo);
  } catch (err) {
    if (err instanceof WechatPayApiError && err.code === 'ORDER_NOT_EXIST') return undefined;
    throw err;
  }
  const ref = `${combine.combineOutTradeNo}#${paymentIdOf(combine) || 'unpaid'}`;
  return { combine, outcome: await settleCombine(combine, 'wechatpay_query', ref, now) };
}

/**
 * `POST /me/checkouts/{checkoutId}/sync-payment`: the result page asks WeChat Pay now instead of waiting
 * for the notification; answers the checkout as it stands afterwards.
 */
export async function syncPayment(userId: string, checkoutId: string, now = new Date()): Promise<CheckoutResult> {
  const loaded = await load(checkoutId);
  if (!loaded || loaded.checkout.userId !== userId) throw new NotFoundError('checkout');
  if (loaded.checkout.status === 'pending_payment' && loaded.payment?.channel === 'alipay') await queryAlipayPayment(loaded.payment, now);
  else if (loaded.checkout.status === 'pending_payment' && loaded.payment) await queryAndSettle(loaded.checkout, now);
  return getCheckout(userId, checkoutId);
}

/** The due query (AP80): a started payment that no notification settled yet. */
export async function queryDuePayment(checkoutId: string, now = new Date()): Promise<void> {
  const loaded = await load(checkoutId);
  if (!loaded || loaded.checkout.status !== 'pending_payment' || !loaded.payment) return;
  if (loaded.payment.channel === 'alipay') return queryAlipayPayment(loaded.payment, now);
  await queryAndSettle(loaded.checkout, now);
}

/**
 * Before a checkout is cancelled (sweeper or shopper): a paid combine order settles the checkout instead;
 * an unpaid one is closed at WeChat Pay first, so no payment can land after the cancel.
 * @returns `paid` when the checkout is (now) paid, `closed` when its combine order is closed or never existed
 */
export async function closeOrSettle(checkoutId: string, now = new Date()): Promise<'paid' | 'closed' | 'not_pending'> {
  const loaded = await load(checkoutId);
  if (!loaded) throw new NotFoundError('checkout');
  if (loaded.checkout.status !== 'pending_payment') return loaded.checkout.status === 'paid' ? 'paid' : 'not_pending';
  if (!loaded.payment) return 'closed';
  if (loaded.payment.channel === 'alipay') return closeOrSettleAlipay(loaded.checkout, loaded.payment, now);
  const queried = await queryAndSettle(loaded.checkout, now);
  if (!queried) return 'closed';
  const paid = (o: { outcome: string }) => o.outcome === 'applied' || o.outcome === 'already_applied';
  if (paid(queried.outcome)) return 'paid';
  if (queried.outcome.outcome !== 'not_paid') return 'closed'; // rejected: recorded as an anomaly, the checkout stays ours to cancel
  if (queried.combine.subOrders.every((s) => s.tradeState === 'CLOSED')) return 'closed';
  try {
    await closeCombine(
      queried.combine.combineOutTradeNo,
      loaded.checkout.subOrders.map((s) => ({ subMchid: s.subMchid, outTradeNo: s.outTradeNo })),
    );
    return 'closed';
  } catch (err) {
    if (!(err instanceof WechatPayApiError) || err.code !== 'ORDERPAID') throw err;
    // paid between the query and the close: settle it
    const again = await queryAndSettle(loaded.checkout, now);
    if (again && paid(again.outcome)) return 'paid';
    throw new AppError('upstream_unavailable', 503, 'WeChat Pay reports the order paid but not its payment: try again');
  }
}

/** closeOrSettle, except that WeChat Pay being unreachable does not stop a cancel: a payment landing after it is refunded (ADR 0046). */
async function closeOrSettleForCancel(checkoutId: string, now: Date): Promise<'paid' | 'closed' | 'not_pending'> {
  try {
    return await closeOrSettle(checkoutId, now);
  } catch (err) {
    if (!(err instanceof ExternalServiceError)) throw err;
    logger.warn('combine order not closed before the cancel', { checkoutId, err: String(err) });
    return 'closed';
  }
}

/** The sweeper's cancel of an unpaid checkout past its payBy: settle it if WeChat Pay has it paid, else close, then cancel. */
export async function cancelUnpaidCheckout(checkoutId: string, actor: Actor, reason: string, now = new Date()): Promise<'paid' | 'cancelled' | 'not_pending'> {
  const before = await closeOrSettleForCancel(checkoutId, now);
  if (before !== 'closed') return before;
  const outcome = await cancelCheckout(checkoutId, actor, reason, { now });
  if (outcome.cancelled) await refundTradesPaidBeforeCancel(checkoutId, now); // Alipay only (ADR 0047)
  return outcome.cancelled ? 'cancelled' : outcome.status === 'paid' ? 'paid' : 'not_pending';
}

/** `POST /me/orders/{orderId}/cancel`: the combine order is closed first, so a payment cannot land after the cancel. */
export async function cancelMyOrderClosingPayment(userId: string, orderId: string, reason: string | undefined, now = new Date()): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.userId !== userId) throw new NotFoundError('order');
  if (o.status === 'pending_payment' && (await closeOrSettleForCancel(o.checkoutId, now)) === 'paid')
    throw new AppError('invalid_transition', 409, 'The order was paid meanwhile');
  const cancelled = await cancelMyOrder(userId, orderId, reason);
  if (o.status === 'pending_payment') await refundTradesPaidBeforeCancel(o.checkoutId, now); // Alipay only (ADR 0047)
  return cancelled;
}
