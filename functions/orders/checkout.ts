/**
 * Checkout: preview, submit (one checkout, one order per store, stock reserved), cancel and the
 * payment hook. See docs/adr/0041-checkout-and-orders.md.
 *
 * submit, primary course (2 DynamoDB calls, the first with the session check: ADR 0051):
 *   1. BatchGet products, SKUs, the address, the idempotency marker (CHECKOUT_KEY), the fee rates (AP117) and the stores
 *      the lines name with their shipping templates;
 *   2. (only for a SKU whose store the lines did not name) BatchGet its store and templates;
 *   3. price with the pure `priceCheckout`; refuse problems (422), a changed fingerprint (409 + new
 *      preview); then ONE TransactWriteItems: the marker, the checkout, its due item (AP77), one order
 *      per store with its OrderPlaced event, and per line the SKU's conditional decrement
 *      (`stock >= :n`, at the price priced) with its stock posting. Each order keeps the fee rate in
 *      force (`feeBps`, ADR 0061).
 * A retried submit finds the marker and returns the same checkout. A checkout that does not fit in
 * one transaction (more than 100 items) is refused with 422: see the ADR (saga left for later).
 */
import { createHash } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { MAX_CHECKOUT_STORES, type CheckoutLineInput, type CheckoutResult, type Preview, type SubmitCheckoutInput } from '@wxshop/shared/orders';
import { type Language } from '@wxshop/shared/i18n/languages';
import { type Money } from '@wxshop/shared/money';
import { db, tableName } from '../lib/table';
import { keys, ttlIn, type Key } from '../lib/keys';
import { batchGet, isTransactionConflict, keyString } from '../lib/table-ops';
import { AppError, BadRequestError, ConflictError, NotFoundError, UnprocessableError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import type { StockPostingItem } from '../catalog/items';
import { SkuItem } from '../catalog/items';
import { CheckoutItem, LatePaymentItem, OrderItem, tabOf, type Reservation, type SubOrderRef } from './items';
import { placed, transition, type Actor } from './state-machine';
import { priceRead, pricingKeys, readForPricing } from './read';
import { DUE_SHARDS, payWithinSeconds } from './config';
import { orderEventPut, orderIndexKeys } from './events';
import { orderFeeBps } from '../settlement/fees';
import { scheduleOf } from '../settlement/fee-rates';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const MAX_TX_ITEMS = 100;

const minuteBucket = (iso: string): string => iso.slice(0, 16);
const shardOf = (id: string): number => id.charCodeAt(id.length - 1) % DUE_SHARDS;

/** `POST /checkout/preview`: what submit would charge, as of now. */
function refuseDuplicates(lines: CheckoutLineInput[]): void {
  if (new Set(lines.map((l) => l.skuId)).size !== lines.length)
    throw new BadRequestError('Each SKU once: add up the quantities', { 'body.lines': 'a SKU appears twice' });
}

/** @param read the first pricing read (`pricingKeys`), when the route made it with the session check */
export async function preview(
  userId: string,
  addressId: string,
  lines: CheckoutLineInput[],
  lang: Language,
  read?: Map<string, Record<string, unknown>>,
): Promise<Preview> {
  refuseDuplicates(lines);
  return priceRead(await readForPricing(userId, addressId, lines, [], false, read), lines, lang);
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** The first read of submit (`pricingKeys` and the key's marker): the route's prefetch. Nothing for a malformed key (submit refuses it). */
export function submitKeys(userId: string, idempotencyKey: string | undefined, input: { addressId: string; lines: CheckoutLineInput[] }): Key[] {
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) return [];
  return pricingKeys(userId, input.addressId, input.lines, [keys.checkoutKey(userId, idempotencyKey), keys.feeSchedule()]);
}

function refuseProblems(p: Preview): void {
  if (p.problems.length === 0) return;
  if (p.stores.length > MAX_CHECKOUT_STORES) throw new UnprocessableError(`At most ${MAX_CHECKOUT_STORES} stores in one checkout`, 'cannot_checkout');
  throw new AppError('cannot_checkout', 422, 'Some items cannot be bought as they are: see details.preview.problems', { details: { preview: p } });
}

async function existingResult(checkoutId: string, read?: Map<string, Record<string, unknown>>): Promise<CheckoutResult> {
  const found = read?.has(keyString(keys.checkout(checkoutId))) ? read : await batchGet([keys.checkout(checkoutId)], true);
  const checkout = CheckoutItem.parse(found.get(keyString(keys.checkout(checkoutId))));
  const orders = await batchGet(
    checkout.orderIds.map((o) => keys.order(o)),
    true,
  );
  return { checkout: toCheckout(checkout), orders: checkout.orderIds.map((o) => OrderItem.parse(orders.get(keyString(keys.order(o))))) };
}

export const toCheckout = (c: CheckoutItem) => ({
  id: c.id,
  userId: c.userId,
  status: c.status,
  combineOutTradeNo: c.combineOutTradeNo,
  orderIds: c.orderIds,
  total: c.total,
  createdAt: c.createdAt,
  payBy: c.payBy,
  transactionId: c.transactionId,
});

/**
 * `POST /checkout` with an Idempotency-Key: places one order per store and reserves the stock, in one
 * transaction. See the module comment for the steps.
 * @throws 422 cannot_checkout (problems, more than 50 stores or 100 transaction items), 409 price_changed (new preview in details)
 */
export async function submit(
  userId: string,
  idempotencyKey: string | undefined,
  input: Omit<SubmitCheckoutInput, 'notes'> & { notes?: Record<string, string> },
  lang: Language,
  now = new Date(),
  first?: Map<string, Record<string, unknown>>,
): Promise<CheckoutResult> {
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) throw new BadRequestError('Send an Idempotency-Key header (8-64 of A-Z a-z 0-9 _ -)');
  refuseDuplicates(input.lines);
  const markerKey = keys.checkoutKey(userId, idempotencyKey);
  const read = await readForPricing(userId, input.addressId, input.lines, [markerKey, keys.feeSchedule()], true, first?.size ? first : undefined);
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.addressId, input.lines, input.fingerprint, input.notes ?? null]))
    .digest('base64url');
  const marker = read.extra.get(keyString(markerKey));
  if (marker) return replayed(marker, requestHash);

  const priced = priceRead(read, input.lines, lang);
  if (priced.stores.length > MAX_CHECKOUT_STORES) throw new UnprocessableError(`At most ${MAX_CHECKOUT_STORES} stores in one checkout`, 'cannot_checkout');
  refuseProblems(priced);
  if (priced.fingerprint !== input.fingerprint)
    throw new AppError('price_changed', 409, 'Prices, stock or shipping changed since the preview: see details.preview', { details: { preview: priced } });

  const at = now.toISOString();
  const payBy = new Date(now.getTime() + payWithinSeconds() * 1000).toISOString();
  const checkoutId = ulid(now.getTime());
  const shopper: Actor = { kind: 'shopper', id: userId };
  const address = read.address;
  const fees = scheduleOf(read.extra.get(keyString(keys.feeSchedule())));
  const orders: OrderItem[] = priced.stores.map((s) => {
    const id = ulid(now.getTime());
    const merchant = read.merchants.get(s.merchantId)!;
    // the fee rate in force now, kept on the order (ADR 0061)
    const feeBps = orderFeeBps(
      fees,
      s.merchantId,
      s.lines.map((l) => ({ categoryId: read.products.get(l.productId)?.categoryId ?? '', lineTotal: l.lineTotal.amount })),
    );
    return {
      entity: 'Order',
      version: 1,
      id,
      checkoutId,
      userId,
      merchantId: s.merchantId,
      storeName: s.storeName,
      status: 'pending_payment',
      outTradeNo: id,
      subMchid: merchant.subMchid!,
      lines: s.lines,
      subtotal: s.subtotal,
      shipping: s.shipping,
      adjustments: s.adjustments,
      total: s.total,
      address: {
        recipient: address.recipient,
        phone: address.phone,
        country: address.country,
        regionCode: address.regionCode,
        region: address.region,
        detail: address.detail,
        postalCode: address.postalCode,
      },
      note: input.notes?.[s.merchantId] ?? null,
      parcels: [],
      virtual: false,
      history: [placed(shopper, at)],
      createdAt: at,
      payBy,
      paidAt: null,
      shippedAt: null,
      deliveredAt: null,
      completedAt: null,
      cancelledAt: null,
      autoConfirmAt: null,
      feeBps,
    };
  });
  const orderOfStore = new Map(orders.map((o) => [o.merchantId, o]));
  const reservations: Reservation[] = input.lines.map((l) => ({
    orderId: orderOfStore.get(read.skus.get(l.skuId)!.merchantId)!.id,
    productId: l.productId,
    skuId: l.skuId,
    quantity: l.quantity,
  }));
  const subOrders: SubOrderRef[] = orders.map((o) => ({
    orderId: o.id,
    outTradeNo: o.outTradeNo,
    merchantId: o.merchantId,
    subMchid: o.subMchid,
    amount: o.total,
    storeName: o.storeName,
  }));
  const dueKey = keys.dueCheckout(minuteBucket(payBy), shardOf(checkoutId), payBy, checkoutId);
  const checkout: CheckoutItem = {
    entity: 'Checkout',
    id: checkoutId,
    userId,
    status: 'pending_payment',
    combineOutTradeNo: checkoutId,
    orderIds: orders.map((o) => o.id),
    total: priced.total,
    createdAt: at,
    payBy,
    transactionId: null,
    subOrders,
    reservations,
    dueKey,
    cancelledAt: null,
    cancelReason: null,
    paidAt: null,
  };

  const table = tableName();
  const items: TxItem[] = [
    {
      Put: {
        TableName: table,
        Item: { ...markerKey, entity: 'CheckoutKey', checkoutId, requestHash, expiresAt: ttlIn(7 * 86400, now.getTime()) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    { Put: { TableName: table, Item: { ...keys.checkout(checkoutId), ...checkout }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Put: { TableName: table, Item: { ...dueKey, entity: 'DueCheckout', checkoutId, payBy, expiresAt: ttlIn(payWithinSeconds() + 7 * 86400, now.getTime()) } },
    },
  ];
  for (const o of orders) {
    items.push({ Put: { TableName: table, Item: { ...keys.order(o.id), ...orderIndexKeys(o), ...o }, ConditionExpression: 'attribute_not_exists(PK)' } });
    items.push(orderEventPut(o, o.history[0]!, now));
  }
  const stockStart = items.length;
  const soldOut = new Map<string, number>();
  for (const r of reservations) {
    const sku = read.skus.get(r.skuId)!;
    const sellsOut = sku.stock === r.quantity;
    if (sellsOut) soldOut.set(sku.productId, (soldOut.get(sku.productId) ?? 0) + 1);
    items.push(...reserveStock(sku, r, userId, at, sellsOut));
  }
  // the product's in-stock count moves in the same transaction as the SKU that crosses zero
  for (const [productId, n] of soldOut) items.push(stockedCount(read.products.get(productId)!.stockedSkuCount, -n, productId));
  if (items.length > MAX_TX_ITEMS)
    throw new UnprocessableError(`This checkout is too large for one payment (${input.lines.length} lines): split it`, 'cannot_checkout');

  try {
    // another transaction on the same SKU (many shoppers, one hot item): try again a few times, then 409
    for (let attempt = 0; ; attempt += 1) {
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        break;
      } catch (err) {
        if (!isTransactionConflict(err)) throw err;
        if (attempt >= 5) throw new ConflictError('Many shoppers are buying this right now: try again');
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(400, 25 * 2 ** attempt)));
      }
    }
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const failed = failedConditionIndexes(err);
    if (failed.includes(0)) {
      const again = await batchGet([markerKey], true);
      const hit = again.get(keyString(markerKey));
      if (hit) return replayed(hit, requestHash);
    }
    if (failed.some((i) => i >= stockStart)) {
      const fresh = priceRead(await readForPricing(userId, input.addressId, input.lines, [], true), input.lines, lang);
      throw new AppError('price_changed', 409, 'The stock or a price changed while placing the order: see details.preview', { details: { preview: fresh } });
    }
    throw new ConflictError('The checkout changed meanwhile: try again');
  }
  return { checkout: toCheckout(checkout), orders };
}

/** A submit repeated with its Idempotency-Key: the checkout it placed; the same key with another request is refused (422). */
async function replayed(marker: Record<string, unknown>, requestHash: string): Promise<CheckoutResult> {
  if (typeof marker.requestHash === 'string' && marker.requestHash !== requestHash)
    throw new UnprocessableError('This Idempotency-Key was used with a different request', 'idempotency_key_reused');
  return existingResult(String(marker.checkoutId));
}

/** The SKU's conditional decrement at the priced price, and its posting (reason `order`, the order as reference). */
function reserveStock(sku: SkuItem, r: Reservation, actorId: string, at: string, sellsOut: boolean): TxItem[] {
  const table = tableName();
  const posting: StockPostingItem = {
    entity: 'StockPosting',
    id: ulid(),
    skuId: sku.id,
    productId: sku.productId,
    merchantId: sku.merchantId,
    delta: -r.quantity,
    // NOTE: the balance as of the consistent read; exact unless another order took stock in between (the sum of deltas is exact regardless).
    balance: Math.max(0, sku.stock - r.quantity),
    reason: 'order',
    note: null,
    reference: r.orderId,
    actorId,
    lowStockThreshold: sku.lowStockThreshold,
    createdAt: at,
  };
  return [
    {
      Update: {
        TableName: table,
        Key: keys.productSku(sku.productId, sku.id),
        UpdateExpression: 'SET stock = stock - :n, updatedAt = :at',
        // NOTE: taking the last units conditions on exactly that stock, so the product's in-stock count flips with it
        ConditionExpression: `${sellsOut ? 'stock = :n' : 'stock >= :n'} AND enabled = :t AND removed = :f AND #p.#a = :amount AND #p.#c = :currency`,
        ExpressionAttributeNames: { '#p': 'price', '#a': 'amount', '#c': 'currency' },
        ExpressionAttributeValues: { ':n': r.quantity, ':at': at, ':t': true, ':f': false, ':amount': sku.price.amount, ':currency': sku.price.currency },
      },
    },
    { Put: { TableName: table, Item: { ...keys.stockPosting(sku.id, posting.id), ...posting }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

/** The product's count of SKUs in stock, moved by `delta`, conditioned on the count read. */
function stockedCount(read: number, delta: number, productId: string): TxItem {
  const count = Math.max(0, read + delta);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.product(productId),
      UpdateExpression: 'SET stockedSkuCount = :count, inStock = :in',
      ConditionExpression: 'stockedSkuCount = :read',
      ExpressionAttributeValues: { ':count': count, ':in': count > 0, ':read': read },
    },
  };
}

/** The stock coming back from a cancelled order: SKU increment and its posting (reason `cancel`). */
function releaseStock(sku: SkuItem | undefined, r: Reservation, actorId: string | null, at: string, restocks: boolean): TxItem[] {
  const table = tableName();
  const posting: StockPostingItem = {
    entity: 'StockPosting',
    id: ulid(),
    skuId: r.skuId,
    productId: r.productId,
    merchantId: sku?.merchantId ?? '',
    delta: r.quantity,
    balance: (sku?.stock ?? 0) + r.quantity,
    reason: 'cancel',
    note: null,
    reference: r.orderId,
    actorId,
    lowStockThreshold: sku?.lowStockThreshold ?? 0,
    createdAt: at,
  };
  return [
    {
      Update: {
        TableName: table,
        Key: keys.productSku(r.productId, r.skuId),
        UpdateExpression: 'SET stock = stock + :n, updatedAt = :at',
        ConditionExpression: restocks ? 'stock = :zero' : 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':n': r.quantity, ':at': at, ...(restocks ? { ':zero': 0 } : {}) },
      },
    },
    { Put: { TableName: table, Item: { ...keys.stockPosting(r.skuId, posting.id), ...posting }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

export interface CancelOutcome {
  cancelled: boolean;
  status: CheckoutItem['status'];
}

/**
 * Cancels an unpaid checkout and all its orders, releasing their stock exactly once: the checkout's
 * status moves from pending_payment in the same transaction as the releases, so whichever of the
 * sweeper, the shopper and a payment comes first wins, and the others change nothing.
 * @param expectUserId the shopper cancelling (404 for another shopper's checkout); omitted for the system
 */
export async function cancelCheckout(
  checkoutId: string,
  actor: Actor,
  reason: string,
  opts: { expectUserId?: string; now?: Date } = {},
): Promise<CancelOutcome> {
  const now = opts.now ?? new Date();
  const at = now.toISOString();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const found = await batchGet([keys.checkout(checkoutId)], true);
    const raw = found.get(keyString(keys.checkout(checkoutId)));
    if (!raw) throw new NotFoundError('checkout');
    const checkout = CheckoutItem.parse(raw);
    if (opts.expectUserId !== undefined && checkout.userId !== opts.expectUserId) throw new NotFoundError('checkout');
    if (checkout.status !== 'pending_payment') return { cancelled: false, status: checkout.status };
    const more = await batchGet(
      [
        ...checkout.orderIds.map((o) => keys.order(o)),
        ...checkout.reservations.flatMap((r) => [keys.productSku(r.productId, r.skuId), keys.product(r.productId)]),
      ],
      true,
    );
    const orders = checkout.orderIds.map((o) => OrderItem.parse(more.get(keyString(keys.order(o)))));
    if (orders.some((o) => o.status !== 'pending_payment')) continue; // moved between the reads: read again
    const table = tableName();
    const items: TxItem[] = [
      {
        Update: {
          TableName: table,
          Key: keys.checkout(checkoutId),
          UpdateExpression: 'SET #s = :cancelled, cancelledAt = :at, cancelReason = :why',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':pending': 'pending_payment', ':at': at, ':why': reason },
        },
      },
      { Delete: { TableName: table, Key: checkout.dueKey } },
    ];
    for (const o of orders) {
      const t = transition(o.status, 'cancel', actor, at, reason);
      const next: OrderItem = { ...o, status: t.to, cancelledAt: at, history: [...o.history, t.entry], version: o.version + 1 };
      items.push(orderPut(o, next), orderEventPut(next, t.entry, now));
    }
    const restocked = new Map<string, number>();
    for (const r of checkout.reservations) {
      const skuRaw = more.get(keyString(keys.productSku(r.productId, r.skuId)));
      const sku = skuRaw ? SkuItem.parse(skuRaw) : undefined;
      // a SKU coming back from zero (and still sold) counts in its product again, in the same transaction
      const restocks = !!sku && sku.stock === 0 && sku.enabled && !sku.removed && !restocked.has(`${r.productId}|${r.skuId}`);
      if (restocks) restocked.set(`${r.productId}|${r.skuId}`, 1);
      items.push(...releaseStock(sku, r, actor.id, at, restocks));
    }
    const perProduct = new Map<string, number>();
    for (const key of restocked.keys()) perProduct.set(key.split('|')[0]!, (perProduct.get(key.split('|')[0]!) ?? 0) + 1);
    for (const [productId, n] of perProduct) {
      const productRaw = more.get(keyString(keys.product(productId)));
      if (productRaw) items.push(stockedCount(Number(productRaw.stockedSkuCount ?? 0), n, productId));
    }
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return { cancelled: true, status: 'cancelled' };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // another actor got there first (paid or cancelled), or an order moved: read again
    }
  }
  throw new ConflictError('The checkout is changing: try again');
}

/** The order's full replacement, conditioned on the version read; its index keys follow its status. */
export function orderPut(prev: OrderItem, next: OrderItem): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.order(next.id), ...orderIndexKeys(next), ...next },
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': prev.version },
    },
  };
}

/**
 * A pending order paid, as an update in place: status, its index partitions (AP75 tab, AP76 status; the
 * sort keys do not depend on the status), paidAt, the sub-order's transaction, the history entry, the
 * version. Conditioned on pending_payment.
 */
function orderPaidUpdate(
  o: Pick<OrderItem, 'id' | 'userId' | 'merchantId'>,
  status: OrderItem['status'],
  entry: OrderItem['history'][number],
  at: string,
  transactionId: string | null,
): TxItem {
  const index = orderIndexKeys({ ...o, status, createdAt: '' });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.order(o.id),
      UpdateExpression:
        'SET #s = :to, GSI1PK = :g1, GSI2PK = :g2, paidAt = :at, transactionId = :tid, history = list_append(history, :entry), version = version + :one',
      ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':to': status,
        ':g1': index.GSI1PK,
        ':g2': index.GSI2PK,
        ':at': at,
        ':tid': transactionId,
        ':entry': [entry],
        ':one': 1,
        ':pending': 'pending_payment',
      },
    },
  };
}

export interface PaidSubOrder {
  outTradeNo: string;
  amount: number;
  currency: string;
  subMchid: string;
  transactionId: string;
}

/** A payment as verified with its provider; `channel` alipay: its sub-orders are Alipay trades (subMchid = the smid, refunded through Alipay). */
export interface VerifiedPayment {
  transactionId: string;
  subOrders: PaidSubOrder[];
  channel?: 'wechatpay' | 'alipay';
  /** See matchSubOrders. */
  payees?: Record<string, string>;
}

export type PaymentOutcome =
  | { outcome: 'applied'; checkoutId: string }
  | { outcome: 'already_applied'; checkoutId: string }
  | { outcome: 'refund_required'; checkoutId: string; reason: 'after_cancel' | 'second_payment' }
  | { outcome: 'rejected'; checkoutId: string; reason: string };

/**
 * Every sub-order of the payment matches one of ours (number, amount, currency, sub-merchant), and no order is missing.
 * @param payees the payee each sub-order must name, by out_trade_no, when it is not the WeChat Pay sub_mchid (Alipay: the store's smid)
 */
export function matchSubOrders(ours: SubOrderRef[], paid: PaidSubOrder[], payees?: Record<string, string>): string | null {
  if (paid.length !== ours.length) return `expected ${ours.length} sub-orders, got ${paid.length}`;
  for (const mine of ours) {
    const hit = paid.filter((p) => p.outTradeNo === mine.outTradeNo);
    if (hit.length !== 1) return `sub-order ${mine.outTradeNo} missing or repeated`;
    const p = hit[0]!;
    if (p.amount !== mine.amount.amount || p.currency !== mine.amount.currency)
      return `sub-order ${mine.outTradeNo}: amount ${p.amount} ${p.currency} is not ${mine.amount.amount} ${mine.amount.currency}`;
    const payee = payees ? payees[mine.outTradeNo] : mine.subMchid;
    if (p.subMchid !== payee) return `sub-order ${mine.outTradeNo}: sub-merchant ${p.subMchid} is not ${payee}`;
  }
  return null;
}

/**
 * The payment hook the notification handler (and the query fallback) calls once the payment is
 * verified. Checks every sub-order against ours; applies once however often it is called; a payment
 * that lands after the cancel (or a second payment) is recorded as a LatePayment to refund.
 */
export async function markCheckoutPaid(checkoutId: string, payment: VerifiedPayment, now = new Date()): Promise<PaymentOutcome> {
  const at = now.toISOString();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const found = await batchGet([keys.checkout(checkoutId)], true);
    const raw = found.get(keyString(keys.checkout(checkoutId)));
    if (!raw) return { outcome: 'rejected', checkoutId, reason: 'no such checkout' };
    const checkout = CheckoutItem.parse(raw);
    const mismatch = matchSubOrders(checkout.subOrders, payment.subOrders, payment.payees);
    if (mismatch) return { outcome: 'rejected', checkoutId, reason: mismatch };
    if (checkout.status === 'paid' && checkout.transactionId === payment.transactionId) return { outcome: 'already_applied', checkoutId };
    if (checkout.status !== 'pending_payment') {
      const reason = checkout.status === 'cancelled' ? 'after_cancel' : 'second_payment';
      await recordLatePayment(checkout, payment, reason, now);
      return { outcome: 'refund_required', checkoutId, reason };
    }
    const table = tableName();
    const payer: Actor = { kind: 'payment', id: payment.transactionId };
    const items: TxItem[] = [
      {
        Update: {
          TableName: table,
          Key: keys.checkout(checkoutId),
          UpdateExpression: 'SET #s = :paid, paidAt = :at, transactionId = :tid',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':paid': 'paid', ':pending': 'pending_payment', ':at': at, ':tid': payment.transactionId },
        },
      },
      { Delete: { TableName: table, Key: checkout.dueKey } },
    ];
    // Each order moves from pending_payment in place (no read of the orders: the checkout names them and
    // their owners; the transition from pending_payment is fixed): conditioned on that status, so an
    // order that moved meanwhile fails the transaction and the next read decides.
    for (const ref of checkout.subOrders) {
      const t = transition('pending_payment', 'pay', payer, at);
      const moved = { id: ref.orderId, checkoutId, userId: checkout.userId, merchantId: ref.merchantId };
      items.push(orderPaidUpdate(moved, t.to, t.entry, at, payment.subOrders.find((s) => s.outTradeNo === ref.outTradeNo)?.transactionId ?? null));
      items.push(orderEventPut(moved, t.entry, now));
    }
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'applied', checkoutId };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // cancelled or paid meanwhile: the next read decides
    }
  }
  throw new ConflictError('The checkout is changing: try again');
}

/**
 * Records a payment to refund (once per transaction id) with its refund queue item (AP82).
 * Exported for Alipay, whose stores' trades land one by one (functions/payments/alipay-pay.ts).
 */
export async function recordLatePayment(checkout: CheckoutItem, payment: VerifiedPayment, reason: 'after_cancel' | 'second_payment', now: Date): Promise<void> {
  const amount: Money = { amount: payment.subOrders.reduce((s, p) => s + p.amount, 0), currency: checkout.total.currency };
  const item: LatePaymentItem = {
    entity: 'LatePayment',
    checkoutId: checkout.id,
    transactionId: payment.transactionId,
    reason,
    amount,
    status: 'refund_pending',
    subOrders: payment.subOrders,
    ...(payment.channel === 'alipay' ? { channel: 'alipay' as const } : {}),
    createdAt: now.toISOString(),
  };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.latePayment(checkout.id, payment.transactionId), ...item },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          // the refund queue (AP82): refunded once by the sweeper (functions/payments/refunds.ts)
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.pendingRefund(checkout.id, payment.transactionId),
                entity: 'PendingRefund',
                checkoutId: checkout.id,
                transactionId: payment.transactionId,
              },
            },
          },
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err; // recorded before: once
  }
}

/** A shopper's checkout with its orders (404 for another shopper's). `read`: the checkout item, if the route read it with the session check. */
export async function getCheckout(userId: string, checkoutId: string, read?: Map<string, Record<string, unknown>>): Promise<CheckoutResult> {
  const result = await existingResult(checkoutId, read).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'ZodError') throw new NotFoundError('checkout');
    throw err;
  });
  if (result.checkout.userId !== userId) throw new NotFoundError('checkout');
  return result;
}

export { tabOf };
