import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../lib/logger';
import { StockPostingItem } from './items';
import { notifyLowStock } from './low-stock';

/**
 * Stream consumer: a new StockPosting -> a low-stock notice when it crossed the SKU's threshold.
 * At-least-once delivery is fine: the notice is keyed by the posting and each channel is sent once.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const parsed = StockPostingItem.safeParse(unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>));
    if (!parsed.success) continue;
    try {
      await notifyLowStock(parsed.data);
    } catch (err) {
      logger.error('low-stock notice failed', { postingId: parsed.data.id, err: String(err) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? record.eventID ?? parsed.data.id });
    }
  }
  return { batchItemFailures };
};
