/**
 * Commission accrual (ADR 0066), driven by the order's and the after-sale's domain events:
 * - OrderPlaced: the referral chain (up to the tiers in force) and each line's rates are snapshotted on
 *   the order (AP137), with each tier's amount; later rule changes never change it.
 * - OrderPaid: one pending accrual posting per tier with an amount (AP138), the balance (AP139) in the
 *   same transaction, the buyer's spend (AP140) added; once, by the snapshot's `accruedAt` and each
 *   posting's reference.
 * - AfterSaleRefunded: reversals in proportion to the refunded share of what was paid (cumulative and
 *   floored: never more than was accrued), once per after-sale case.
 */
import { ulid } from 'ulid';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, putIfAbsent, putNew, transact, TransactionConditionError, type TxItem } from '../lib/table-ops';
import { logger } from '../lib/logger';
import { readOrder } from '../orders/orders';
import { getCategory } from '../categories/categories';
import type { OrderItem } from '../orders/items';
import { commissionBase, ratesFor, reversedTarget, tierAmounts } from './commission';
import { levelsOf } from './binding';
import { getRules } from './rules';
import { joinBySpend } from './distributors';
import { DistributorItem, PostingItem, SnapshotItem, type SnapshotTier } from './items';

export async function readSnapshot(orderId: string): Promise<SnapshotItem | undefined> {
  const raw = (await batchGet([keys.commissionSnapshot(orderId)], true)).get(keyString(keys.commissionSnapshot(orderId)));
  return raw ? SnapshotItem.parse(raw) : undefined;
}

/** Leaf first, then its ancestors (at most three levels). */
async function categoryPath(categoryId: string | null, cache: Map<string, string[]>): Promise<string[]> {
  if (!categoryId) return [];
  const hit = cache.get(categoryId);
  if (hit) return hit;
  const path: string[] = [];
  let cur: string | null = categoryId;
  while (cur && path.length < 3) {
    path.push(cur);
    try {
      cur = (await getCategory(cur)).parentId;
    } catch {
      cur = null;
    }
  }
  cache.set(categoryId, path);
  return path;
}

/** The snapshot of an order under the rules in force now (pure but for the reads it needs). */
async function takeSnapshot(order: OrderItem, now: Date): Promise<SnapshotItem> {
  const rules = await getRules(true);
  const levels = rules.enabled ? await levelsOf(order.userId, rules.tiers, rules.selfPurchase, now) : [];
  const products = await batchGet([...new Set(order.lines.map((l) => l.productId))].map((id) => keys.product(id)));
  const cache = new Map<string, string[]>();
  const lines = await Promise.all(
    order.lines.map(async (l) => {
      const categoryId = (products.get(keyString(keys.product(l.productId)))?.categoryId as string | undefined) ?? null;
      const path = rules.categoryRates.length ? await categoryPath(categoryId, cache) : [];
      return { skuId: l.skuId, categoryId, lineTotal: l.lineTotal.amount, rates: ratesFor(rules, path) };
    }),
  );
  const base = commissionBase(
    order.lines.map((l) => l.lineTotal.amount),
    order.adjustments.map((a) => a.amount.amount),
  );
  const amounts = tierAmounts(lines, rules.tiers, base);
  // a level earns only while its person is an approved distributor; otherwise its share stays with the platform
  const found = await batchGet(levels.map((id) => keys.distributor(id)));
  const tiers: SnapshotTier[] = levels.flatMap((distributorId, i) => {
    const d = found.get(keyString(keys.distributor(distributorId)));
    const approved = d !== undefined && DistributorItem.parse(d).status === 'approved';
    return approved && distributorId !== undefined ? [{ tier: i + 1, distributorId, amount: amounts[i] ?? 0 }] : [];
  });
  return {
    entity: 'CommissionSnapshot',
    orderId: order.id,
    buyerId: order.userId,
    merchantId: order.merchantId,
    rulesVersion: rules.version,
    currency: order.total.currency,
    base,
    paid: order.total.amount,
    lines,
    tiers,
    accruedAt: null,
    refunded: 0,
    refundRefs: [],
    reversed: {},
    version: 1,
    createdAt: now.toISOString(),
  };
}

/** OrderPlaced: writes the order's snapshot once (a redelivery finds it). */
export async function snapshotOrder(orderId: string, now = new Date()): Promise<SnapshotItem> {
  const existing = await readSnapshot(orderId);
  if (existing) return existing;
  const snapshot = await takeSnapshot(await readOrder(orderId), now);
  if (!(await putIfAbsent({ ...keys.commissionSnapshot(orderId), ...snapshot }))) return (await readSnapshot(orderId))!;
  return snapshot;
}

/** A posting, its reference and its balance change: three writes of one transaction. */
function postingWrites(p: Omit<PostingItem, 'entity' | 'id' | 'state'>, now: Date): TxItem[] {
  const id = ulid(now.getTime());
  const posting: PostingItem = { entity: 'CommissionPosting', id, state: 'pending', ...p };
  return [
    putNew({ ...keys.commissionReference(p.distributorId, p.reference), entity: 'CommissionReference', postingId: id }),
    putNew({ ...keys.commissionPosting(p.distributorId, id), ...posting }),
    {
      Update: {
        TableName: tableName(),
        Key: keys.commissionBalance(p.distributorId),
        UpdateExpression:
          'ADD pending :a SET entity = :e, distributorId = :d, currency = if_not_exists(currency, :c), available = if_not_exists(available, :z), withdrawn = if_not_exists(withdrawn, :z), owed = if_not_exists(owed, :z)',
        ExpressionAttributeValues: { ':a': p.amount.amount, ':e': 'CommissionBalance', ':d': p.distributorId, ':c': p.amount.currency, ':z': 0 },
      },
    },
  ];
}

/**
 * OrderPaid: the pending accrual of each tier, the buyer's spend, in ONE transaction conditional on the
 * snapshot not yet accrued (a redelivery, or a crash after the commit, applies nothing the second time).
 * An order placed before its snapshot was written (e.g. before this consumer ran) is snapshotted now.
 */
export async function accrueOrder(orderId: string, now = new Date()): Promise<void> {
  const snapshot = await snapshotOrder(orderId, now);
  if (snapshot.accruedAt) return;
  const tx: TxItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.commissionSnapshot(orderId),
        UpdateExpression: 'SET accruedAt = :at, version = version + :one',
        ConditionExpression: 'version = :v AND accruedAt = :null',
        ExpressionAttributeValues: { ':at': now.toISOString(), ':one': 1, ':v': snapshot.version, ':null': null },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.distributionSpend(snapshot.buyerId),
        UpdateExpression: 'ADD amount :a SET entity = :e',
        ExpressionAttributeValues: { ':a': snapshot.paid, ':e': 'DistributionSpend' },
      },
    },
    ...snapshot.tiers
      .filter((t) => t.amount > 0)
      .flatMap((t) =>
        postingWrites(
          {
            distributorId: t.distributorId,
            kind: 'accrual',
            reference: `accrual#${orderId}#${t.tier}`,
            orderId,
            tier: t.tier,
            amount: { amount: t.amount, currency: snapshot.currency as 'CNY' },
            at: now.toISOString(),
          },
          now,
        ),
      ),
  ];
  try {
    await transact(tx);
  } catch (err) {
    if (err instanceof TransactionConditionError && err.failed.includes(0)) return; // accrued by an earlier delivery
    throw err;
  }
  const spend = await batchGet([keys.distributionSpend(snapshot.buyerId)], true);
  await joinBySpend(snapshot.buyerId, Number(spend.get(keyString(keys.distributionSpend(snapshot.buyerId)))?.amount ?? 0), now);
}

/**
 * AfterSaleRefunded: the reversals a refund of `amount` (fen) of the order calls for, once per case.
 * reversed_t becomes floor(accrued_t x refunded / paid) over all refunds so far. An order not yet
 * accrued fails (the stream retries: its OrderPaid is on its way).
 */
export async function reverseForRefund(orderId: string, afterSaleId: string, amount: number, now = new Date()): Promise<void> {
  const snapshot = await readSnapshot(orderId);
  if (!snapshot) {
    logger.warn('a refund of an order without a commission snapshot', { orderId, afterSaleId });
    return;
  }
  if (snapshot.refundRefs.includes(afterSaleId)) return;
  if (!snapshot.accruedAt) throw new Error(`order ${orderId} refunded before its commission was accrued: retry`);
  const refunded = snapshot.refunded + amount;
  const reversed = { ...snapshot.reversed };
  const postings: TxItem[] = [];
  for (const t of snapshot.tiers) {
    const before = reversed[String(t.tier)] ?? 0;
    const target = reversedTarget(t.amount, refunded, snapshot.paid);
    if (target <= before) continue;
    reversed[String(t.tier)] = target;
    postings.push(
      ...postingWrites(
        {
          distributorId: t.distributorId,
          kind: 'reversal',
          reference: `reversal#${afterSaleId}#${orderId}#${t.tier}`,
          orderId,
          tier: t.tier,
          amount: { amount: -(target - before), currency: snapshot.currency as 'CNY' },
          at: now.toISOString(),
        },
        now,
      ),
    );
  }
  const tx: TxItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.commissionSnapshot(orderId),
        UpdateExpression: 'SET refunded = :r, reversed = :rev, refundRefs = list_append(refundRefs, :ref), version = version + :one',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':r': refunded, ':rev': reversed, ':ref': [afterSaleId], ':one': 1, ':v': snapshot.version },
      },
    },
    ...postings,
  ];
  try {
    await transact(tx);
  } catch (err) {
    // the snapshot moved (another refund of the order, or this one applied): read again and redo
    if (err instanceof TransactionConditionError && err.failed.includes(0)) return reverseForRefund(orderId, afterSaleId, amount, now);
    throw err;
  }
}
