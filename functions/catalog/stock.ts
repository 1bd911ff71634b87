/**
 * Stock: every change is an append-only posting (AP33) recorded atomically with the SKU's stock (in the
 * same write on the SKU item, then settled into its own item: ADR 0035; or, for a once-only reference,
 * in the same transaction: ADR 0022), so for every SKU at every moment:
 *
 *     SKU.stock === sum(delta of its postings, each counted once)  and  SKU.stock >= 0
 *
 * `checkStockReconciles()` verifies it (scripts/reconcile.ts calls it).
 */
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import type { StockPosting, StockReason } from '@wxshop/shared/catalog';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { TransactionConditionError, batchGet, putIfAbsent, queryPage, transact, type TxItem } from '../lib/table-ops';
import { ProductItem, SkuItem, StockPostingItem, StockReferenceItem } from './items';
import { toPosting } from './repo';

/** Reasons whose reference (an order, a cancellation, a return, an exchange) may be applied to a SKU only once. */
const ONCE_PER_REFERENCE: readonly StockReason[] = ['order', 'cancel', 'return', 'exchange'];
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
 * Changes a SKU's stock by `delta` with one posting. Without a reference (merchant adjustments) this is
 * the contention-free path of ADR 0035 (`adjustByAmount`); a reference that may apply once
 * (order/cancel/return) takes the read-and-condition path (`adjustOnce`), which records the marker in the
 * same transaction. Either way stock never goes below zero and every posting carries its exact balance.
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
  // a reference is applied once whatever the reason: order/cancel/return always carry one, an
  // adjustment carries its request's Idempotency-Key reference (a run after a takeover finds it, ADR 0034)
  if (reference) return adjustOnce(skuId, productId, delta, reason, reference, actorId, opts);
  return adjustByAmount(skuId, productId, delta, reason, reference, actorId, opts);
}

/** The SKU attribute holding a posting between its two writes (ADR 0035). */
export const PENDING_PREFIX = 'pendingPosting_';

/**
 * Contention-free stock change (ADR 0035). Primary course: 1. ONE UpdateItem on the SKU: `ADD stock
 * :delta` conditioned on the amount only (`stock >= :need` for a decrement, none for an increment) and
 * on the SKU being this merchant's, recording the posting on the SKU item in the same write and
 * returning the new stock, so the posting's balance is exact; 2. ONE transaction: the posting item, the
 * removal of the pending copy and, when the SKU crossed zero, the product's `stockedSkuCount`/`inStock`
 * by ADD. Concurrent writers never invalidate each other's condition, so nothing is re-read or retried
 * but a TransactionConflict.
 */
async function adjustByAmount(
  skuId: string,
  productId: string,
  delta: number,
  reason: StockReason,
  reference: string | null,
  actorId: string | null,
  opts: AdjustOptions,
): Promise<StockPosting> {
  const skuKey = keys.productSku(productId, skuId);
  const at = (opts.now ?? new Date()).toISOString();
  const id = ulid();
  const pending = `${PENDING_PREFIX}${id}`;
  const draft = { id, delta, reason, note: opts.note ?? null, reference, actorId, createdAt: at };
  const conditions = [
    'attribute_exists(PK)',
    '#id = :sku',
    ...(opts.merchantId !== undefined ? ['merchantId = :m'] : []),
    ...(delta < 0 ? ['stock >= :need'] : []),
  ];
  let after: SkuItem;
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: skuKey,
        UpdateExpression: 'ADD stock :delta SET updatedAt = :at, #pending = :draft',
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#id': 'id', '#pending': pending },
        ExpressionAttributeValues: {
          ':delta': delta,
          ':at': at,
          ':draft': draft,
          ':sku': skuId,
          ...(opts.merchantId !== undefined ? { ':m': opts.merchantId } : {}),
          ...(delta < 0 ? { ':need': -delta } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    after = SkuItem.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    // the SKU as it was (ReturnValuesOnConditionCheckFailure), in the low-level shape
    const raw = (err as { Item?: Parameters<typeof unmarshall>[0] }).Item;
    const old = raw ? unmarshall(raw) : undefined;
    if (!old || old.id !== skuId || (opts.merchantId !== undefined && old.merchantId !== opts.merchantId)) throw new NotFoundError('SKU');
    throw new UnprocessableError(`Not enough stock: ${String(old.stock)} left`);
  }
  const posting: StockPostingItem = {
    entity: 'StockPosting',
    ...draft,
    skuId,
    productId,
    merchantId: after.merchantId,
    balance: after.stock,
    lowStockThreshold: after.lowStockThreshold,
  };
  await settlePosting(posting, counted(after, after.stock) ? 1 : 0, counted(after, after.stock - delta) ? 1 : 0);
  return toPosting(posting);
}

/**
 * Step 2 of ADR 0035: the posting item and the removal of its pending copy on the SKU, in one
 * transaction, with the product's count of stocked SKUs when the SKU crossed zero. Idempotent: a
 * settled posting (its pending copy gone) is left alone.
 */
async function settlePosting(posting: StockPostingItem, countedAfter: number, countedBefore: number): Promise<void> {
  const flip = countedAfter - countedBefore;
  const pendingName = { '#pending': `${PENDING_PREFIX}${posting.id}` };
  if (flip === 0) {
    // Nothing else changes: two plain writes, each idempotent. Between them the posting exists twice
    // (item and pending copy, same id): readers count it once (checkStockReconciles).
    await putIfAbsent({ ...keys.stockPosting(posting.skuId, posting.id), ...posting });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.productSku(posting.productId, posting.skuId),
        UpdateExpression: 'REMOVE #pending',
        ExpressionAttributeNames: pendingName,
      }),
    );
    return;
  }
  const base: TxItem[] = [
    { Put: { TableName: tableName(), Item: { ...keys.stockPosting(posting.skuId, posting.id), ...posting }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: tableName(),
        Key: keys.productSku(posting.productId, posting.skuId),
        UpdateExpression: 'REMOVE #pending',
        ConditionExpression: 'attribute_exists(#pending)',
        ExpressionAttributeNames: pendingName,
      },
    },
  ];
  // A SKU coming back in stock makes its product in stock; one selling out does only when it was the
  // product's last stocked SKU: try "others remain" first, then "it was the last" (no read needed).
  const productKey = keys.product(posting.productId);
  const variants: (TxItem | undefined)[] =
    flip === 0
      ? [undefined]
      : flip > 0
        ? [
            {
              Update: {
                TableName: tableName(),
                Key: productKey,
                UpdateExpression: 'ADD stockedSkuCount :one SET inStock = :t',
                ExpressionAttributeValues: { ':one': 1, ':t': true },
              },
            },
          ]
        : [
            {
              Update: {
                TableName: tableName(),
                Key: productKey,
                UpdateExpression: 'ADD stockedSkuCount :minus',
                ConditionExpression: 'stockedSkuCount > :one',
                ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
              },
            },
            {
              Update: {
                TableName: tableName(),
                Key: productKey,
                UpdateExpression: 'SET stockedSkuCount = :zero, inStock = :f',
                ConditionExpression: 'stockedSkuCount <= :one',
                ExpressionAttributeValues: { ':zero': 0, ':f': false, ':one': 1 },
              },
            },
          ];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const product = variants[attempt % variants.length];
    try {
      await transact(product ? [...base, product] : base);
      return;
    } catch (err) {
      if (!(err instanceof TransactionConditionError)) throw err;
      if (err.failed.includes(0) || err.failed.includes(1)) return; // settled already (a retried settle)
    }
  }
  throw new ConflictError('The stock is changing too fast: try again');
}

/**
 * Read-and-condition path for a reference applied once. Primary course: 1. read the product, the SKU
 * and the reference marker consistently; 2. refuse when stock would go below zero (422); 3. ONE
 * transaction: the SKU's stock conditioned on the value read, the posting, the reference marker and,
 * when the SKU's stock crosses zero, the product's `inStock`/`stockedSkuCount` conditioned on the count
 * read; 4. a lost race re-reads and retries. A reference already applied returns its original posting.
 */
async function adjustOnce(
  skuId: string,
  productId: string,
  delta: number,
  reason: StockReason,
  reference: string,
  actorId: string | null,
  opts: AdjustOptions,
): Promise<StockPosting> {
  const skuKey = keys.productSku(productId, skuId);
  const productKey = keys.product(productId);
  const markerKey = keys.stockReference(skuId, reason, reference);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const got = [...(await batchGet([skuKey, productKey, markerKey], true)).values()];
    const skuRaw = got.find((i) => i.PK === skuKey.PK && i.SK === skuKey.SK);
    const productRaw = got.find((i) => i.PK === productKey.PK && i.SK === productKey.SK);
    if (!skuRaw || !productRaw) throw new NotFoundError('SKU');
    const sku = SkuItem.parse(skuRaw);
    if (sku.id !== skuId || (opts.merchantId !== undefined && sku.merchantId !== opts.merchantId)) throw new NotFoundError('SKU');
    const markerRaw = got.find((i) => i.PK === markerKey.PK && i.SK === markerKey.SK);
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
      {
        Put: {
          TableName: tableName(),
          Item: { ...markerKey, entity: 'StockReference', skuId, postingId: posting.id, reason, reference },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
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
      await transact(items);
      return toPosting(posting);
    } catch (err) {
      if (!(err instanceof TransactionConditionError)) throw err;
      if (err.failed.includes(2)) continue; // applied meanwhile: the next read returns it
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
  /** The request's Idempotency-Key reference, when it sent one: the adjustment is applied once per key. */
  idempotencyReference?: string,
): Promise<StockPosting> {
  const reference = idempotencyReference ? `idempotency:${idempotencyReference}` : null;
  return adjustStock(skuId, input.delta, 'adjustment', reference, actorId, { productId, merchantId, note: input.note ?? null });
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
  const out = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
      ScanIndexForward: false,
    },
    { limit: opts.limit ?? 50, cursor: opts.cursor, expected: { PK: p.PK } },
  );
  return { items: out.items.map((i) => toPosting(StockPostingItem.parse(i))), nextCursor: out.nextCursor };
}

/** The sum of a SKU's postings (AP33, every page). */
export async function sumPostings(skuId: string): Promise<{ sum: number; count: number }> {
  const { sum, count } = await postingsOf(skuId);
  return { sum, count };
}

async function postingsOf(skuId: string): Promise<{ sum: number; count: number; ids: Set<string> }> {
  const p = keys.stockPostingsPrefix(skuId);
  let sum = 0;
  let count = 0;
  const ids = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
        ProjectionExpression: 'delta, id',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const i of out.Items ?? []) {
      sum += Number(i.delta);
      count += 1;
      ids.add(String(i.id));
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { sum, count, ids };
}

/** The postings recorded on a SKU item and not yet settled into posting items (ADR 0035). */
function pendingDeltas(raw: Record<string, unknown>, settled = new Set<string>()): { sum: number; ids: string } {
  const names = Object.keys(raw)
    .filter((k) => k.startsWith(PENDING_PREFIX))
    .sort();
  const unsettled = names.filter((k) => !settled.has(k.slice(PENDING_PREFIX.length)));
  return { sum: unsettled.reduce((n, k) => n + Number((raw[k] as { delta?: unknown }).delta), 0), ids: names.join(',') };
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
  const readSku = async (sku: SkuItem) =>
    (await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(sku.productId, sku.id), ConsistentRead: true }))).Item;
  for (const sku of skus) {
    // a posting landing or settling between the reads is not a mismatch: re-read until the SKU holds still
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const before = await readSku(sku);
      const { sum, ids } = await postingsOf(sku.id);
      const after = await readSku(sku);
      if (!before || !after) break;
      const [a, b] = [pendingDeltas(before), pendingDeltas(after, ids)];
      if (before.stock !== after.stock || a.ids !== b.ids) continue;
      const stock = Number(after.stock);
      if (sum + b.sum !== stock || stock < 0) mismatches.push({ skuId: sku.id, productId: sku.productId, stock, postingsSum: sum + b.sum });
      break;
    }
  }
  return mismatches;
}
