import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { z } from 'zod';
import { failedConditionIndexes } from './errors';
import { keys, ttlIn } from './keys';
import { logger } from './logger';
import { db, tableName } from './table';

/** One write of a transaction, as lib-dynamodb takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type EventName = NonNullable<DynamoDBRecord['eventName']>;

export interface StreamInput<T> {
  /** The parsed image (new, or old for a REMOVE when `image` allows it). */
  item: T;
  /** The other image, unparsed (the old image of a MODIFY), or {} when there is none. */
  old: Record<string, unknown>;
  eventName: EventName | undefined;
  /** The stream record's id: the AP13 marker key. */
  eventId: string;
  record: DynamoDBRecord;
}

export interface StreamOptions<S extends z.ZodType> {
  /** The consumer's name, in logs and in the AP13 marker key (`EVENT#<name>#<eventId>`): never rename a live one. */
  name: string;
  /** The changes this consumer takes; all of them when absent. */
  events?: readonly EventName[];
  /** Which image is parsed: `new` (default), `old`, or `newOrOld` (the new one, the old one for a REMOVE). */
  image?: 'new' | 'old' | 'newOrOld';
  /**
   * The items this consumer takes. An image that does not parse is not this consumer's (another
   * entity on the same stream): it is skipped, not failed.
   */
  item: S;
  /**
   * Records with the same group in one batch are handled once, from the first of them (a consumer that
   * re-reads the current item, e.g. the search indexer). A failure reports that first record.
   */
  groupBy?: (item: z.output<S>) => string;
  /** How many records (or groups) run at once; 1 (in order) by default. */
  concurrency?: number;
}

/**
 * Streams deliver at least once, so a consumer is idempotent in one of two ways:
 * - `applyOnce`: the handler returns the writes a record makes, and they are written in ONE transaction
 *   with the AP13 marker `EVENT#<consumer>#<eventId>` (put if absent). A redelivered record fails the
 *   marker's condition and changes nothing (counters, sums).
 * - `handler`: the handler is idempotent by itself (absolute values from the image, or it re-reads the
 *   current item, or it keys its own effects by the record's content).
 */
export interface StreamBuilder<T> {
  applyOnce(fn: (input: StreamInput<T>) => Promise<TransactItem[]>): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  handler(fn: (input: StreamInput<T>) => Promise<void>): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
}

/** The marker lives a week: longer than a stream keeps records (24 h), so any redelivery finds it. */
const MARKER_TTL_S = 7 * 86400;

const image = (av: unknown): Record<string, unknown> => (av ? unmarshall(av as Record<string, AttributeValue>) : {});

/**
 * A DynamoDB stream consumer, like `http()` for routes: filters the change types, unmarshalls and
 * zod-parses the image, runs the handler per record (or per group), and answers `batchItemFailures` with
 * the sequence number of each record that failed, so Lambda (ReportBatchItemFailures) retries from there.
 */
export function stream<S extends z.ZodType>(options: StreamOptions<S>): StreamBuilder<z.output<S>> {
  type T = z.output<S>;
  const { name, events, item: schema, groupBy, concurrency = 1 } = options;
  const which = options.image ?? 'new';

  const parse = (record: DynamoDBRecord): StreamInput<T> | undefined => {
    if (events && (!record.eventName || !events.includes(record.eventName))) return undefined;
    const next = image(record.dynamodb?.NewImage);
    const prev = image(record.dynamodb?.OldImage);
    const raw = which === 'old' ? prev : which === 'newOrOld' && !record.dynamodb?.NewImage ? prev : next;
    if (Object.keys(raw).length === 0) return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return undefined;
    return { item: parsed.data, old: which === 'new' ? prev : next, eventName: record.eventName, eventId: record.eventID ?? '', record };
  };

  const run = (fn: (input: StreamInput<T>) => Promise<void>) => async (event: DynamoDBStreamEvent) => {
    const work: StreamInput<T>[] = [];
    const groups = new Set<string>();
    for (const record of event.Records) {
      const input = parse(record);
      if (!input) continue;
      if (groupBy) {
        const group = groupBy(input.item);
        if (groups.has(group)) continue;
        groups.add(group);
      }
      work.push(input);
    }
    const failed = new Set<DynamoDBRecord>();
    for (let i = 0; i < work.length; i += concurrency) {
      await Promise.all(
        work.slice(i, i + concurrency).map(async (input) => {
          try {
            await fn(input);
          } catch (err) {
            logger.error(`${name} failed`, { eventID: input.eventId, err: String(err) });
            failed.add(input.record);
          }
        }),
      );
    }
    // In stream order: Lambda retries from the lowest sequence number reported.
    const batchItemFailures = event.Records.filter((r) => failed.has(r)).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? r.eventID ?? '' }));
    return { batchItemFailures };
  };

  return {
    handler: run,
    applyOnce: (fn) =>
      run(async (input) => {
        if (!input.eventId) {
          // Never seen from DynamoDB Streams; retrying would block the shard, so it is logged and dropped.
          logger.error(`${name}: a record without eventID cannot be applied once (dropped)`, { sequence: input.record.dynamodb?.SequenceNumber });
          return;
        }
        const writes = await fn(input);
        const marker: TransactItem = {
          Put: {
            TableName: tableName(),
            Item: { ...keys.eventProcessed(name, input.eventId), entity: 'EventMarker', expiresAt: ttlIn(MARKER_TTL_S) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        };
        try {
          await db().send(new TransactWriteCommand({ TransactItems: [marker, ...writes] }));
        } catch (err) {
          // The marker exists: this record was applied before (a redelivery). Anything else (another
          // write's condition, an outage) is a real failure, reported and retried.
          const replay = (err as Error).name === 'TransactionCanceledException' && failedConditionIndexes(err).includes(0);
          if (!replay) throw err;
        }
      }),
  };
}
