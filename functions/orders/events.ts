import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { OrderHistoryEntry } from '@wxshop/shared/orders';
import { tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import { tabOf, type OrderEventItem, type OrderItem } from './items';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The index keys of an order: the shopper's tab (AP75) and the store's status list (AP76). */
export const orderIndexKeys = (o: Pick<OrderItem, 'id' | 'userId' | 'merchantId' | 'status' | 'createdAt'>) => ({
  ...keys.shopperOrdersGsi1(o.userId, tabOf(o.status), o.createdAt, o.id),
  ...keys.merchantOrdersGsi2(o.merchantId, o.status, o.createdAt, o.id),
});

/** The domain event of a change, written in the change's transaction (the stream carries it to consumers). */
export function orderEventPut(o: Pick<OrderItem, 'id' | 'checkoutId' | 'userId' | 'merchantId'>, entry: OrderHistoryEntry, now: Date): TxItem {
  const id = ulid(now.getTime());
  const event: OrderEventItem = {
    entity: 'OrderEvent',
    id,
    type: entry.event as OrderEventItem['type'],
    orderId: o.id,
    checkoutId: o.checkoutId,
    userId: o.userId,
    merchantId: o.merchantId,
    from: entry.from,
    to: entry.to,
    actor: entry.actor,
    reason: entry.reason,
    at: entry.at,
  };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.orderEvent(o.id, id), ...event, expiresAt: ttlIn(90 * 86400, now.getTime()) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
