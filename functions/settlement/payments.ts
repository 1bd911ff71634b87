/** A paid order's money in the store's ledger: pending until it settles (ADR 0063). */
import { keys } from '../lib/keys';
import { TransactionConditionError, batchGet, keyString, transact } from '../lib/table-ops';
import { OrderItem } from '../orders/items';
import { CheckoutPaymentItem } from '../payments/items';
import { postingWrites } from './ledger';

/**
 * Posts the order's payment once (reference: the order id). WeChat Pay orders only: an Alipay order's
 * money is settled by Alipay (NOTE: not in this ledger yet).
 * @returns whether this call wrote it
 */
export async function postOrderPayment(orderId: string, now = new Date()): Promise<boolean> {
  const raw = (await batchGet([keys.order(orderId)], true)).get(keyString(keys.order(orderId)));
  if (!raw) return false;
  const o = OrderItem.parse(raw);
  if (!o.transactionId) return false;
  const payment = (await batchGet([keys.checkoutPayment(o.checkoutId)], true)).get(keyString(keys.checkoutPayment(o.checkoutId)));
  if (!payment || CheckoutPaymentItem.parse(payment).channel === 'alipay') return false;
  try {
    await transact(postingWrites({ merchantId: o.merchantId, kind: 'payment', reference: o.id, orderId: o.id, deltas: { pending: o.total.amount } }, now));
    return true;
  } catch (err) {
    // the reference exists: posted before (a redelivered event)
    if (err instanceof TransactionConditionError && err.failed.includes(1)) return false;
    throw err;
  }
}

/** The ledger writes of a refund that succeeded: from pending, or from available when the order had settled. */
export const refundPosting = (merchantId: string, orderId: string, outRefundNo: string, amount: number, fromAvailable: boolean, now: Date) =>
  postingWrites({ merchantId, kind: 'refund', reference: outRefundNo, orderId, deltas: fromAvailable ? { available: -amount } : { pending: -amount } }, now);
