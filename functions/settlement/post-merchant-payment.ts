/**
 * Stream consumer (OrderPaid events): the store's `payment` posting, pending +total (ADR 0063). Once per
 * order: the posting's reference is the order id, so a redelivered event changes nothing.
 */
import { stream } from '../lib/stream';
import { OrderEventItem } from '../orders/items';
import { postOrderPayment } from './payments';

export const handler = stream({ name: 'post-merchant-payment', events: ['INSERT'], item: OrderEventItem }).handler(async ({ item }) => {
  if (item.type !== 'OrderPaid') return;
  await postOrderPayment(item.orderId);
});
