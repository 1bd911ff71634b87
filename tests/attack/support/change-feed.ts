import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { OPERATIONAL_PREFIXES } from './table-digest';

export interface ChangeFeed {
  /** `PK|SK` of every item written since the last call (operational items excepted), in order. */
  changes(): Promise<string[]>;
  close(): void;
}

/**
 * The table's own stream as a change detector: a write that changes an item produces a record with
 * its key, a write that changes nothing produces none (as on AWS), and DynamoDB Local makes the
 * record readable as soon as the write returns. One GetRecords per request instead of a full scan.
 */
export async function createChangeFeed(endpoint: string, table: string, exclude: readonly string[] = OPERATIONAL_PREFIXES): Promise<ChangeFeed> {
  const client = new DynamoDBStreamsClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const arn = (await client.send(new ListStreamsCommand({ TableName: table }))).Streams?.[0]?.StreamArn;
  if (!arn) throw new Error(`table ${table} has no stream`);
  const iterators = new Map<string, string | undefined>();
  const track = async (type: 'LATEST' | 'TRIM_HORIZON'): Promise<void> => {
    const shards = (await client.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
    for (const shard of shards) {
      if (iterators.has(shard.ShardId!) || (type === 'LATEST' && shard.SequenceNumberRange?.EndingSequenceNumber)) continue;
      const it = await client.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: type }));
      iterators.set(shard.ShardId!, it.ShardIterator);
    }
  };
  await track('LATEST');
  return {
    close: () => client.destroy(),
    changes: async () => {
      await track('TRIM_HORIZON'); // a shard opened since (DynamoDB Local rolls them over)
      const keys: string[] = [];
      for (const [shard, iterator] of iterators) {
        let next = iterator;
        while (next) {
          const out = await client.send(new GetRecordsCommand({ ShardIterator: next }));
          for (const r of out.Records ?? []) {
            const pk = r.dynamodb?.Keys?.PK?.S ?? '';
            if (!exclude.some((p) => pk.startsWith(p))) keys.push(`${pk}|${r.dynamodb?.Keys?.SK?.S ?? ''} (${r.eventName})`);
          }
          next = out.NextShardIterator;
          if (!out.Records?.length) break;
        }
        iterators.set(shard, next);
      }
      return keys;
    },
  };
}
