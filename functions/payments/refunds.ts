/**
 * Refunding late payments (a payment that landed after the cancel, or a second payment of a paid
 * checkout): each LatePayment `refund_pending` is refunded exactly once, one e-commerce refund per paid
 * sub-order from that store's sub-merchant balance, then becomes `refunded`. An Alipay one (channel
 * `alipay`) is one alipay.trade.refund per store's trade, out_request_no derived from the trade (ADR 0047).
 *
 * Primary course (the sweeper, every minute): 1. list the refund queue (AP82); 2. per sub-order, apply
 * the refund with an out_refund_no derived from the late payment and the sub-order (a retry after a
 * crash sends the same number: WeChat Pay answers the same refund, never a second one); 3. one
 * transaction: the LatePayment `refund_pending` -> `refunded` with the refund ids, and its queue item out.
 */
import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, queryAll } from '../lib/table-ops';
import { isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { applyEcommerceRefund } from '../lib/adapters/wechatpay-ecommerce';
import { refund as alipayRefund } from '../lib/adapters/alipay';
import { alipayLateRefundNo } from './alipay-pay';
import { LatePaymentItem } from '../orders/items';

/** Our refund number of one sub-order of a late payment: the same on every retry. */
export const lateRefundNo = (late: Pick<LatePaymentItem, 'checkoutId' | 'transactionId'>, subTransactionId: string): string =>
  `LR${createHash('sha256').update(`${late.checkoutId}|${late.transactionId}|${subTransactionId}`).digest('hex').slice(0, 40)}`;

/** Refunds one late payment (all its sub-orders) and marks it refunded; a refunded one changes nothing. */
export async function refundLatePayment(checkoutId: string, transactionId: string): Promise<'refunded' | 'already_refunded'> {
  const key = keys.latePayment(checkoutId, transactionId);
  const found = await batchGet([key], true);
  const raw = found.get(keyString(key));
  const table = tableName();
  const dequeue = { Delete: { TableName: table, Key: keys.pendingRefund(checkoutId, transactionId) } };
  if (!raw || LatePaymentItem.parse(raw).status === 'refunded') {
    await db().send(new TransactWriteCommand({ TransactItems: [dequeue] }));
    return 'already_refunded';
  }
  const late = LatePaymentItem.parse(raw);
  const refunds: { outTradeNo: string; outRefundNo: string; refundId: string; amount: number }[] = [];
  const reason = late.reason === 'after_cancel' ? '订单已取消，自动退款' : '重复支付，自动退款';
  for (const sub of late.subOrders) {
    if (late.channel === 'alipay') {
      // one refund per store's trade, numbered by the trade: a retry (or a second record of the trade) refunds nothing more
      const outRequestNo = alipayLateRefundNo(late.checkoutId, sub.outTradeNo);
      await alipayRefund({ outTradeNo: sub.outTradeNo, outRequestNo, refundFen: sub.amount, reason });
      refunds.push({ outTradeNo: sub.outTradeNo, outRefundNo: outRequestNo, refundId: sub.transactionId, amount: sub.amount });
      continue;
    }
    const outRefundNo = lateRefundNo(late, sub.transactionId);
    const refund = await applyEcommerceRefund({
      subMchid: sub.subMchid,
      transactionId: sub.transactionId,
      outRefundNo,
      refund: { amount: sub.amount, currency: 'CNY' },
      total: { amount: sub.amount, currency: 'CNY' },
      reason,
    });
    refunds.push({ outTradeNo: sub.outTradeNo, outRefundNo, refundId: refund.refundId, amount: sub.amount });
  }
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: key,
              UpdateExpression: 'SET #s = :refunded, refunds = :refunds, refundedAt = :at',
              ConditionExpression: '#s = :pending',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':refunded': 'refunded', ':pending': 'refund_pending', ':refunds': refunds, ':at': new Date().toISOString() },
            },
          },
          dequeue,
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    return 'already_refunded'; // another run got there first: its refunds are these same refunds
  }
  logger.info('late payment refunded', { checkoutId, transactionId, refunds: refunds.length });
  return 'refunded';
}

/** The sweeper's step: every queued late payment (AP82) refunded; a failure is logged and retried next run. */
export async function refundPendingLatePayments(): Promise<number> {
  const queued = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.pendingRefundsPartition().PK } });
  let done = 0;
  for (const q of queued) {
    try {
      if ((await refundLatePayment(String(q.checkoutId), String(q.transactionId))) === 'refunded') done += 1;
    } catch (err) {
      logger.error('late payment refund failed', { checkoutId: q.checkoutId, transactionId: q.transactionId, err: String(err) });
    }
  }
  return done;
}
