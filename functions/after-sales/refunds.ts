/**
 * After-sale refunds through WeChat Pay (电商收付通 退款申请), exactly once (docs/adr/0056, ADR 0034).
 *
 * A case that reaches `refunding` is written with its refund to do (AP103) in the same transaction.
 * processRefund, primary course (right after the step, then by the sweeper until settled):
 *   1. the case's units go back to stock, if it has any to restock: one posting per SKU by the case's
 *      reference (`return`, once per reference: a rerun finds it), then the case forgets them;
 *   2. no refund id yet: apply the refund for the store's sub-order, `out_refund_no` derived from the
 *      case (a retry after a crash sends the same number: WeChat Pay answers the same refund, never a
 *      second one), keep its refund id and look again after REFUND_QUERY_AFTER_S;
 *   3. a refund id and no notification by then: ask WeChat Pay (`out-refund-no/{no}`) and settle.
 *   Before step 2, an order already settled first takes back the platform's share of the refunded
 *   money (profit-sharing return, functions/settlement/settle.ts); one settling right now waits.
 * settleRefund (notification or query): the refund must be the case's (number, sub-merchant, amount);
 * SUCCESS: ONE transaction: the case `refunding` -> `refunded` (version-conditioned), the ledger's
 * refunded fen, the store's `refund` posting, the refund to do out and, when every fen of the order is now refunded, the order
 * `refund_all` -> `refunded` with its event. ABNORMAL / CLOSED: `refund_failed` for operations.
 */
import type { AfterSaleRefund } from '@wxshop/shared/after-sales';
import { keys } from '../lib/keys';
import { logger } from '../lib/logger';
import { queryAll, transact, TransactionConditionError, batchGet, keyString, type TxItem } from '../lib/table-ops';
import { ConflictError } from '../lib/errors';
import { wechatPayConfig } from '../lib/adapters/config';
import { WechatPayApiError, applyEcommerceRefund, queryEcommerceRefund, type EcommerceRefundStatus } from '../lib/adapters/wechatpay-ecommerce';
import { adjustStock } from '../catalog/stock';
import { readOrder } from '../orders/orders';
import { orderPut } from '../orders/checkout';
import { orderEventPut } from '../orders/events';
import { canTransition, transition } from '../orders/state-machine';
import { afterSaleTransition } from './state-machine';
import { RefundToDoItem, type AfterSaleItem } from './items';
import { caseEventPut, casePut, deleteKey, ledgerPut, newLedger, readCase, readLedger, refundToDoPut } from './repo';
import { refundNotifyUrl, refundQueryAfterSeconds } from './config';
import { refundIsAfterSettlement, returnShareBeforeRefund } from '../settlement/settle';
import { refundPosting } from '../settlement/payments';

const PREFIX = 'AS';
/** Our refund number of a case: the same on every retry (`AS` + the case's ULID, 28 characters). */
export const outRefundNoOf = (afterSaleId: string): string => `${PREFIX}${afterSaleId}`;
/** The case a refund number names, or undefined when it is not one of ours. */
export const afterSaleOfRefundNo = (outRefundNo: string): string | undefined =>
  outRefundNo.startsWith(PREFIX) && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(outRefundNo.slice(PREFIX.length)) ? outRefundNo.slice(PREFIX.length) : undefined;

export interface RefundReport {
  outRefundNo: string;
  refundId: string;
  status: EcommerceRefundStatus;
  amount: number;
  subMchid: string;
  successTime?: string;
}

export type SettleOutcome = 'refunded' | 'failed' | 'processing' | 'already_settled' | 'mismatch' | 'unknown';

const later = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

/** Step 1: the case's units back in stock, once. */
async function restock(c: AfterSaleItem, now: Date): Promise<AfterSaleItem> {
  if (!c.restock) return c;
  for (const r of c.restock) {
    await adjustStock(r.skuId, r.quantity, 'return', c.id, null, { productId: r.productId, note: `after-sale ${c.id}`, now });
  }
  const next: AfterSaleItem = { ...c, restock: null, version: c.version + 1 };
  await transact([casePut(c, next)]);
  return next;
}

/** Step 2: the refund applied at WeChat Pay (same number on every call); exported for the crash test. */
export async function applyAtWechatPay(c: AfterSaleItem) {
  if (!c.transactionId) throw new ConflictError('The order has no settled payment');
  return applyEcommerceRefund({
    subMchid: c.subMchid,
    transactionId: c.transactionId,
    outRefundNo: outRefundNoOf(c.id),
    refund: { amount: c.total.amount, currency: 'CNY' },
    total: { amount: c.orderTotal, currency: 'CNY' },
    reason: c.kind === 'return_refund' ? '退货退款' : '仅退款',
    notifyUrl: refundNotifyUrl(),
  });
}

/** Steps 1-3 for one case; a case no longer refunding only leaves the queue. */
export async function processRefund(afterSaleId: string, now = new Date()): Promise<SettleOutcome> {
  let c = await readCase(afterSaleId);
  if (c.status !== 'refunding' || !c.refund) {
    await transact([deleteKey(keys.refundToDo(afterSaleId))]);
    return 'already_settled';
  }
  c = await restock(c, now);
  if (!c.refund!.refundId) {
    // a settled order first takes back the platform's share of this money; one settling now waits (ADR 0062)
    if (!(await returnShareBeforeRefund(c.orderId, c.id, c.total.amount, now)).go) {
      await transact([refundToDoPut(c.id, later(now, refundQueryAfterSeconds()))]);
      return 'processing';
    }
    const applied = await applyAtWechatPay(c);
    const refund: AfterSaleRefund = { ...c.refund!, refundId: applied.refundId, status: 'PROCESSING', requestedAt: now.toISOString() };
    const next: AfterSaleItem = { ...c, refund, version: c.version + 1 };
    await transact([casePut(c, next), refundToDoPut(c.id, later(now, refundQueryAfterSeconds()))]);
    logger.info('after-sale refund applied', { afterSaleId, refundId: applied.refundId, amount: c.total.amount });
    if (applied.status === 'SUCCESS' || applied.status === 'CLOSED' || applied.status === 'ABNORMAL')
      return settleRefund(
        { outRefundNo: applied.outRefundNo, refundId: applied.refundId, status: applied.status, amount: applied.refund.amount, subMchid: c.subMchid },
        now,
      );
    return 'processing';
  }
  let answer;
  try {
    answer = await queryEcommerceRefund(c.subMchid, c.refund!.outRefundNo);
  } catch (err) {
    if (err instanceof WechatPayApiError && err.status === 404) {
      // NOTE: our refund id says it was applied; WeChat Pay not knowing it is for operations, asked again later
      logger.error('refund unknown at WeChat Pay', { afterSaleId });
      await transact([refundToDoPut(c.id, later(now, refundQueryAfterSeconds()))]);
      return 'unknown';
    }
    throw err;
  }
  const report: RefundReport = {
    outRefundNo: answer.outRefundNo,
    refundId: answer.refundId,
    status: answer.status ?? 'PROCESSING',
    amount: answer.refund.amount,
    subMchid: c.subMchid,
  };
  const outcome = await settleRefund(report, now);
  if (outcome === 'processing') await transact([refundToDoPut(c.id, later(now, refundQueryAfterSeconds()))]);
  return outcome;
}

/**
 * Applies a refund's result (verified notification or query) to its case, once. See the module comment.
 * @returns what changed: `already_settled` for a repeat, `mismatch` for a refund that is not the case's
 */
export async function settleRefund(report: RefundReport, now = new Date()): Promise<SettleOutcome> {
  const afterSaleId = afterSaleOfRefundNo(report.outRefundNo);
  if (!afterSaleId) return 'unknown';
  for (let attempt = 0; ; attempt += 1) {
    const found = await batchGet([keys.afterSale(afterSaleId)], true);
    if (!found.get(keyString(keys.afterSale(afterSaleId)))) return 'unknown';
    const c = await readCase(afterSaleId);
    if (c.status !== 'refunding' || !c.refund) return 'already_settled';
    if (report.subMchid !== c.subMchid || report.amount !== c.total.amount || (c.refund.refundId && report.refundId !== c.refund.refundId)) {
      logger.error('refund does not match its case', { afterSaleId, report });
      return 'mismatch';
    }
    if (report.status === 'PROCESSING') return 'processing';
    const at = now.toISOString();
    const ok = report.status === 'SUCCESS';
    const t = afterSaleTransition(
      'refunding',
      ok ? 'refund_succeeded' : 'refund_failed',
      { kind: 'payment', id: null },
      at,
      ok ? null : `WeChat Pay: ${report.status}`,
    );
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      refund: { ...c.refund, refundId: report.refundId, status: report.status, succeededAt: ok ? at : null },
      updatedAt: at,
      version: c.version + 1,
    };
    const items: TxItem[] = [casePut(c, next), caseEventPut(next, t.entry, now), deleteKey(keys.refundToDo(c.id))];
    if (ok) {
      const ledger = (await readLedger(c.orderId)) ?? newLedger(c.orderId);
      const refunded = ledger.refunded + c.total.amount;
      items.push(ledgerPut(ledger, { ...ledger, refunded }));
      // the store's ledger: out of pending, or of available when the order had settled (ADR 0063)
      const fromAvailable = await refundIsAfterSettlement(c.orderId, c.id);
      items.push(...refundPosting(c.merchantId, c.orderId, c.refund.outRefundNo, c.total.amount, fromAvailable, now));
      if (refunded === c.orderTotal && t.orderAction) {
        const o = await readOrder(c.orderId);
        if (canTransition(o.status, t.orderAction)) {
          const ot = transition(o.status, t.orderAction, { kind: 'payment', id: null }, at, `refunded in full by after-sale ${c.id}`);
          const order = { ...o, status: ot.to, history: [...o.history, ot.entry], version: o.version + 1 };
          items.push(orderPut(o, order), orderEventPut(order, ot.entry, now));
        }
      }
    }
    try {
      await transact(items);
      logger.info('after-sale refund settled', { afterSaleId, status: report.status, amount: report.amount });
      return ok ? 'refunded' : 'failed';
    } catch (err) {
      // the case, ledger or order changed meanwhile (another notification, another case): read again
      if (err instanceof TransactionConditionError && attempt < 5) continue;
      throw err;
    }
  }
}

/** The sweeper's step: every refund to do whose time has come (AP103); a failure is logged and retried next run. */
export async function sweepRefunds(now = new Date()): Promise<number> {
  const todo = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.refundsToDoPartition().PK } });
  let done = 0;
  for (const raw of todo) {
    const item = RefundToDoItem.parse(raw);
    if (item.nextAt > now.toISOString()) continue;
    try {
      const outcome = await processRefund(item.afterSaleId, now);
      if (outcome === 'refunded' || outcome === 'failed') done += 1;
    } catch (err) {
      logger.error('after-sale refund failed', { afterSaleId: item.afterSaleId, err: String(err) });
    }
  }
  return done;
}

/** Our platform's merchant id (a notification of another platform is not ours). */
export const platformMchid = (): string => wechatPayConfig().mchid;
