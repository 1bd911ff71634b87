import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../../infra/local/dynamodb';

/**
 * Waits until no refund is in flight (the AP103 partition `AFTERSALE_REFUNDS` is empty). A refund
 * settles a moment after the request that started it, when WeChat Pay's notification arrives; a
 * suite that judges each request by what the table's stream shows after it must wait for that, or the
 * settlement is blamed on whichever request comes next. Refunds still pending after `timeoutMs` are
 * an error of their own (they would be settled by the minute sweep, in the middle of a watched batch).
 */
export async function refundsSettled(endpoint: string, table: string, timeoutMs = 15_000): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    let pending: string[] = [];
    for (const deadline = Date.now() + timeoutMs; ; ) {
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'AFTERSALE_REFUNDS' } },
          ConsistentRead: true,
        }),
      );
      pending = (out.Items ?? []).map((i) => i.SK?.S ?? '');
      if (pending.length === 0) return;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`refunds still in flight after ${timeoutMs} ms (after-sale cases ${pending.join(', ')}): did their notifications reach this API?`);
  } finally {
    client.destroy();
  }
}
