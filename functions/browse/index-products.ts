import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../lib/logger';
import { reindexProduct } from './indexer';

const CONCURRENCY = 4;

/**
 * PRODUCT item changes on the table stream (filtered in serverless.yml) -> the search and listing index.
 * Each changed product is reindexed once per batch from its current item, so redelivered and
 * out-of-order events are harmless. A failure reports the product's first record of the batch:
 * Lambda retries from there.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const firstRecord = new Map<string, string>();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
    if (!image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'Product' || typeof item.id !== 'string') continue;
    if (!firstRecord.has(item.id)) firstRecord.set(item.id, record.dynamodb?.SequenceNumber ?? record.eventID ?? '');
  }
  const failed: string[] = [];
  const work = [...firstRecord];
  // Products are independent: a few at a time.
  for (let i = 0; i < work.length; i += CONCURRENCY) {
    await Promise.all(
      work.slice(i, i + CONCURRENCY).map(async ([productId, sequence]) => {
        try {
          await reindexProduct(productId);
        } catch (err) {
          logger.error('index-products failed', { productId, err: String(err) });
          failed.push(sequence);
        }
      }),
    );
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
