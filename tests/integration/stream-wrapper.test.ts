import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import '../support/integration-env';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { stream } from '../../functions/lib/stream';

/** A test counter on the table: AP14's shape under a day no account is created on. */
const counterKey = (run: string) => keys.dailyStat(`stream-test-${run}`, 'n');
const readCounter = async (run: string): Promise<number> =>
  Number((await db().send(new GetCommand({ TableName: tableName(), Key: counterKey(run), ConsistentRead: true }))).Item?.total ?? 0);

let seq = 0;
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: Record<string, unknown>, eventID = `ev-${Date.now()}-${++seq}`): DynamoDBRecord => ({
  eventID,
  eventName,
  dynamodb: {
    SequenceNumber: String(1000 + seq),
    ...(eventName === 'REMOVE' ? { OldImage: marshall(image) as never } : { NewImage: marshall(image) as never }),
  },
});

const Thing = z.object({ entity: z.literal('Thing'), run: z.string(), n: z.number().int(), fail: z.boolean().optional() });

/** A consumer that adds each Thing's `n` to its run's counter, once per record; `fail` makes the write fail. */
const addOnce = stream({ name: 'stream-wrapper-test', events: ['INSERT'], item: Thing }).applyOnce(async ({ item }) => {
  if (item.fail) throw new Error('boom');
  return [
    {
      Update: {
        TableName: tableName(),
        Key: counterKey(item.run),
        UpdateExpression: 'ADD #total :n',
        ExpressionAttributeNames: { '#total': 'total' },
        ExpressionAttributeValues: { ':n': item.n },
      },
    },
  ];
});

describe('stream() wrapper', () => {
  it('applies a replayed record once (AP13 marker in the same transaction)', async () => {
    const run = `once-${Date.now()}`;
    const first = record('INSERT', { entity: 'Thing', run, n: 5 });
    const second = record('INSERT', { entity: 'Thing', run, n: 7 });
    expect(await addOnce({ Records: [first, second] })).toEqual({ batchItemFailures: [] });
    expect(await readCounter(run)).toBe(12);
    // the whole batch redelivered, and the first record once more inside it
    expect(await addOnce({ Records: [first, second, first] })).toEqual({ batchItemFailures: [] });
    expect(await readCounter(run)).toBe(12);
  });

  it('reports the failing record by its sequence number and still applies the others', async () => {
    const run = `fail-${Date.now()}`;
    const ok1 = record('INSERT', { entity: 'Thing', run, n: 1 });
    const bad = record('INSERT', { entity: 'Thing', run, n: 100, fail: true });
    const ok2 = record('INSERT', { entity: 'Thing', run, n: 2 });
    expect(await addOnce({ Records: [ok1, bad, ok2] })).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] });
    expect(await readCounter(run)).toBe(3);
    // Lambda retries from the failed record: what was applied is not applied again
    expect(await addOnce({ Records: [ok2] })).toEqual({ batchItemFailures: [] });
    expect(await readCounter(run)).toBe(3);
  });

  it('skips other entities and change types, and a malformed image, without failing', async () => {
    const run = `skip-${Date.now()}`;
    const res = await addOnce({
      Records: [
        record('INSERT', { entity: 'Other', run, n: 1 }),
        record('MODIFY', { entity: 'Thing', run, n: 1 }),
        record('INSERT', { entity: 'Thing', run, n: 'one' }),
        record('INSERT', { entity: 'Thing', run, n: 4 }),
      ],
    });
    expect(res).toEqual({ batchItemFailures: [] });
    expect(await readCounter(run)).toBe(4);
  });

  it('groupBy handles a group once per batch and reports its first record when it fails', async () => {
    const seen: string[] = [];
    const byRun = stream({ name: 'stream-wrapper-group', image: 'newOrOld', item: Thing, groupBy: (t) => t.run, concurrency: 2 }).handler(async ({ item }) => {
      seen.push(item.run);
      if (item.fail) throw new Error('boom');
    });
    const a1 = record('INSERT', { entity: 'Thing', run: 'a', n: 1 });
    const b1 = record('MODIFY', { entity: 'Thing', run: 'b', n: 1, fail: true });
    const a2 = record('REMOVE', { entity: 'Thing', run: 'a', n: 2 });
    const b2 = record('MODIFY', { entity: 'Thing', run: 'b', n: 2 });
    expect(await byRun({ Records: [a1, b1, a2, b2] })).toEqual({ batchItemFailures: [{ itemIdentifier: b1.dynamodb!.SequenceNumber }] });
    expect(seen.sort()).toEqual(['a', 'b']);
  });
});
