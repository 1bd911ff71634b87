/**
 * Commission from the order and after-sale events (ADR 0066): OrderPlaced snapshots the referral chain
 * and rates on the order, OrderPaid posts the pending accruals, AfterSaleRefunded the reversals. Each
 * effect is once by itself (the snapshot's key, its `accruedAt` and `refundRefs`, each posting's
 * reference), so the consumer is a plain `handler`; one consumer, in stream order, for the three.
 */
import { z } from 'zod';
import { stream } from '../lib/stream';
import { OrderEventItem } from '../orders/items';
import { AfterSaleEventItem } from '../after-sales/items';
import { accrueOrder, reverseForRefund, snapshotOrder } from './accrual';

const Event = z.discriminatedUnion('entity', [OrderEventItem, AfterSaleEventItem]);

export const handler = stream({ name: 'accrue-commissions', events: ['INSERT'], item: Event }).handler(async ({ item }) => {
  if (item.entity === 'OrderEvent') {
    if (item.type === 'OrderPlaced') await snapshotOrder(item.orderId);
    if (item.type === 'OrderPaid') await accrueOrder(item.orderId);
    return;
  }
  if (item.type === 'AfterSaleRefunded') await reverseForRefund(item.orderId, item.afterSaleId, item.amount);
});
