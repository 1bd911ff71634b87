/**
 * The merchant ledger (ADR 0063): append-only postings per merchant, and the balance item that is their
 * sum. A posting is ALWAYS written by `postingWrites`: the posting, its reference (put if absent: a
 * payment, refund, fee, release or withdrawal is posted once however often its writer runs) and the
 * balance's ADD of the same amounts, in the caller's one transaction with the change that caused it.
 */
import { ulid } from 'ulid';
import type { MerchantBalance, MerchantPosting, MerchantPostingPage, PostingKind } from '@wxshop/shared/settlement';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, queryAll, queryPage, type TxItem } from '../lib/table-ops';
import { BalanceItem, PostingItem } from './items';

export interface Deltas {
  pending?: number;
  available?: number;
  withdrawn?: number;
}

/**
 * The three writes of one posting. `requireAvailable`: the balance's available amount must cover the
 * posting's decrease (a withdrawal): the transaction fails otherwise.
 */
export function postingWrites(
  p: { merchantId: string; kind: PostingKind; reference: string; orderId?: string | null; deltas: Deltas; requireAvailable?: boolean },
  now: Date,
): TxItem[] {
  const id = ulid(now.getTime());
  const at = now.toISOString();
  const pending = p.deltas.pending ?? 0;
  const available = p.deltas.available ?? 0;
  const withdrawn = p.deltas.withdrawn ?? 0;
  const posting: PostingItem = {
    entity: 'MerchantPosting',
    id,
    merchantId: p.merchantId,
    kind: p.kind,
    reference: p.reference,
    orderId: p.orderId ?? null,
    pending,
    available,
    withdrawn,
    currency: 'CNY',
    at,
  };
  const table = tableName();
  return [
    { Put: { TableName: table, Item: { ...keys.merchantPosting(p.merchantId, id), ...posting }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.merchantPostingReference(p.merchantId, p.kind, p.reference),
          entity: 'MerchantPostingReference',
          merchantId: p.merchantId,
          postingId: id,
          at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: table,
        Key: keys.merchantBalance(p.merchantId),
        UpdateExpression: 'SET entity = :e, merchantId = :m, updatedAt = :at ADD pending :p, available :a, withdrawn :w',
        ...(p.requireAvailable ? { ConditionExpression: 'available >= :need' } : {}),
        ExpressionAttributeValues: {
          ':e': 'MerchantBalance',
          ':m': p.merchantId,
          ':at': at,
          ':p': pending,
          ':a': available,
          ':w': withdrawn,
          ...(p.requireAvailable ? { ':need': -available } : {}),
        },
      },
    },
  ];
}

/** Whether a posting of this kind and reference exists (its writer ran). */
export async function isPosted(merchantId: string, kind: PostingKind, reference: string): Promise<boolean> {
  const k = keys.merchantPostingReference(merchantId, kind, reference);
  return (await batchGet([k], true)).has(keyString(k));
}

export async function readBalance(merchantId: string): Promise<BalanceItem> {
  const raw = (await batchGet([keys.merchantBalance(merchantId)], true)).get(keyString(keys.merchantBalance(merchantId)));
  return raw ? BalanceItem.parse(raw) : { entity: 'MerchantBalance', merchantId, pending: 0, available: 0, withdrawn: 0 };
}

/** `GET /merchants/{merchantId}/balance` (AP120). */
export async function getMerchantBalance(merchantId: string): Promise<MerchantBalance> {
  const b = await readBalance(merchantId);
  const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
  return { merchantId, pending: cny(b.pending), available: cny(b.available), withdrawn: cny(b.withdrawn), updatedAt: b.updatedAt ?? null };
}

const toPosting = (p: PostingItem): MerchantPosting => {
  const { entity: _e, merchantId: _m, ...view } = p;
  return view;
};

/** `GET /merchants/{merchantId}/postings` (AP121), newest first. */
export async function listMerchantPostings(merchantId: string, q: { cursor?: string; limit?: number }): Promise<MerchantPostingPage> {
  const p = keys.merchantPostingsPrefix(merchantId);
  const out = await queryPage(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix }, ScanIndexForward: false },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: { PK: p.PK } },
  );
  return { items: out.items.map((i) => toPosting(PostingItem.parse(i))), nextCursor: out.nextCursor };
}

/** Every posting of a merchant (reconciliation and tests). */
export async function allPostings(merchantId: string): Promise<PostingItem[]> {
  const p = keys.merchantPostingsPrefix(merchantId);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => PostingItem.parse(i));
}

/** The sums of postings, as the balance must be. */
export function sumPostings(postings: Pick<PostingItem, 'pending' | 'available' | 'withdrawn'>[]): { pending: number; available: number; withdrawn: number } {
  return postings.reduce((s, p) => ({ pending: s.pending + p.pending, available: s.available + p.available, withdrawn: s.withdrawn + p.withdrawn }), {
    pending: 0,
    available: 0,
    withdrawn: 0,
  });
}
