/**
 * The scheduled sweeps (every minute, serverless.yml `sweep-orders`): unpaid checkouts past their
 * pay-by time cancel (AP77, minute buckets), shipped orders past their auto-confirm time confirm
 * receipt (AP78, hour buckets). A cursor per sweep (the first bucket not yet done) makes a missed run
 * harmless: the next run sweeps every bucket since. Cancelling and confirming are conditional state
 * changes, so a due item swept twice, or one whose checkout was paid meanwhile, changes nothing.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { queryAll, transact } from '../lib/table-ops';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { confirmReceipt } from './orders';
import { cancelUnpaidCheckout, queryDuePayment } from '../payments/wechat-pay';
import { refundPendingLatePayments } from '../payments/refunds';
import { DUE_SHARDS } from './config';
import { approveIfDue } from '../after-sales/cases';
import { sweepRefunds } from '../after-sales/refunds';
import { processSettlement, settlementDuePut, settlementPollSeconds } from '../settlement/settle';
import { sweepWithdrawals } from '../settlement/withdrawals';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A first run (no cursor) looks back this far. */
const LOOKBACK = { checkouts: 2 * HOUR, receipts: 48 * HOUR, payments: 2 * HOUR, aftersales: 2 * HOUR, settlements: 48 * HOUR };

async function cursorOf(name: string, fallback: number): Promise<number> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.sweepCursor(name), ConsistentRead: true }));
  return typeof out.Item?.next === 'number' ? out.Item.next : fallback;
}
const saveCursor = (name: string, next: number) =>
  db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.sweepCursor(name), entity: 'SweepCursor', next } }));

async function sweep(
  name: keyof typeof LOOKBACK,
  step: number,
  bucketOf: (ms: number) => string,
  partition: (bucket: string, shard: number) => { PK: string },
  act: (item: Record<string, unknown>) => Promise<void>,
  now: Date,
): Promise<number> {
  const nowMs = now.getTime();
  const current = Math.floor(nowMs / step) * step;
  let from = await cursorOf(name, current - LOOKBACK[name]);
  let done = 0;
  for (let b = from; b <= current; b += step) {
    const bucket = bucketOf(b);
    for (let shard = 0; shard < DUE_SHARDS; shard += 1) {
      const p = partition(bucket, shard);
      const due = await queryAll({ KeyConditionExpression: 'PK = :pk AND SK <= :now', ExpressionAttributeValues: { ':pk': p.PK, ':now': now.toISOString() } });
      for (const item of due) {
        await act(item);
        await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK: item.PK, SK: item.SK } }));
        done += 1;
      }
    }
    // the current bucket may still fill: the next run starts there again
    if (b < current) from = b + step;
  }
  await saveCursor(name, from);
  return done;
}

const tolerate = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
  try {
    await fn();
  } catch (err) {
    // an order already moved on (paid, confirmed) is fine; anything else is logged and retried next run
    if (err instanceof AppError && (err.status === 409 || err.status === 404)) return;
    logger.error(`${what} failed`, { err: String(err) });
    throw err;
  }
};

/**
 * Cancels every checkout whose pay-by time has passed (and releases its stock, once). A checkout whose
 * payment started is asked about first: paid at WeChat Pay settles it, unpaid is closed there, then cancelled.
 */
export const sweepDueCheckouts = (now = new Date()): Promise<number> =>
  sweep(
    'checkouts',
    MINUTE,
    (ms) => new Date(ms).toISOString().slice(0, 16),
    (bucket, shard) => keys.dueCheckoutsPartition(bucket, shard),
    (item) => tolerate('auto-cancel', () => cancelUnpaidCheckout(String(item.checkoutId), { kind: 'system', id: null }, 'not paid in time', now)),
    now,
  );

/** Asks WeChat Pay about every started payment whose query is due (AP80) and settles the paid ones. */
export const sweepDuePaymentQueries = (now = new Date()): Promise<number> =>
  sweep(
    'payments',
    MINUTE,
    (ms) => new Date(ms).toISOString().slice(0, 16),
    (bucket, shard) => keys.duePaymentQueriesPartition(bucket, shard),
    async (item) => {
      try {
        await queryDuePayment(String(item.checkoutId), now);
      } catch (err) {
        // NOTE: the pay-by sweep asks again before it cancels; one failed query is not retried
        logger.warn('payment query failed', { checkoutId: item.checkoutId, err: String(err) });
      }
    },
    now,
  );

/** Refunds every late payment queued for it (AP82), exactly once each. */
export const sweepLatePayments = (): Promise<number> => refundPendingLatePayments();

/** Confirms receipt of every order whose auto-confirm time has passed. */
export const sweepDueReceipts = (now = new Date()): Promise<number> =>
  sweep(
    'receipts',
    HOUR,
    (ms) => new Date(ms).toISOString().slice(0, 13),
    (bucket, shard) => keys.dueReceiptsPartition(bucket, shard),
    (item) => tolerate('auto-confirm', () => confirmReceipt(String(item.orderId), { kind: 'system', id: null }, { now, reason: 'confirmed automatically' })),
    now,
  );

/** Approves every after-sale case whose store did not answer by its deadline (AP102, minute buckets). */
export const sweepDueAfterSaleDecisions = (now = new Date()): Promise<number> =>
  sweep(
    'aftersales',
    MINUTE,
    (ms) => new Date(ms).toISOString().slice(0, 16),
    (bucket, shard) => keys.dueAfterSaleDecisionsPartition(bucket, shard),
    (item) => tolerate('after-sale auto-approve', () => approveIfDue(String(item.afterSaleId), now)),
    now,
  );

/** Applies or asks about every after-sale refund whose time has come (AP103), exactly once each. */
export const sweepAfterSaleRefunds = (now = new Date()): Promise<number> => sweepRefunds(now);

/**
 * Settles every order whose settlement is due (AP118, hour buckets): the after-sale window closed, or a
 * step in flight to look at again (ADR 0062). Each step is once by the settlement's version.
 */
export const sweepDueSettlements = (now = new Date()): Promise<number> =>
  sweep(
    'settlements',
    HOUR,
    (ms) => new Date(ms).toISOString().slice(0, 13),
    (bucket, shard) => keys.dueSettlementsPartition(bucket, shard),
    async (item) => {
      try {
        await processSettlement(String(item.orderId), now);
      } catch (err) {
        // WeChat Pay or the table failed this step: looked at again later; the other orders go on
        logger.error('settlement step failed', { orderId: item.orderId, err: String(err) });
        await transact([settlementDuePut(String(item.orderId), new Date(now.getTime() + settlementPollSeconds() * 1000).toISOString(), now)]);
      }
    },
    now,
  );

/** Asks WeChat Pay about every withdrawal still processing (AP124). */
export const sweepPendingWithdrawals = (now = new Date()): Promise<number> => sweepWithdrawals(now);
