import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import { isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';

const CONSUMER = 'count-signups';

/** The day in China Standard Time (UTC+8), the platform's business day. */
export const businessDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * Domain event UserRegistered (a new User item on the table's stream) -> daily signup counters,
 * total and per login method. Streams deliver at least once: a marker written in the same
 * transaction as the counter makes each event count exactly once.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage || !record.eventID) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
    if (item.entity !== 'User') continue;
    const provider = String(item.signupProvider ?? 'unknown').replace(/[^a-z]/g, '');
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...keys.eventProcessed(CONSUMER, record.eventID), entity: 'EventMarker', expiresAt: ttlIn(7 * 86400) },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: tableName(),
                Key: keys.dailyStat(businessDay(String(item.createdAt)), 'signups'),
                UpdateExpression: 'SET entity = :e ADD #total :one, #provider :one',
                ExpressionAttributeNames: { '#total': 'total', '#provider': `by_${provider}` },
                ExpressionAttributeValues: { ':e': 'DailyStat', ':one': 1 },
              },
            },
          ],
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) continue; // already counted: a redelivery
      logger.error('count-signups failed', { eventID: record.eventID, err: String(err) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? record.eventID });
    }
  }
  return { batchItemFailures };
};
