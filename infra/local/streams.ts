import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadHandler, type FunctionDef } from './template';

export interface StreamConsumer {
  name: string;
  handler: string;
  batchSize: number;
  maximumRetryAttempts: number;
  filterPatterns: unknown[];
}

/** The `stream:` events of serverless.yml. */
export function streamConsumers(functions: FunctionDef[]): StreamConsumer[] {
  return functions.flatMap((f) =>
    f.events
      .map((e) => e.stream as Record<string, unknown> | undefined)
      .filter((s): s is Record<string, unknown> => Boolean(s))
      .map((s) => ({
        name: f.name,
        handler: f.handler,
        batchSize: Number(s.batchSize ?? 100),
        maximumRetryAttempts: Number(s.maximumRetryAttempts ?? 3),
        filterPatterns: (s.filterPatterns as unknown[]) ?? [],
      })),
  );
}

/** Lambda event filtering, the subset we use: every key of the pattern matches; leaves are lists of allowed values. */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((allowed) => allowed === value);
  if (pattern && typeof pattern === 'object') {
    if (!value || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([k, p]) => matchesPattern(p, (value as Record<string, unknown>)[k]));
  }
  return pattern === value;
}

/** The SDK's stream deserializer turns an empty map `{ M: {} }` into `{}`; Lambda delivers `{ M: {} }`. */
function normalizeImage(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!image) return image;
  const fix = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return { M: {} };
    const [type, inner] = entries[0]!;
    if (type === 'M' && inner && typeof inner === 'object') return { M: Object.fromEntries(Object.entries(inner).map(([k, x]) => [k, fix(x)])) };
    if (type === 'L' && Array.isArray(inner)) return { L: inner.map(fix) };
    return v;
  };
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fix(v)]));
}

const toLambdaRecord = (r: StreamRecord, streamArn: string): DynamoDBStreamEvent['Records'][number] =>
  ({
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? 'ap-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...r.dynamodb,
      NewImage: normalizeImage(r.dynamodb?.NewImage as Record<string, unknown>),
      OldImage: normalizeImage(r.dynamodb?.OldImage as Record<string, unknown>),
      ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime ? r.dynamodb.ApproximateCreationDateTime.getTime() / 1000 : undefined,
    },
  }) as DynamoDBStreamEvent['Records'][number];

interface Checkpoints {
  [key: string]: string;
}

/**
 * Feeds the table's real stream (DynamoDB Local) to the consumers declared in serverless.yml,
 * as Lambda's event source mapping does: batches, filter patterns, ReportBatchItemFailures
 * with retries, and a checkpoint per consumer and shard so a restart resumes where it stopped.
 */
export async function startStreamPoller(opts: {
  endpoint: string;
  tableName: string;
  consumers: StreamConsumer[];
  checkpointFile?: string;
  intervalMs?: number;
  log: (m: string) => void;
}) {
  const client = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const checkpoints: Checkpoints =
    opts.checkpointFile && existsSync(opts.checkpointFile) ? (JSON.parse(readFileSync(opts.checkpointFile, 'utf8')) as Checkpoints) : {};
  const saveCheckpoints = () => opts.checkpointFile && writeFileSync(opts.checkpointFile, JSON.stringify(checkpoints, null, 2));
  const handlers = new Map<string, (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>>();
  for (const c of opts.consumers) handlers.set(c.name, await loadHandler(c.handler));
  const iterators = new Map<string, string | undefined>();
  const finishedShards = new Set<string>();
  let stopped = false;
  let processed = 0;
  /** When the last poll that found nothing for any consumer on any shard started (0: none yet). */
  let idleSince = 0;

  async function deliver(consumer: StreamConsumer, records: DynamoDBStreamEvent['Records']): Promise<void> {
    const matching = consumer.filterPatterns.length ? records.filter((r) => consumer.filterPatterns.some((p) => matchesPattern(p, r))) : records;
    let pending = matching;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      let failedIds: string[] = [];
      try {
        const res = await handlers.get(consumer.name)!({ Records: pending });
        failedIds = (res?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      } catch (err) {
        opts.log(`stream ${consumer.name}: handler threw: ${String(err)}`);
        failedIds = [pending[0]!.dynamodb?.SequenceNumber ?? ''];
      }
      if (failedIds.length === 0) break;
      if (attempt >= consumer.maximumRetryAttempts) {
        opts.log(`stream ${consumer.name}: giving up on ${failedIds.length} record(s) after ${attempt + 1} attempts`);
        break;
      }
      const firstFailed = pending.findIndex((r) => failedIds.includes(r.dynamodb?.SequenceNumber ?? '') || failedIds.includes(r.eventID ?? ''));
      pending = pending.slice(Math.max(firstFailed, 0));
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    processed += matching.length;
  }

  async function poll(): Promise<number> {
    let delivered = 0;
    const streams = await client.send(new ListStreamsCommand({ TableName: opts.tableName }));
    const streamArn = streams.Streams?.[0]?.StreamArn;
    if (!streamArn) return 0;
    const described = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      for (const consumer of opts.consumers) {
        const key = `${consumer.name}:${shardId}`;
        if (finishedShards.has(key)) continue;
        if (!iterators.has(key)) {
          const after = checkpoints[key];
          const it = await client.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shardId,
              ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
              SequenceNumber: after,
            }),
          );
          iterators.set(key, it.ShardIterator);
        }
        const iterator = iterators.get(key);
        if (!iterator) {
          finishedShards.add(key);
          continue;
        }
        const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: consumer.batchSize }));
        const records = (out.Records ?? []).map((r) => toLambdaRecord(r, streamArn));
        if (records.length) {
          delivered += records.length;
          await deliver(consumer, records);
          checkpoints[key] = records[records.length - 1]!.dynamodb!.SequenceNumber!;
          saveCheckpoints();
        }
        iterators.set(key, out.NextShardIterator);
        if (!out.NextShardIterator) finishedShards.add(key);
      }
    }
    return delivered;
  }

  const loop = (async () => {
    while (!stopped) {
      let delivered = 0;
      const started = Date.now();
      try {
        delivered = await poll();
        if (delivered === 0) idleSince = started;
      } catch (err) {
        if (!stopped) opts.log(`stream poller: ${String(err)}`);
        iterators.clear();
        delivered = -1; // not idle: nothing was read
      }
      // A backlog (after a restart, or a big seed) is drained without pausing; an idle stream is polled 4x/s.
      if (delivered <= 0) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
    }
  })();

  return {
    processed: () => processed,
    /**
     * Resolves once every consumer has read every record written before the call: a whole poll that
     * started after it found nothing new on any shard. A backlog (consumers paused while a suite ran)
     * takes a while; `timeoutMs` bounds the wait.
     * NOTE: DynamoDB Local answers GetRecords with whatever the shard holds past the iterator, so an empty
     * answer means the end; real DynamoDB may answer empty mid-shard (this poller is the local stack's only).
     */
    caughtUp: async (timeoutMs = 120_000): Promise<void> => {
      const since = Date.now();
      while (idleSince < since) {
        if (stopped) throw new Error('the stream poller is stopped: it will not catch up');
        if (Date.now() - since > timeoutMs) throw new Error(`the stream consumers did not catch up in ${timeoutMs} ms (${processed} records delivered so far)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      stopped = true;
      await loop;
      client.destroy();
    },
  };
}
