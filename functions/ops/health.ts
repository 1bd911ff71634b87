import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { health } from '@wxshop/shared/api/me';
import { http } from '../lib/http';
import { keys } from '../lib/keys';
import { db, tableName } from '../lib/table';

/**
 * Liveness with a real round trip to the table: one GetItem of a key that never exists (AP16) (a data-plane
 * read, 0.5 RCU). Not DescribeTable: that is a control-plane call with a low account-wide rate,
 * wrong for something load balancers and monitors call every few seconds (and slow in DynamoDB Local).
 * A missing table or no connection throws, and the error mapper answers 503/500.
 */
export const handler = http(health, async () => {
  const table = tableName();
  await db().send(new GetCommand({ TableName: table, Key: keys.health(), ProjectionExpression: 'PK' }));
  return { ok: true, table, time: new Date().toISOString() };
});
