/**
 * Orders after placing: reads for shoppers, merchants and the platform; shipping (whole, several
 * parcels, or virtual goods delivered); receipt (the shopper's, or automatic after shipping).
 * Every status change goes through the state machine and is written with its event.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ORDER_STATUSES, type Order, type OrderPage, type OrderStatus, type Parcel, type ShipOrderInput, type ShopperOrderTab } from '@wxshop/shared/orders';
import { db, tableName } from '../lib/table';
import { INDEX, keys, ttlIn } from '../lib/keys';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { AppError, ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { OrderItem } from './items';
import { TransitionRefused, transition, type Actor, type OrderAction } from './state-machine';
import { orderPut, cancelCheckout } from './checkout';
import { orderEventPut } from './events';
import { DUE_SHARDS, autoConfirmSeconds } from './config';
import { readLedger } from '../after-sales/repo';
import { settlementDueAtReceipt } from '../settlement/due';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The order as the API shows it (the item minus its bookkeeping). */
export function toOrder(o: OrderItem): Order {
  const { entity: _e, version: _v, ...order } = o;
  return order;
}

export async function readOrder(orderId: string): Promise<OrderItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(orderId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('order');
  return OrderItem.parse(out.Item);
}

/** AP74 for the shopper: their order (404 for anyone else's). */
export async function getMyOrder(userId: string, orderId: string): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.userId !== userId) throw new NotFoundError('order');
  return toOrder(o);
}

/** AP74 for the store: its order (404 for another store's). */
export async function getMerchantOrder(merchantId: string, orderId: string): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.merchantId !== merchantId) throw new NotFoundError('order');
  return toOrder(o);
}

async function pageOf(
  index: 'GSI1' | 'GSI2',
  partition: Record<string, string>,
  opts: {
    cursor?: string;
    limit?: number;
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
    /** Placed in [from, to): a key condition on the sort key (`<createdAt>#<oid>`), so nothing is read and dropped. */
    placed?: { from?: string; to?: string };
  },
): Promise<OrderPage> {
  const [pkName, pkValue] = Object.entries(partition)[0]!;
  const ranged = !!(opts.placed?.from || opts.placed?.to);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index === 'GSI1' ? INDEX.byOwner : INDEX.byStatus,
      KeyConditionExpression: ranged ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pkName, ...(ranged ? { '#sk': index === 'GSI1' ? 'GSI1SK' : 'GSI2SK' } : {}), ...(opts.filter?.names ?? {}) },
      ExpressionAttributeValues: {
        ':pk': pkValue,
        // Sort keys are `<ISO createdAt>#<oid>` (BETWEEN is inclusive): an order placed at `to` sorts above `<to>#`, one before it below.
        ...(ranged ? { ':from': opts.placed?.from ?? '0', ':to': opts.placed?.to ? `${opts.placed.to}#` : '~' } : {}),
        ...(opts.filter?.values ?? {}),
      },
      ...(opts.filter ? { FilterExpression: opts.filter.expression } : {}),
      ScanIndexForward: false,
      Limit: opts.limit ?? 20,
      ExclusiveStartKey: decodeCursor(opts.cursor, partition),
    }),
  );
  return { items: (out.Items ?? []).map((i) => toOrder(OrderItem.parse(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** AP75: the shopper's orders under a tab (to pay, to ship, to receive, done, cancelled), newest first. */
export async function listMyOrders(userId: string, q: { tab: ShopperOrderTab; cursor?: string; limit?: number }): Promise<OrderPage> {
  return pageOf('GSI1', keys.shopperOrdersIndex(userId, q.tab), q);
}

/** AP76: the store's orders in a status, newest first; `q` an order id, or part of the recipient's name or phone. */
export async function listMerchantOrders(merchantId: string, q: { status: OrderStatus; q?: string; cursor?: string; limit?: number }): Promise<OrderPage> {
  if (q.q && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(q.q)) {
    const o = await readOrder(q.q).catch(() => undefined);
    return { items: o && o.merchantId === merchantId && o.status === q.status ? [toOrder(o)] : [], nextCursor: null };
  }
  const filter = q.q
    ? {
        expression: 'contains(#addr.#rec, :q) OR contains(#addr.#phone, :q)',
        names: { '#addr': 'address', '#rec': 'recipient', '#phone': 'phone' },
        values: { ':q': q.q },
      }
    : undefined;
  return pageOf('GSI2', keys.merchantOrdersIndex(merchantId, q.status), { ...q, filter });
}

/**
 * Platform search across stores: by order id; by store (one status, or every status merged); by
 * shopper (every tab merged); each optionally placed in [from, to). Merged searches return the
 * newest `limit` without a cursor.
 */
export async function searchOrders(q: {
  orderId?: string;
  userId?: string;
  merchantId?: string;
  status?: OrderStatus;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}): Promise<OrderPage> {
  const limit = q.limit ?? 20;
  // The same ISO form as createdAt (milliseconds, Z), so the sort-key range compares like times.
  const iso = (t?: string) => (t ? new Date(t).toISOString() : undefined);
  const placed = { from: iso(q.from), to: iso(q.to) };
  if (q.orderId) {
    const o = await readOrder(q.orderId).catch(() => undefined);
    const ok =
      o &&
      (!q.merchantId || o.merchantId === q.merchantId) &&
      (!q.userId || o.userId === q.userId) &&
      (!q.status || o.status === q.status) &&
      (!placed.from || o.createdAt >= placed.from) &&
      (!placed.to || o.createdAt < placed.to);
    return { items: ok ? [toOrder(o)] : [], nextCursor: null };
  }
  if (q.merchantId && q.status) return pageOf('GSI2', keys.merchantOrdersIndex(q.merchantId, q.status), { ...q, placed });
  const pages = q.merchantId
    ? await Promise.all(ORDER_STATUSES.map((s) => pageOf('GSI2', keys.merchantOrdersIndex(q.merchantId!, s), { limit, placed })))
    : await Promise.all(
        (['to_pay', 'to_ship', 'to_receive', 'done', 'cancelled'] as const).map((t) =>
          pageOf('GSI1', keys.shopperOrdersIndex(q.userId!, t), { limit, placed }),
        ),
      );
  const items = pages
    .flatMap((p) => p.items)
    .filter((o) => (!q.status || o.status === q.status) && (!q.userId || o.userId === q.userId))
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, limit);
  return { items, nextCursor: null };
}

function step(o: OrderItem, action: OrderAction, actor: Actor, at: string, reason: string | null = null) {
  try {
    return transition(o.status, action, actor, at, reason);
  } catch (err) {
    if (err instanceof TransitionRefused) throw new AppError('invalid_transition', 409, err.message);
    throw err;
  }
}

async function commit(items: TxItem[]): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('The order changed meanwhile: try again');
    throw err;
  }
}

const hourBucket = (iso: string): string => iso.slice(0, 13);
const shardOf = (id: string): number => id.charCodeAt(id.length - 1) % DUE_SHARDS;

/** What of each SKU is still to ship. */
export function remainingToShip(o: Pick<OrderItem, 'lines' | 'parcels'>): Map<string, number> {
  const left = new Map(o.lines.map((l) => [l.skuId, l.quantity]));
  for (const p of o.parcels) for (const l of p.lines) left.set(l.skuId, (left.get(l.skuId) ?? 0) - l.quantity);
  return left;
}

/**
 * The store ships an order: parcels (each with the lines it holds; none = everything still to ship),
 * or virtual goods delivered. The last parcel makes it `shipped` and schedules the automatic receipt.
 */
export async function shipOrder(merchantId: string, orderId: string, input: ShipOrderInput, actorId: string, now = new Date()): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.merchantId !== merchantId) throw new NotFoundError('order');
  const at = now.toISOString();
  const actor: Actor = { kind: 'merchant', id: actorId };
  if (input.virtual) {
    const t = step(o, 'deliver', actor, at, 'virtual goods delivered');
    const next: OrderItem = { ...o, status: t.to, virtual: true, deliveredAt: at, history: [...o.history, t.entry], version: o.version + 1 };
    await commit([orderPut(o, next), orderEventPut(next, t.entry, now), ...receiptDue(next, now)]);
    return toOrder(next);
  }
  const left = remainingToShip(o);
  // units refunded before they shipped (after-sale approved by rule, ADR 0055) are not to ship; the ledger read is conditioned below
  const ledger = await readLedger(orderId);
  for (const [skuId, n] of Object.entries(ledger?.withheld ?? {})) left.set(skuId, (left.get(skuId) ?? 0) - n);
  const ledgerUnchanged: TxItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.refundLedger(orderId),
      ...(ledger
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': ledger.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
  const parcels: Parcel[] = [];
  for (const p of input.parcels ?? []) {
    const lines = p.lines ?? [...left].filter(([, n]) => n > 0).map(([skuId, quantity]) => ({ skuId, quantity }));
    for (const l of lines) {
      const open = left.get(l.skuId);
      if (open === undefined) throw new UnprocessableError(`SKU ${l.skuId} is not in this order`);
      if (l.quantity > open) throw new UnprocessableError(`Only ${open} of SKU ${l.skuId} are left to ship`);
      left.set(l.skuId, open - l.quantity);
    }
    if (lines.length === 0) throw new UnprocessableError('Everything in this order has shipped');
    parcels.push({ id: ulid(now.getTime()), carrierCode: p.carrierCode, trackingNumber: p.trackingNumber, lines, shippedAt: at, tracking: null });
  }
  const all = [...left.values()].every((n) => n === 0);
  const t = step(o, all ? 'ship_all' : 'ship_part', actor, at);
  const next: OrderItem = {
    ...o,
    status: t.to,
    parcels: [...o.parcels, ...parcels],
    shippedAt: all ? at : o.shippedAt,
    autoConfirmAt: all ? new Date(now.getTime() + autoConfirmSeconds() * 1000).toISOString() : null,
    history: [...o.history, t.entry],
    version: o.version + 1,
  };
  await commit([orderPut(o, next), orderEventPut(next, t.entry, now), ledgerUnchanged, ...(all ? receiptDue(next, now) : [])]);
  return toOrder(next);
}

/** The due item (AP78) that confirms receipt by itself. */
function receiptDue(o: OrderItem, now: Date): TxItem[] {
  const at = o.autoConfirmAt ?? new Date(now.getTime() + autoConfirmSeconds() * 1000).toISOString();
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.dueReceipt(hourBucket(at), shardOf(o.id), at, o.id),
          entity: 'DueReceipt',
          orderId: o.id,
          at,
          expiresAt: ttlIn(autoConfirmSeconds() + 30 * 86400, now.getTime()),
        },
      },
    },
  ];
}

/** The carrier (tracking) reports the parcel delivered. */
export async function markDelivered(orderId: string, actor: Actor, now = new Date()): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.status === 'delivered' || o.status === 'completed') return toOrder(o);
  const at = now.toISOString();
  const t = step(o, 'deliver', actor, at);
  const next: OrderItem = { ...o, status: t.to, deliveredAt: at, history: [...o.history, t.entry], version: o.version + 1 };
  await commit([orderPut(o, next), orderEventPut(next, t.entry, now)]);
  return toOrder(next);
}

/** Receipt confirmed: by the shopper (their own order only), or by the system when it is due. */
export async function confirmReceipt(orderId: string, actor: Actor, opts: { expectUserId?: string; now?: Date; reason?: string } = {}): Promise<Order> {
  const now = opts.now ?? new Date();
  const o = await readOrder(orderId);
  if (opts.expectUserId !== undefined && o.userId !== opts.expectUserId) throw new NotFoundError('order');
  const at = now.toISOString();
  const t = step(o, 'confirm', actor, at, opts.reason ?? null);
  const next: OrderItem = { ...o, status: t.to, completedAt: at, history: [...o.history, t.entry], version: o.version + 1 };
  // the settlement is looked at when the after-sale window closes (ADR 0062)
  await commit([orderPut(o, next), orderEventPut(next, t.entry, now), settlementDueAtReceipt(o.id, at, now)]);
  return toOrder(next);
}

/** The shopper cancels an unpaid order: its whole checkout (one payment) is cancelled and its stock released. */
export async function cancelMyOrder(userId: string, orderId: string, reason: string | undefined): Promise<Order> {
  const o = await readOrder(orderId);
  if (o.userId !== userId) throw new NotFoundError('order');
  if (o.status !== 'pending_payment') throw new AppError('invalid_transition', 409, `An order that is ${o.status} cannot be cancelled here`);
  const outcome = await cancelCheckout(o.checkoutId, { kind: 'shopper', id: userId }, reason ?? 'cancelled by the shopper', { expectUserId: userId });
  if (!outcome.cancelled) throw new AppError('invalid_transition', 409, `The order is ${outcome.status}`);
  return toOrder(await readOrder(orderId));
}
