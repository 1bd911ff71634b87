/**
 * Stock: every change is an append-only posting (AP33) written in the SAME transaction as the SKU's
 * stock, so for every SKU at every moment:
 *
 *     SKU.stock === sum(delta of its postings)  and  SKU.stock >= 0
 *
 * `checkStockReconciles()` verifies it (scripts/reconcile.ts calls it).
 */
import { BatchGetCommand, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { StockPosting, StockReason } from '@wxshop/shared/catalog';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { ProductItem, SkuItem, StockPostingItem, StockReferenceItem } from './items';
import { decodeCursor, encodeCursor, toPosting } from './repo';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Reasons whose reference (an order, a cancellation, a return) may be applied to a SKU only once. */
const ONCE_PER_REFERENCE: readonly StockReason[] = ['order', 'cancel', 'return'];
const MAX_ATTEMPTS = 80;

const counted = (s: Pick<SkuItem, 'enabled' | 'removed'>, stock: number): boolean => s.enabled && !s.removed && stock > 0;
/** Exponential backoff with full jitter: contenders spread out instead of colliding again. */
const pause = (attempt: number): Promise<void> => new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 4 * 2 ** Math.min(attempt, 8))));

/** GSI1 `SKU#<skuId>`: the product a SKU belongs to (never changes, so an index read is safe). */
export async function findSkuProduct(skuId: string): Promise<string> {
  const g = keys.skuGsi1(skuId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byOwner,
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
      ExpressionAttributeValues: { ':pk': g.GSI1PK, ':sk': g.GSI1SK },
    }),
  );
  const productId = out.Items?.[0]?.productId;
  if (typeof productId !== 'string') throw new NotFoundError('SKU');
  return productId;
}

export interface AdjustOptions {
  /** Skips the GSI1 lookup when the caller knows it (order lines do). */
  productId?: string;
  /** Only this merchant's SKU (merchant routes): another merchant's is a 404. */
  merchantId?: string;
  note?: string | null;
  now?: Date;
}

/**
 * Changes a SKU's stock by `delta` with one posting, atomically. Primary course: 1. read the product,
 * the SKU (and the reference marker) consistently; 2. refuse when stock would go below zero (422);
 * 3. ONE transaction: the SKU's stock conditioned on the value read (`stock = :read AND stock >= :need`),
 * the posting, the reference marker for order/cancel/return, and, when the SKU's stock crosses zero,
 * the product's `inStock`/`stockedSkuCount` conditioned on the count read; 4. a lost race re-reads and
 * retries. Idempotent by `reference` for order/cancel/return: a reference already applied to this SKU
 * returns its original posting and changes nothing.
 *
 * @param skuId the SKU; `delta` signed (-1 sold, +10 received); `actorId` the user or system acting
 * @throws NotFoundError (no such SKU / another merchant's), UnprocessableError (not enough stock)
 */
export async function adjustStock(
  skuId: string,
  delta: number,
  reason: StockReason,
  reference: string | null,
  actorId: string | null,
  opts: AdjustOptions = {},
): Promise<StockPosting> {
  if (!Number.isSafeInteger(delta) || delta === 0) throw new BadRequestError('delta must be a non-zero integer');
  if (reason === 'initial') throw new BadRequestError('initial postings are written when a SKU is created');
  const once = ONCE_PER_REFERENCE.includes(reason);
  if (once && !reference) throw new BadRequestError(`a ${reason} posting needs its reference`);
  const productId = opts.productId ?? (await findSkuProduct(skuId));
  const skuKey = keys.productSku(productId, skuId);
  const productKey = keys.product(productId);
  const markerKey = once && reference ? keys.stockReference(skuId, reason, reference) : undefined;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const out = await db().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [skuKey, productKey, ...(markerKey ? [markerKey] : [])], ConsistentRead: true } } }),
    );
    const got = out.Responses?.[tableName()] ?? [];
    const skuRaw = got.find((i) => i.PK === skuKey.PK && i.SK === skuKey.SK);
    const productRaw = got.find((i) => i.PK === productKey.PK && i.SK === productKey.SK);
    if (!skuRaw || !productRaw) throw new NotFoundError('SKU');
    const sku = SkuItem.parse(skuRaw);
    if (sku.id !== skuId || (opts.merchantId !== undefined && sku.merchantId !== opts.merchantId)) throw new NotFoundError('SKU');
    const markerRaw = markerKey ? got.find((i) => i.PK === markerKey.PK && i.SK === markerKey.SK) : undefined;
    if (markerRaw) return existingPosting(skuId, StockReferenceItem.parse(markerRaw).postingId);
    const balance = sku.stock + delta;
    if (balance < 0) throw new UnprocessableError(`Not enough stock: ${sku.stock} left`);
    const product = ProductItem.parse(productRaw);
    const at = (opts.now ?? new Date()).toISOString();
    const posting: StockPostingItem = {
      entity: 'StockPosting',
      id: ulid(),
      skuId,
      productId,
      merchantId: sku.merchantId,
      delta,
      balance,
      reason,
      note: opts.note ?? null,
      reference,
      actorId,
      lowStockThreshold: sku.lowStockThreshold,
      createdAt: at,
    };
    const items: TxItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: skuKey,
          UpdateExpression: 'SET stock = :balance, updatedAt = :at',
          ConditionExpression: 'stock = :read AND stock >= :need AND enabled = :en AND removed = :rm',
          ExpressionAttributeValues: {
            ':balance': balance,
            ':at': at,
            ':read': sku.stock,
            ':need': Math.max(0, -delta),
            ':en': sku.enabled,
            ':rm': sku.removed,
          },
        },
      },
      { Put: { TableName: tableName(), Item: { ...keys.stockPosting(skuId, posting.id), ...posting }, ConditionExpression: 'attribute_not_exists(PK)' } },
    ];
    if (markerKey && reference)
      items.push({
        Put: {
          TableName: tableName(),
          Item: { ...markerKey, entity: 'StockReference', skuId, postingId: posting.id, reason, reference },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    const flip = Number(counted(sku, balance)) - Number(counted(sku, sku.stock));
    if (flip !== 0) {
      const count = product.stockedSkuCount + flip;
      items.push({
        Update: {
          TableName: tableName(),
          Key: productKey,
          UpdateExpression: 'SET stockedSkuCount = :count, inStock = :in',
          ConditionExpression: 'stockedSkuCount = :read',
          ExpressionAttributeValues: { ':count': Math.max(0, count), ':in': count > 0, ':read': product.stockedSkuCount },
        },
      });
    }
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return toPosting(posting);
    } catch (err) {
      const conflict = err instanceof Error && (err.name === 'TransactionConflictException' || /TransactionConflict/.test(err.message));
      if (!isConditionFailure(err) && !conflict) throw err;
      if (markerKey && failedConditionIndexes(err).includes(2)) continue; // applied meanwhile: the next read returns it
      await pause(attempt);
    }
  }
  throw new ConflictError('The stock is changing too fast: try again');
}

async function existingPosting(skuId: string, postingId: string): Promise<StockPosting> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.stockPosting(skuId, postingId), ConsistentRead: true }));
  if (!out.Item) throw new Error(`stock reference without its posting ${postingId}`);
  return toPosting(StockPostingItem.parse(out.Item));
}

/** Merchant route: adjust a SKU of its own product (reason `adjustment`, the staff member as actor). */
export async function adjustOwnStock(
  merchantId: string,
  productId: string,
  skuId: string,
  input: { delta: number; note?: string },
  actorId: string,
): Promise<StockPosting> {
  return adjustStock(skuId, input.delta, 'adjustment', null, actorId, { productId, merchantId, note: input.note ?? null });
}

/** AP33: a SKU's postings, newest first (the SKU must be the merchant's: 404 otherwise). */
export async function listStockPostings(
  merchantId: string,
  productId: string,
  skuId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<{ items: StockPosting[]; nextCursor: string | null }> {
  const sku = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(productId, skuId) }));
  if (!sku.Item || SkuItem.parse(sku.Item).merchantId !== merchantId) throw new NotFoundError('SKU');
  const p = keys.stockPostingsPrefix(skuId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
      ScanIndexForward: false,
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { PK: p.PK }),
    }),
  );
  return { items: (out.Items ?? []).map((i) => toPosting(StockPostingItem.parse(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** The sum of a SKU's postings (AP33, every page). */
export async function sumPostings(skuId: string): Promise<{ sum: number; count: number }> {
  const p = keys.stockPostingsPrefix(skuId);
  let sum = 0;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
        ProjectionExpression: 'delta',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const i of out.Items ?? []) {
      sum += Number(i.delta);
      count += 1;
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { sum, count };
}

export interface StockMismatch {
  skuId: string;
  productId: string;
  stock: number;
  postingsSum: number;
}

/**
 * Reconciliation: every SKU's stock equals the sum of its postings (and is never negative).
 * Scans the SKU items (a batch job, not a request path); with `skuIds`, checks only those.
 * @returns the SKUs that do not reconcile (empty when all do)
 */
export async function checkStockReconciles(skuIds?: { productId: string; skuId: string }[]): Promise<StockMismatch[]> {
  const skus: SkuItem[] = [];
  if (skuIds) {
    for (const { productId, skuId } of skuIds) {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(productId, skuId), ConsistentRead: true }));
      if (out.Item) skus.push(SkuItem.parse(out.Item));
    }
  } else {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new ScanCommand({
          TableName: tableName(),
          FilterExpression: 'entity = :e',
          ExpressionAttributeValues: { ':e': 'Sku' },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      skus.push(...(out.Items ?? []).map((i) => SkuItem.parse(i)));
      start = out.LastEvaluatedKey;
    } while (start);
  }
  const mismatches: StockMismatch[] = [];
  for (const first of skus) {
    let sku = first;
    // a posting landing between the two reads is not a mismatch: re-read until the SKU holds still
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { sum } = await sumPostings(sku.id);
      const again = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(sku.productId, sku.id), ConsistentRead: true }));
      if (!again.Item) break;
      const now = SkuItem.parse(again.Item);
      if (now.stock !== sku.stock) {
        sku = now;
        continue;
      }
      if (sum !== sku.stock || sku.stock < 0) mismatches.push({ skuId: sku.id, productId: sku.productId, stock: sku.stock, postingsSum: sum });
      break;
    }
  }
  return mismatches;
}
