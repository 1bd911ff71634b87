import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { health } from '@wxshop/shared';
import { http } from '../lib/http';
import { tableName } from '../lib/table';
import { db } from '../lib/table';

export const handler = http(health, async () => {
  const table = tableName();
  const client = db() as unknown as DynamoDBClient;
  const out = await client.send(new DescribeTableCommand({ TableName: table }));
  return { ok: out.Table?.TableStatus === 'ACTIVE', table, time: new Date().toISOString() };
});
