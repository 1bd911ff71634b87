import { BatchGetCommand, BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './table';
import type { Key } from './keys';

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
