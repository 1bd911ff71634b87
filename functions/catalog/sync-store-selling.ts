import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ITEM_SK } from '../lib/keys';
import { logger } from '../lib/logger';
import { setStoreSelling } from './products';
import { storeSells } from './rules';

/**
 * Stream consumer: a merchant's status changed between selling (open, warned) and not (suspended,
 * closed) -> its products' `storeSelling` and `onSale`. Idempotent: absolute values from the new image.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'MODIFY' || !image) continue;
    const next = unmarshall(image as Record<string, AttributeValue>);
    const prev = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage as Record<string, AttributeValue>) : {};
    if (next.entity !== 'Merchant' || next.SK !== ITEM_SK.profile || typeof next.id !== 'string') continue;
    const selling = storeSells(String(next.status));
    if (prev.status !== undefined && storeSells(String(prev.status)) === selling) continue;
    try {
      await setStoreSelling(next.id, selling);
    } catch (err) {
      logger.error('store selling sync failed', { merchantId: next.id, err: String(err) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? next.id });
    }
  }
  return { batchItemFailures };
};
