/**
 * Daily reconciliation against the payment providers' trade bills (ADR 0071): WeChat Pay's and
 * Alipay's. Every line of a Beijing day's bill (every sub-merchant's payments and refunds that
 * succeeded that day) is matched to our record of it, and every record of ours from that day to its line:
 *
 * - `unknown_payment` / `unknown_refund`: the provider has it, we have no record of it;
 * - `missing_payment` / `missing_refund`: we recorded it that day, the bill does not have it;
 * - `amount`, `sub_merchant`, `currency`: both have it and they disagree (Alipay's bill names no
 *   sub-merchant: `sub_merchant` is WeChat Pay's only).
 *
 * Ours are the orders' sub-orders with their transaction (paid, and whatever happened after), the
 * payments that landed on a cancelled checkout (LatePayment) and their refunds, and the after-sale
 * refunds that succeeded; each to the provider that moved it (an order is Alipay's when its checkout
 * was paid with Alipay, an after-sale refund when its transaction is an Alipay order's).
 * Our times are when we applied the provider's word (a notification or a query), a little after WeChat's own:
 * a record of ours from the first minutes of a day that is on the day before's bill is matched there.
 *
 * The result is one report item per day and provider (AP157), replaced by a re-run, read by the admin
 * pages; differences are also an ERROR log line for the alarm. Nothing is repaired here.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { BILL_PROVIDERS, type BillDifference, type BillProvider, type BillReconciliation } from '@wxshop/shared/reconciliation';
import { downloadAlipayBill } from '../lib/adapters/alipay-bills';
import { downloadTradeBill, type TradeBill, type TradeBillLine } from '../lib/adapters/wechatpay-bills';
import { keys, keyText } from '../lib/keys';
import { logger } from '../lib/logger';
import { db, tableName } from '../lib/table';
import { queryAll } from '../lib/table-ops';
import { scanTable, type Snapshot } from './reconcile';

type Item = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Differences kept on the report item (the count is always exact). */
export const MAX_REPORTED = 200;
/** How long after midnight a record of ours may still be on the day before's bill. */
const BOUNDARY_MS = 10 * 60_000;
const BEIJING_MS = 8 * 3600_000;

/** `2024-05-20` of an ISO instant, in Beijing. */
export const beijingDay = (iso: string): string => new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 10);
/** The Beijing day before `day`. */
export const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/** Milliseconds since Beijing midnight of an ISO instant. */
const sinceMidnight = (iso: string): number => (Date.parse(iso) + BEIJING_MS) % 86_400_000;

/** One movement as we recorded it. */
export interface OurMovement {
  kind: 'payment' | 'refund';
  /** out_trade_no (payments) or out_refund_no (refunds) */
  no: string;
  transactionId: string;
  subMchid: string;
  amount: number;
  currency: string;
  /** when we recorded it succeeded (ISO); null: we do not know when (matched from the bill's side only) */
  at: string | null;
  /** the item it comes from, for the person who looks */
  ref: string;
}

/** Our movements through one provider (WeChat Pay unless told), from a scan of the table. */
export function ourMovements(s: Snapshot, provider: BillProvider = 'wechatpay'): OurMovement[] {
  const out: OurMovement[] = [];
  const alipay = provider === 'alipay';
  const alipayCheckouts = new Set(
    s
      .ofEntity('CheckoutPayment')
      .filter((p) => str(p.channel).startsWith('alipay'))
      .map((p) => str(p.checkoutId) || str(p.PK).replace(/^CHECKOUT#/, '')),
  );
  /** the transactions (trade_no) of orders paid with Alipay: their after-sale refunds are Alipay's */
  const alipayTransactions = new Set<string>();
  /** out_trade_no -> the store's Alipay smid its trade settled to (the order's subMchid is WeChat Pay's) */
  const smids = new Map(s.ofEntity('AlipayPaidTrade').map((t) => [str(t.outTradeNo), str(t.smid)]));
  for (const o of s.ofEntity('Order')) {
    if (!o.transactionId) continue;
    const paidWithAlipay = alipayCheckouts.has(str(o.checkoutId));
    if (paidWithAlipay) alipayTransactions.add(str(o.transactionId));
    if (paidWithAlipay !== alipay) continue;
    const total = (o.total ?? {}) as { amount?: number; currency?: string };
    out.push({
      kind: 'payment',
      no: str(o.outTradeNo),
      transactionId: str(o.transactionId),
      subMchid: alipay ? (smids.get(str(o.outTradeNo)) ?? str(o.subMchid)) : str(o.subMchid),
      amount: Number(total.amount),
      currency: str(total.currency),
      at: str(o.paidAt) || null,
      ref: keyText(o),
    });
  }
  for (const late of s.ofEntity('LatePayment')) {
    if ((late.channel === 'alipay') !== alipay) continue;
    for (const sub of (late.subOrders ?? []) as Item[])
      out.push({
        kind: 'payment',
        no: str(sub.outTradeNo),
        transactionId: str(sub.transactionId),
        subMchid: str(sub.subMchid),
        amount: Number(sub.amount),
        currency: str(sub.currency),
        at: str(late.createdAt) || null,
        ref: keyText(late),
      });
    for (const r of (late.refunds ?? []) as Item[]) {
      const sub = ((late.subOrders ?? []) as Item[]).find((x) => x.outTradeNo === r.outTradeNo);
      // NOTE: a WeChat Pay late refund carries no time of its own (it succeeds later, asynchronously):
      // matched from the bill's side only. Alipay's refund is done when alipay.trade.refund answers, so
      // its refundedAt is when Alipay had it.
      out.push({
        kind: 'refund',
        no: str(r.outRefundNo),
        transactionId: str(sub?.transactionId),
        subMchid: str(sub?.subMchid),
        amount: Number(r.amount),
        currency: str(sub?.currency) || 'CNY',
        at: alipay ? str(late.refundedAt) || null : null,
        ref: keyText(late),
      });
    }
  }
  for (const c of s.ofEntity('AfterSale')) {
    const refund = c.refund as { outRefundNo?: string; status?: string; amount?: { amount?: number; currency?: string }; succeededAt?: string | null } | null;
    if (!refund || refund.status !== 'SUCCESS' || alipayTransactions.has(str(c.transactionId)) !== alipay) continue;
    out.push({
      kind: 'refund',
      no: str(refund.outRefundNo),
      transactionId: str(c.transactionId),
      subMchid: str(c.subMchid),
      amount: Number(refund.amount?.amount),
      currency: str(refund.amount?.currency),
      at: refund.succeededAt ?? null,
      ref: keyText(c),
    });
  }
  return out;
}

const lineNo = (l: TradeBillLine): string => (l.kind === 'refund' ? (l.outRefundNo ?? '') : l.outTradeNo);
const fen = (amount: number, currency: string): string => `${amount} ${currency}`;
const PROVIDER_NAME: Record<BillProvider, string> = { wechatpay: 'WeChat Pay', alipay: 'Alipay' };

/**
 * The differences between a day's bill and our movements (pure). `previous` is the day before's bill,
 * asked for only when a record of ours from just after midnight is not on this one. Alipay's bill names
 * no sub-merchant, so for `alipay` the sub-merchant is not compared.
 */
export async function matchTradeBill(
  bill: TradeBill,
  ours: OurMovement[],
  previous: () => Promise<TradeBill>,
  provider: BillProvider = 'wechatpay',
): Promise<BillDifference[]> {
  const out: BillDifference[] = [];
  const name = PROVIDER_NAME[provider];
  const key = (kind: string, no: string): string => `${kind} ${no}`;
  const byNo = new Map(ours.map((m) => [key(m.kind, m.no), m]));
  const onBill = new Set<string>();
  for (const line of bill.lines) {
    const no = lineNo(line);
    onBill.add(key(line.kind, no));
    const mine = byNo.get(key(line.kind, no));
    const billSide = { no, transactionId: line.transactionId, subMchid: line.subMchid, amount: line.amount, currency: line.currency, time: line.time };
    if (!mine) {
      out.push({
        kind: line.kind === 'payment' ? 'unknown_payment' : 'unknown_refund',
        no,
        detail: `${name}'s bill has a ${line.kind} of ${fen(line.amount, line.currency)}${line.subMchid ? ` to ${line.subMchid}` : ''} at ${line.time} (transaction ${line.transactionId}) we have no record of`,
        bill: billSide,
        ours: null,
      });
      continue;
    }
    const ourSide = { no: mine.no, transactionId: mine.transactionId, subMchid: mine.subMchid, amount: mine.amount, currency: mine.currency, ref: mine.ref };
    if (mine.amount !== line.amount)
      out.push({
        kind: 'amount',
        no,
        detail: `${line.kind} ${no}: the bill says ${line.amount}, ${mine.ref} says ${mine.amount}`,
        bill: billSide,
        ours: ourSide,
      });
    if (mine.currency !== line.currency)
      out.push({
        kind: 'currency',
        no,
        detail: `${line.kind} ${no}: the bill says ${line.currency}, ${mine.ref} says ${mine.currency}`,
        bill: billSide,
        ours: ourSide,
      });
    if (provider !== 'alipay' && mine.subMchid !== line.subMchid)
      out.push({
        kind: 'sub_merchant',
        no,
        detail: `${line.kind} ${no}: the bill names ${line.subMchid}, ${mine.ref} names ${mine.subMchid}`,
        bill: billSide,
        ours: ourSide,
      });
  }
  let before: TradeBill | undefined;
  for (const mine of ours) {
    if (!mine.at || beijingDay(mine.at) !== bill.date || onBill.has(key(mine.kind, mine.no))) continue;
    if (sinceMidnight(mine.at) < BOUNDARY_MS) {
      before ??= await previous();
      if (before.lines.some((l) => l.kind === mine.kind && lineNo(l) === mine.no)) continue;
    }
    out.push({
      kind: mine.kind === 'payment' ? 'missing_payment' : 'missing_refund',
      no: mine.no,
      detail: `${mine.ref} recorded a ${mine.kind} of ${fen(mine.amount, mine.currency)} (${mine.no}) on ${bill.date} that ${name}'s bill does not have`,
      bill: null,
      ours: { no: mine.no, transactionId: mine.transactionId, subMchid: mine.subMchid, amount: mine.amount, currency: mine.currency, ref: mine.ref },
    });
  }
  return out;
}

const download: Record<BillProvider, (date: string) => Promise<TradeBill>> = {
  wechatpay: (date) => downloadTradeBill(date),
  alipay: downloadAlipayBill,
};

/** Reconciles one Beijing day's bill of a provider against the table and stores the report (a re-run replaces it). */
export async function reconcileBill(date: string, provider: BillProvider, now = new Date()): Promise<BillReconciliation> {
  const startedAt = now.toISOString();
  let report: BillReconciliation;
  try {
    const [bill, snapshot] = await Promise.all([download[provider](date), scanTable()]);
    const differences = await matchTradeBill(bill, ourMovements(snapshot, provider), () => download[provider](dayBefore(date)), provider);
    report = {
      date,
      provider,
      status: differences.length ? 'differences' : 'ok',
      ranAt: startedAt,
      lines: bill.lines.length,
      paid: { amount: bill.totals.paid, currency: 'CNY' },
      refunded: { amount: bill.totals.refunded, currency: 'CNY' },
      differenceCount: differences.length,
      differences: differences.slice(0, MAX_REPORTED),
      error: null,
    };
  } catch (err) {
    logger.error('bill reconciliation failed', { date, provider, err: String(err) });
    report = {
      date,
      provider,
      status: 'failed',
      ranAt: startedAt,
      lines: 0,
      paid: { amount: 0, currency: 'CNY' },
      refunded: { amount: 0, currency: 'CNY' },
      differenceCount: 0,
      differences: [],
      error: String(err instanceof Error ? err.message : err).slice(0, 500),
    };
  }
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.billReconciliation(date, provider), entity: 'BillReconciliation', ...report } }));
  if (report.status === 'differences')
    logger.error('bill reconciliation found differences', {
      date,
      provider,
      differences: report.differenceCount,
      kinds: [...new Set(report.differences.map((d) => d.kind))],
      first: report.differences.slice(0, 5).map((d) => d.detail),
    });
  else if (report.status === 'ok') logger.info('bill reconciled', { date, provider, lines: report.lines });
  return report;
}

/** Reconciles one Beijing day's WeChat Pay trade bill. */
export const reconcileWechatpayBill = (date: string, now = new Date()): Promise<BillReconciliation> => reconcileBill(date, 'wechatpay', now);
/** Reconciles one Beijing day's Alipay trade bill. */
export const reconcileAlipayBill = (date: string, now = new Date()): Promise<BillReconciliation> => reconcileBill(date, 'alipay', now);

/** WeChat Pay serves day D's bill from about 10:00 Beijing on D+1 (Alipay from about 09:00). */
const BILL_READY_HOUR = 10;

/** A day's bill of one provider to reconcile. */
export interface DueBill {
  date: string;
  provider: BillProvider;
}

/**
 * The bills to reconcile now, oldest first: each provider's yesterday once its bill is out (again
 * while it failed), and every day and provider finance asked for again (`queued`). Reads the newest
 * reports of AP157 (one small partition).
 */
export async function dueDays(now = new Date()): Promise<DueBill[]> {
  const reports = await queryAll(
    {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.billReconciliationsPartition().PK },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    400,
  );
  const due = new Map<string, DueBill>();
  const add = (date: string, provider: BillProvider): void => void due.set(`${date}#${provider}`, { date, provider });
  for (const r of reports) if (r.status === 'queued' && BILL_PROVIDERS.includes(r.provider as BillProvider)) add(str(r.date), r.provider as BillProvider);
  const yesterday = dayBefore(beijingDay(now.toISOString()));
  const ready = new Date(now.getTime() + BEIJING_MS).getUTCHours() >= BILL_READY_HOUR;
  for (const provider of BILL_PROVIDERS) {
    const mine = reports.find((r) => r.date === yesterday && r.provider === provider);
    if (ready && (!mine || mine.status === 'failed')) add(yesterday, provider);
  }
  return [...due.keys()].sort().map((k) => due.get(k)!);
}

/** Every 10 minutes: the due bills, oldest day first (one provider's failure does not stop the other's). */
export async function handler(): Promise<{ reconciled: { date: string; provider: BillProvider; status: string; differences: number }[] }> {
  const reconciled = [];
  for (const { date, provider } of await dueDays()) {
    const report = await reconcileBill(date, provider);
    reconciled.push({ date, provider, status: report.status, differences: report.differenceCount });
  }
  return { reconciled };
}
