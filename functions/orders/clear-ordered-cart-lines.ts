import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { db, tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import { logger } from '../lib/logger';
import { removeItems } from '../cart/cart';
import { OrderEventItem } from './items';
import { readOrder } from './orders';

const CONSUMER = 'clear-ordered-cart-lines';

/**
 * Domain event OrderPlaced (an OrderEvent INSERT on the stream) -> the ordered SKUs leave the
 * shopper's cart. Idempotent by the event's id: a marker written after the removal makes a
 * redelivered event change nothing (so a SKU added again after the order stays); a crash before the
 * marker repeats a removal that already happened, which deletes nothing new.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const raw = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
    if (raw.entity !== 'OrderEvent' || raw.type !== 'OrderPlaced') continue;
    const e = OrderEventItem.parse(raw);
    const marker = keys.eventProcessed(CONSUMER, e.id);
    try {
      const done = await db().send(new GetCommand({ TableName: tableName(), Key: marker, ConsistentRead: true }));
      if (done.Item) continue;
      const order = await readOrder(e.orderId);
      await removeItems(
        e.userId,
        order.lines.map((l) => l.skuId),
      );
      await db().send(new PutCommand({ TableName: tableName(), Item: { ...marker, entity: 'EventMarker', expiresAt: ttlIn(7 * 86400) } }));
    } catch (err) {
      logger.error(`${CONSUMER} failed`, { eventId: e.id, err: String(err) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? record.eventID ?? '' });
    }
  }
  return { batchItemFailures };
};
