import {
  BatchGetCommand,
  BatchWriteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './table';
import type { Key } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { failedConditionIndexes, isConditionFailure } from './errors';

type Item = Record<string, unknown>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `PK|SK`: a key as one string (index state, dedup). */
export const keyString = (k: Key): string => `${k.PK}|${k.SK}`;
export const keyFromString = (s: string): Key => {
  const at = s.indexOf('|');
  return { PK: s.slice(0, at), SK: s.slice(at + 1) };
};

/**
 * BatchGet of up to any number of keys (100 per call), retrying unprocessed keys. Results are keyed by
 * `PK|SK`; missing items are absent. One DynamoDB call for up to 100 keys when nothing is throttled.
 */
export async function batchGet(keys: Key[], consistent = false): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const table = tableName();
  const unique = [...new Map(keys.map((k) => [keyString(k), k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Key[] = unique.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await pause(Math.min(1000, 50 * 2 ** attempt));
      const out = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } }));
      for (const item of out.Responses?.[table] ?? []) found.set(`${String(item.PK)}|${String(item.SK)}`, item);
      pending = (out.UnprocessedKeys?.[table]?.Keys as Key[] | undefined) ?? [];
      if (attempt > 8 && pending.length) throw new Error('BatchGet: keys left unprocessed after retries');
    }
  }
  return found;
}

/** BatchWrite of puts and deletes (25 per call), retrying unprocessed items. Not atomic: callers are idempotent. */
export async function batchWrite(puts: Item[], deletes: Key[]): Promise<void> {
  const table = tableName();
  const requests = [...puts.map((Item) => ({ PutRequest: { Item } })), ...deletes.map((Key) => ({ DeleteRequest: { Key } }))];
  for (let i = 0; i < requests.length; i += 25) {
    let pending: typeof requests = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await pause(Math.min(1000, 50 * 2 ** attempt));
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] as typeof requests | undefined) ?? [];
      if (attempt > 8 && pending.length) throw new Error('BatchWrite: items left unprocessed after retries');
    }
  }
}

/** Every item of a Query, page after page, up to `max` items. */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, max = 10_000): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items.slice(0, max);
}

/** One Query page with an opaque cursor bound to the partition it pages (`expected`, see lib/cursor.ts). */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  page: { limit: number; cursor?: string; expected: Record<string, string> },
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const out = await db().send(
    new QueryCommand({ ...input, TableName: tableName(), Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, page.expected) }),
  );
  return { items: out.Items ?? [], nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** Puts `item` unless an item with its key exists. @returns whether it was written */
export async function putIfAbsent(item: Item & Key): Promise<boolean> {
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * `SET a = :a, ... REMOVE b, ...` for top-level attributes. `undefined` values are skipped; names are
 * always aliased (reserved words). Merge a condition's own names and values into the result.
 */
export function updateExpression(set: Record<string, unknown>, remove: string[] = []): UpdateParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  let n = 0;
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    n += 1;
    names[`#u${n}`] = k;
    values[`:u${n}`] = v;
    sets.push(`#u${n} = :u${n}`);
  }
  const removes = remove.map((k) => {
    n += 1;
    names[`#u${n}`] = k;
    return `#u${n}`;
  });
  if (sets.length === 0 && removes.length === 0) throw new Error('updateExpression: nothing to set or remove');
  const expr = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return { UpdateExpression: expr, ExpressionAttributeNames: names, ...(sets.length ? { ExpressionAttributeValues: values } : {}) };
}

/**
 * An update from a partial change set: a value is SET, `null` REMOVEs the attribute, `undefined` leaves
 * it alone; `always` is SET in any case (e.g. `updatedAt`).
 */
export function changesExpression(changes: Record<string, unknown>, always: Record<string, unknown> = {}): UpdateParts {
  const set: Record<string, unknown> = { ...always };
  const remove: string[] = [];
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) remove.push(k);
    else if (v !== undefined) set[k] = v;
  }
  return updateExpression(set, remove);
}

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction Put that creates `item` only if no item has its key (a uniqueness claim, a marker). */
export const putNew = (item: Item & Key): TxItem => ({ Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(PK)' } });

/** A transaction refused by the condition of one or more of its items (`failed`: their indexes). */
export class TransactionConditionError extends Error {
  constructor(
    readonly failed: number[],
    cause: unknown,
  ) {
    super(`transaction condition failed on item(s) ${failed.join(', ')}`, { cause });
    this.name = 'TransactionConditionError';
  }
}

/** Another transaction held one of the items (TransactionConflictException, or a cancellation for TransactionConflict): retry. */
export const isTransactionConflict = (err: unknown): boolean =>
  err instanceof Error &&
  (err.name === 'TransactionConflictException' ||
    (err.name === 'TransactionCanceledException' &&
      ((err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
      !isConditionFailure(err)));

/**
 * TransactWriteItems (at most 100 items), retrying a TransactionConflict (another transaction on the
 * same items: real DynamoDB, never DynamoDB Local) with jittered backoff. A failed condition is not
 * retried: it throws `refusal(failedIndexes)` when given (the caller's typed error: 409, 404, ...),
 * else TransactionConditionError naming the items.
 */
export async function transact(items: TxItem[], refusal?: (failed: number[]) => Error, attempts = 6): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100) throw new Error(`transact: ${items.length} items (at most 100)`);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (isConditionFailure(err)) throw refusal ? refusal(failedConditionIndexes(err)) : new TransactionConditionError(failedConditionIndexes(err), err);
      if (!isTransactionConflict(err) || attempt + 1 >= attempts) throw err;
      await pause(Math.random() * Math.min(500, 20 * 2 ** attempt));
    }
  }
}
