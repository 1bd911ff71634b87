import { z } from 'zod';
import { Money } from './money';

/** The kinds of difference a bill reconciliation reports (functions/ops/reconcile-bills.ts, ADR 0071). */
export const BillDifferenceKind = z.enum(['unknown_payment', 'unknown_refund', 'missing_payment', 'missing_refund', 'amount', 'currency', 'sub_merchant']);
export type BillDifferenceKind = z.infer<typeof BillDifferenceKind>;

const Side = z.object({ no: z.string(), transactionId: z.string(), subMchid: z.string(), amount: z.number().int(), currency: z.string() });

export const BillDifference = z.object({
  kind: BillDifferenceKind,
  /** out_trade_no of a payment, out_refund_no of a refund */
  no: z.string(),
  detail: z.string(),
  /** the bill's line (null: the bill does not have it) */
  bill: Side.extend({ time: z.string() }).nullable(),
  /** our record (null: we have none); `ref` names the item */
  ours: Side.extend({ ref: z.string() }).nullable(),
});
export type BillDifference = z.infer<typeof BillDifference>;

/** The providers whose daily bill is reconciled. */
export const BILL_PROVIDERS = ['wechatpay', 'alipay'] as const;
export const BillProvider = z.enum(BILL_PROVIDERS);
export type BillProvider = z.infer<typeof BillProvider>;

/** One day's reconciliation of a provider's bill against our records. */
export const BillReconciliation = z.object({
  /** the Beijing day of the bill, YYYY-MM-DD */
  date: z.string(),
  provider: BillProvider,
  /** `failed`: the bill could not be downloaded or checked (see `error`), tried again; `queued`: asked for again, runs within 10 minutes */
  status: z.enum(['ok', 'differences', 'failed', 'queued']),
  ranAt: z.string(),
  lines: z.number().int(),
  paid: Money,
  refunded: Money,
  /** every difference found; `differences` holds the first 200 */
  differenceCount: z.number().int(),
  differences: z.array(BillDifference),
  error: z.string().nullable(),
  /** who asked for the run now queued */
  queuedBy: z.string().optional(),
});
export type BillReconciliation = z.infer<typeof BillReconciliation>;

/** A Beijing calendar day as the routes take it. */
export const BillDate = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
