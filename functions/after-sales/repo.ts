/** Reads and writes of after-sale cases, their ledger, events, due decisions and refunds to do (AP97-AP103). */
import { ulid } from 'ulid';
import type { AfterSale, AfterSaleEvidence, AfterSaleHistoryEntry, AfterSalePage } from '@wxshop/shared/after-sales';
import { tableName } from '../lib/table';
import { INDEX, keys, ttlIn } from '../lib/keys';
import { batchGet, keyString, queryAll, queryPage, type TxItem } from '../lib/table-ops';
import { NotFoundError } from '../lib/errors';
import { DUE_SHARDS } from '../orders/config';
import { AfterSaleEvidenceItem, AfterSaleItem, RefundLedgerItem, type AfterSaleEventItem, type RefundToDoItem } from './items';
import { emptyLedger } from './amounts';
import { publicImageUrl } from '../merchants/uploads';

/** The case as the API shows it (the item minus its bookkeeping). */
export function toAfterSale(c: AfterSaleItem): AfterSale {
  const { entity: _e, version: _v, subMchid: _s, transactionId: _t, orderTotal: _o, restock: _r, dueKey: _d, queueKey: _q, evidenceCount: _c, ...view } = c;
  return { ...view, photoUrls: c.photoKeys.map((k) => publicImageUrl(k) ?? k) };
}

export async function readCase(afterSaleId: string): Promise<AfterSaleItem> {
  const found = await batchGet([keys.afterSale(afterSaleId)], true);
  const raw = found.get(keyString(keys.afterSale(afterSaleId)));
  if (!raw) throw new NotFoundError('after-sale case');
  return AfterSaleItem.parse(raw);
}

export async function readLedger(orderId: string): Promise<RefundLedgerItem | undefined> {
  const raw = (await batchGet([keys.refundLedger(orderId)], true)).get(keyString(keys.refundLedger(orderId)));
  return raw ? RefundLedgerItem.parse(raw) : undefined;
}

export const newLedger = (orderId: string): RefundLedgerItem => ({ entity: 'RefundLedger', orderId, version: 0, ...emptyLedger() });

/** The ledger written conditionally on the version read (none read: it must still be absent). */
export function ledgerPut(prev: RefundLedgerItem | undefined, next: RefundLedgerItem): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.refundLedger(next.orderId), ...next, version: (prev?.version ?? 0) + 1 },
      ...(prev
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prev.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
}

const indexKeys = (c: AfterSaleItem) => ({
  ...keys.shopperAfterSalesGsi1(c.userId, c.createdAt, c.id),
  ...keys.merchantAfterSalesGsi2(c.merchantId, c.status, c.status === 'requested' && c.decideBy ? c.decideBy : c.updatedAt, c.id),
});

/** The case written conditionally on the version read (a new case: absent). */
export function casePut(prev: AfterSaleItem | undefined, next: AfterSaleItem): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.afterSale(next.id), ...indexKeys(next), ...next },
      ...(prev
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prev.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
}

/** AP101: the order's marker of a case. */
export const orderCasePut = (c: AfterSaleItem): TxItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.orderAfterSale(c.orderId, c.id), entity: 'OrderAfterSale', orderId: c.orderId, afterSaleId: c.id, createdAt: c.createdAt },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** The domain event of a step, in the step's transaction (the stream carries it to notify-after-sale). */
export function caseEventPut(c: AfterSaleItem, entry: AfterSaleHistoryEntry, now: Date): TxItem {
  const id = ulid(now.getTime());
  const event: AfterSaleEventItem = {
    entity: 'AfterSaleEvent',
    id,
    type: entry.event as AfterSaleEventItem['type'],
    afterSaleId: c.id,
    orderId: c.orderId,
    userId: c.userId,
    merchantId: c.merchantId,
    storeName: c.storeName,
    kind: c.kind,
    from: entry.from,
    to: entry.to,
    actor: entry.actor,
    reason: entry.reason,
    amount: c.total.amount,
    at: entry.at,
  };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.afterSaleEvent(c.id, id), ...event, expiresAt: ttlIn(180 * 86400, now.getTime()) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

const minuteBucket = (iso: string): string => iso.slice(0, 16);
const shardOf = (id: string): number => id.charCodeAt(id.length - 1) % DUE_SHARDS;

/** AP102: the item that approves the case when the store has not answered by `decideBy`. */
export function dueDecision(afterSaleId: string, decideBy: string, now: Date): { key: { PK: string; SK: string }; put: TxItem } {
  const key = keys.dueAfterSaleDecision(minuteBucket(decideBy), shardOf(afterSaleId), decideBy, afterSaleId);
  const expiresAt = ttlIn(Math.max(0, Math.ceil((Date.parse(decideBy) - now.getTime()) / 1000)) + 30 * 86400, now.getTime());
  return { key, put: { Put: { TableName: tableName(), Item: { ...key, entity: 'DueAfterSaleDecision', afterSaleId, at: decideBy, expiresAt } } } };
}

export const deleteKey = (key: { PK: string; SK: string }): TxItem => ({ Delete: { TableName: tableName(), Key: key } });

/** AP103: the refund to apply (now) or to ask about (at `nextAt`). */
export function refundToDoPut(afterSaleId: string, nextAt: string): TxItem {
  const item: RefundToDoItem = { entity: 'RefundToDo', afterSaleId, nextAt };
  return { Put: { TableName: tableName(), Item: { ...keys.refundToDo(afterSaleId), ...item } } };
}

/** AP101: the cases of one order of the shopper (another shopper's order lists none), newest first. */
async function listOrderCases(userId: string, orderId: string): Promise<AfterSalePage> {
  const p = keys.orderAfterSalesPrefix(orderId);
  const markers = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
    ScanIndexForward: false,
  });
  const found = markers.length ? await batchGet(markers.map((m) => keys.afterSale(String(m.afterSaleId)))) : new Map<string, Record<string, unknown>>();
  const items = [...found.values()]
    .map((i) => AfterSaleItem.parse(i))
    .filter((c) => c.userId === userId)
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .map(toAfterSale);
  return { items, nextCursor: null };
}

/** AP98: the shopper's cases, newest first (AP101 with `orderId`: that order's). */
export async function listShopperCases(userId: string, q: { orderId?: string; cursor?: string; limit?: number }): Promise<AfterSalePage> {
  if (q.orderId) return listOrderCases(userId, q.orderId);
  const idx = keys.shopperAfterSalesIndex(userId);
  const out = await queryPage(
    { IndexName: INDEX.byOwner, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': idx.GSI1PK }, ScanIndexForward: false },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: idx },
  );
  return { items: out.items.map((i) => toAfterSale(AfterSaleItem.parse(i))), nextCursor: out.nextCursor };
}

/** AP99: the store's cases in a status; `requested` nearest deadline first, the others newest first. */
export async function listMerchantCases(merchantId: string, q: { status: AfterSale['status']; cursor?: string; limit?: number }): Promise<AfterSalePage> {
  const idx = keys.merchantAfterSalesIndex(merchantId, q.status);
  const out = await queryPage(
    {
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': idx.GSI2PK },
      ScanIndexForward: q.status === 'requested',
    },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: idx },
  );
  return { items: out.items.map((i) => toAfterSale(AfterSaleItem.parse(i))), nextCursor: out.nextCursor };
}

/** AP111: the case's entry in the arbitration queue, in the escalation's transaction. */
export function arbitrationQueuePut(c: AfterSaleItem): TxItem {
  const key = c.queueKey ?? keys.arbitrationQueueEntry(c.updatedAt, c.id);
  return {
    Put: { TableName: tableName(), Item: { ...key, entity: 'ArbitrationQueueEntry', afterSaleId: c.id, escalatedAt: c.escalation?.at ?? c.updatedAt } },
  };
}

/** AP111: escalated cases, the longest waiting first (then one BatchGet of the cases). */
export async function listArbitrationQueue(q: { cursor?: string; limit?: number }): Promise<AfterSalePage> {
  const p = keys.arbitrationQueuePartition();
  const out = await queryPage(
    { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': p.PK }, ScanIndexForward: true },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: p },
  );
  const ids = out.items.map((i) => String(i.afterSaleId));
  const found = ids.length ? await batchGet(ids.map((id) => keys.afterSale(id))) : new Map<string, Record<string, unknown>>();
  const items = ids
    .map((id) => found.get(keyString(keys.afterSale(id))))
    .filter((raw): raw is Record<string, unknown> => raw !== undefined)
    .map((raw) => toAfterSale(AfterSaleItem.parse(raw)));
  return { items, nextCursor: out.nextCursor };
}

/** AP112: one side's evidence, in the step's transaction (the case's version and count guard it). */
export function evidencePut(e: AfterSaleEvidence): TxItem {
  const item: AfterSaleEvidenceItem = { entity: 'AfterSaleEvidence', ...e };
  return {
    Put: { TableName: tableName(), Item: { ...keys.afterSaleEvidence(e.afterSaleId, e.id), ...item }, ConditionExpression: 'attribute_not_exists(PK)' },
  };
}

/** AP112: both sides' evidence of a case, oldest first. */
export async function listEvidence(afterSaleId: string): Promise<AfterSaleEvidence[]> {
  const p = keys.afterSaleEvidencePrefix(afterSaleId);
  const raw = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
    ConsistentRead: true,
  });
  return raw.map((i) => {
    const { entity: _e, ...e } = AfterSaleEvidenceItem.parse(i);
    return e;
  });
}
