/**
 * Scheduled on-sale / off-sale (AP35). Approving or re-listing a product writes an entry for a future
 * `onSaleAt` and for any `offSaleAt`; the scheduled function runs the entries that are due.
 */
import { DeleteCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { NotFoundError, isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { ProductScheduleItem } from './items';
import { loadProduct } from './repo';
import { isOnSale } from './rules';
import { productIndexKeys } from './product-writes';

export interface ScheduleRun {
  due: number;
  /** Products put on sale. */
  onSale: number;
  /** Products taken off-shelf. */
  offShelf: number;
}

/**
 * Runs every entry due at `now`. Idempotent: each entry re-evaluates the product as it is (status,
 * times, store) and sets absolute values; an entry is deleted only if still the one that was read
 * (a product re-scheduled meanwhile keeps its new entry). Off-shelf products keep everything else.
 */
export async function runDueSchedules(now = new Date()): Promise<ScheduleRun> {
  const run: ScheduleRun = { due: 0, onSale: 0, offShelf: 0 };
  const idx = keys.productScheduleIndex();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byStatus,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :upto',
        ExpressionAttributeValues: { ':pk': idx.GSI2PK, ':upto': `${now.toISOString()}#~` },
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of out.Items ?? []) {
      const entry = ProductScheduleItem.parse(raw);
      run.due += 1;
      try {
        const outcome = await applyEntry(entry, now);
        if (outcome === 'on') run.onSale += 1;
        if (outcome === 'off') run.offShelf += 1;
      } catch (err) {
        // NOTE: one failing product must not stop the others; its entry stays and runs next minute
        logger.error('scheduled product change failed', { productId: entry.productId, which: entry.which, err: String(err) });
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return run;
}

async function applyEntry(entry: ProductScheduleItem, now: Date): Promise<'on' | 'off' | 'none'> {
  const done = {
    Delete: {
      TableName: tableName(),
      Key: keys.productSchedule(entry.productId, entry.which),
      ConditionExpression: '#at = :at',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':at': entry.at },
    },
  };
  let product;
  try {
    product = (await loadProduct(entry.productId)).product;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    await db()
      .send(new DeleteCommand(done.Delete))
      .catch((e: unknown) => (isConditionFailure(e) ? undefined : Promise.reject(e)));
    return 'none';
  }
  const at = now.toISOString();
  const guard = {
    ConditionExpression: '#status = :status AND version = :v AND storeSelling = :ss',
    values: { ':status': product.status, ':v': product.version, ':ss': product.storeSelling },
  };
  let change: Record<string, unknown> | undefined;
  let outcome: 'on' | 'off' | 'none' = 'none';
  if (entry.which === 'off' && product.status === 'approved' && product.offSaleAt && Date.parse(product.offSaleAt) <= now.getTime()) {
    const next = { ...product, status: 'off_shelf' as const, updatedAt: at, statusChangedAt: at };
    change = { status: 'off_shelf', onSale: false, updatedAt: at, statusChangedAt: at, ...productIndexKeys(next) };
    outcome = 'off';
  } else {
    const onSale = isOnSale(product, now);
    if (onSale !== product.onSale) {
      change = { onSale };
      outcome = onSale ? 'on' : 'off';
    }
  }
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [done];
  if (change) {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ...guard.values };
    const sets = Object.entries(change).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      return `#f${i} = :f${i}`;
    });
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.product(product.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: guard.ConditionExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) return 'none'; // re-scheduled or changed meanwhile: the next run sees the new state
    throw err;
  }
  return outcome;
}
