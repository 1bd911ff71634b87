import { stream } from '../lib/stream';
import { OrderEventItem } from '../orders/items';
import { readOrder } from '../orders/orders';
import { notifyReceipt, subscribeParcels, uploadShipping } from './shipping';

/**
 * Domain events OrderShipped, OrderDelivered (virtual goods) and OrderCompleted -> WeChat's order
 * shipping management and Kuaidi100 (ADR 0048). One consumer for all three keeps an order's steps in
 * stream order: a receipt waits (fails, is retried) until the shipping upload was accepted. Idempotent
 * by the WECHAT_SHIPPING record (see shipping.ts), so the stream's redeliveries and retries are harmless.
 */
export const handler = stream({ name: 'sync-shipping', events: ['INSERT'], item: OrderEventItem }).handler(async ({ item }) => {
  if (item.type !== 'OrderShipped' && item.type !== 'OrderDelivered' && item.type !== 'OrderCompleted') return;
  const order = await readOrder(item.orderId);
  if (item.type === 'OrderCompleted') {
    await notifyReceipt(order);
    return;
  }
  if (item.type === 'OrderDelivered' && !order.virtual) return;
  await uploadShipping(order);
  if (item.type === 'OrderShipped') await subscribeParcels(order);
});
