/**
 * Settlement of an order (ADR 0062): once its after-sale window has closed with no open case, the
 * platform's fee on what the shopper finally kept is taken by WeChat Pay profit sharing and the rest is
 * released to the store. Every step exactly once (ADR 0034): WeChat Pay's numbers are ours and derived
 * from the order (`PS<oid>`, `PF<oid>`, `PR<asid>`), so a retry after a crash asks for the same thing
 * again and is answered the same; our writes are conditioned on the settlement's version.
 *
 * processSettlement, primary course (the sweeper, AP118, until `settled`):
 *   1. no settlement yet: the order is WeChat Pay's, completed (or refunded) and past its window, and
 *      none of its cases is open (else look again later); ONE transaction: the settlement (`kept` =
 *      paid - refunded, the fee `floor(kept * bps / 10000)`, the commission: 0 today), conditioned on
 *      the refund ledger's version (or absence) as read, and the next look;
 *   2. `sharing`: POST profitsharing/orders (receiver: the platform's mchid, fee + commission),
 *      then GET it until FINISHED; ONE transaction: `shared` + the `fee` posting (pending -fee);
 *   3. `shared`: POST profitsharing/finish-order (the rest unfrozen); ONE transaction: `settled` + the
 *      `released` posting (pending -rest, available +rest).
 * A refund after settlement (refunds.ts calls `returnShareBeforeRefund`) first takes back the
 * platform's share of the refunded money with profitsharing/returnorders; the refund itself then
 * comes out of the store's available money.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { envOr } from '../lib/config';
import { logger } from '../lib/logger';
import { TransactionConditionError, batchGet, keyString, queryAll, transact, type TxItem } from '../lib/table-ops';
import { wechatPayConfig } from '../lib/adapters/config';
import {
  WechatPayApiError,
  createProfitSharing,
  finishProfitSharing,
  queryProfitSharing,
  returnProfitSharing,
  type ProfitSharingOrder,
} from '../lib/adapters/wechatpay-ecommerce';
import { OrderItem } from '../orders/items';
import { CheckoutPaymentItem } from '../payments/items';
import { AfterSaleItem, RefundLedgerItem } from '../after-sales/items';
import { afterSaleWindowSeconds } from '../after-sales/config';
import { SettlementItem } from './items';
import { commissionOf, feeOf, feeReturnFor } from './fees';
import { scheduleOf } from './fee-rates';
import { postingWrites } from './ledger';
import { settlementDuePut } from './due';

export { settlementDuePut, settlementDueAtReceipt } from './due';

/** Seconds between looks at a profit sharing in flight. */
export const settlementPollSeconds = (): number => Number(envOr('SETTLEMENT_POLL_S', '60'));
/** Seconds before an order with an open case is looked at again. */
export const settlementRetrySeconds = (): number => Number(envOr('SETTLEMENT_RETRY_S', '3600'));

/** Cases in these states hold no claim on the order's money any more; any other state keeps the order from settling. */
const CLOSED_CASES = new Set<AfterSaleItem['status']>(['refunded', 'cancelled', 'rejected']);

const later = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

export const sharingNoOf = (orderId: string): string => `PS${orderId}`;
export const finishNoOf = (orderId: string): string => `PF${orderId}`;
export const returnNoOf = (afterSaleId: string): string => `PR${afterSaleId}`;

export async function readSettlement(orderId: string): Promise<SettlementItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.settlement(orderId), ConsistentRead: true }));
  return out.Item ? SettlementItem.parse(out.Item) : undefined;
}

function settlementPut(prev: SettlementItem | undefined, next: SettlementItem): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.settlement(next.orderId), ...next, version: (prev?.version ?? 0) + 1 },
      ...(prev
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prev.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
}

export type SettlementOutcome = 'settled' | 'processing' | 'not_due' | 'postponed' | 'not_wechatpay' | 'failed';

/** Step 1: the settlement started, or why not yet. */
async function start(orderId: string, now: Date): Promise<SettlementItem | SettlementOutcome> {
  const orderKey = keys.order(orderId);
  const ledgerKey = keys.refundLedger(orderId);
  const first = await batchGet([orderKey, ledgerKey, keys.feeSchedule()], true);
  const rawOrder = first.get(keyString(orderKey));
  if (!rawOrder) return 'failed';
  const o = OrderItem.parse(rawOrder);
  const payment = (await batchGet([keys.checkoutPayment(o.checkoutId)], true)).get(keyString(keys.checkoutPayment(o.checkoutId)));
  if (!o.transactionId || !payment || CheckoutPaymentItem.parse(payment).channel === 'alipay') return 'not_wechatpay';
  if (o.status !== 'completed' && o.status !== 'refunded') return 'not_due';
  const windowEnds = o.completedAt ? Date.parse(o.completedAt) + afterSaleWindowSeconds() * 1000 : now.getTime();
  if (windowEnds > now.getTime()) {
    await transact([settlementDuePut(orderId, new Date(windowEnds).toISOString(), now)]);
    return 'not_due';
  }
  const markers = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.orderAfterSalesPrefix(orderId).PK, ':p': keys.orderAfterSalesPrefix(orderId).SKPrefix },
    ConsistentRead: true,
  });
  const cases = markers.length
    ? [
        ...(
          await batchGet(
            markers.map((m) => keys.afterSale(String(m.afterSaleId))),
            true,
          )
        ).values(),
      ]
    : [];
  const open = cases.map((c) => AfterSaleItem.parse(c)).filter((c) => !CLOSED_CASES.has(c.status));
  if (open.length) {
    logger.info('settlement postponed: open after-sale cases', { orderId, cases: open.map((c) => c.id) });
    await transact([settlementDuePut(orderId, later(now, settlementRetrySeconds()), now)]);
    return 'postponed';
  }
  const rawLedger = first.get(keyString(ledgerKey));
  const ledger = rawLedger ? RefundLedgerItem.parse(rawLedger) : undefined;
  const kept = o.total.amount - (ledger?.refunded ?? 0);
  // NOTE: an order placed before rates were snapshotted uses today's default rate
  const feeBps = o.feeBps ?? scheduleOf(first.get(keyString(keys.feeSchedule()))).defaultBps;
  const fee = feeOf(kept, feeBps);
  const commission = commissionOf({ orderId, kept });
  const at = now.toISOString();
  const s: SettlementItem = {
    entity: 'Settlement',
    orderId,
    merchantId: o.merchantId,
    subMchid: o.subMchid,
    transactionId: o.transactionId,
    feeBps,
    paid: o.total.amount,
    kept,
    fee,
    commission,
    status: fee + commission > 0 ? 'sharing' : 'shared',
    outOrderNo: sharingNoOf(orderId),
    finishOutOrderNo: finishNoOf(orderId),
    sharingOrderId: null,
    refundedAfter: 0,
    returned: 0,
    refundsAfter: {},
    startedAt: at,
    settledAt: null,
    version: 1,
  };
  // a claim written meanwhile changes the ledger's version: the settlement is not started on a stale read
  const ledgerAsRead: TxItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: ledgerKey,
      ...(ledger
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': ledger.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
  await transact([settlementPut(undefined, s), ledgerAsRead]);
  logger.info('settlement started', { orderId, kept, fee, feeBps });
  return { ...s, version: 1 };
}

/** Step 2: the platform's fee (and commission) shared, once. */
async function share(s: SettlementItem, now: Date): Promise<SettlementItem | SettlementOutcome> {
  let answer: ProfitSharingOrder;
  try {
    answer = s.sharingOrderId
      ? await queryProfitSharing(s.subMchid, s.transactionId, s.outOrderNo)
      : await createProfitSharing({
          subMchid: s.subMchid,
          transactionId: s.transactionId,
          outOrderNo: s.outOrderNo,
          receivers: [
            {
              type: 'MERCHANT_ID',
              receiverAccount: wechatPayConfig().mchid,
              amount: { amount: s.fee + s.commission, currency: 'CNY' },
              description: '平台服务费',
            },
          ],
        });
  } catch (err) {
    if (err instanceof WechatPayApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
      logger.error('profit sharing refused', { orderId: s.orderId, code: err.code, message: err.message });
      await transact([settlementPut(s, { ...s, status: 'sharing_failed' })]);
      return 'failed';
    }
    throw err;
  }
  if (!s.sharingOrderId) {
    const next = { ...s, sharingOrderId: answer.orderId, version: s.version + 1 };
    await transact([settlementPut(s, next)]);
    s = next;
  }
  if (answer.receivers.some((r) => r.result === 'CLOSED')) {
    logger.error('profit sharing closed', { orderId: s.orderId, receivers: answer.receivers });
    await transact([settlementPut(s, { ...s, status: 'sharing_failed' })]);
    return 'failed';
  }
  if (answer.status !== 'FINISHED') {
    await transact([settlementDuePut(s.orderId, later(now, settlementPollSeconds()), now)]);
    return 'processing';
  }
  const next: SettlementItem = { ...s, status: 'shared', version: s.version + 1 };
  await transact([
    settlementPut(s, next),
    ...postingWrites({ merchantId: s.merchantId, kind: 'fee', reference: s.outOrderNo, orderId: s.orderId, deltas: { pending: -(s.fee + s.commission) } }, now),
  ]);
  return next;
}

/** Step 3: the rest released to the store, once. */
async function finish(s: SettlementItem, now: Date): Promise<SettlementOutcome> {
  const rest = s.kept - s.fee - s.commission;
  if (rest > 0) await finishProfitSharing({ subMchid: s.subMchid, transactionId: s.transactionId, outOrderNo: s.finishOutOrderNo, description: '订单结算' });
  const next: SettlementItem = { ...s, status: 'settled', settledAt: now.toISOString() };
  await transact([
    settlementPut(s, next),
    ...(rest > 0
      ? postingWrites(
          { merchantId: s.merchantId, kind: 'released', reference: s.finishOutOrderNo, orderId: s.orderId, deltas: { pending: -rest, available: rest } },
          now,
        )
      : []),
  ]);
  logger.info('order settled', { orderId: s.orderId, fee: s.fee, released: rest });
  return 'settled';
}

/** Steps 1-3 for one order, as far as they go now. See the module comment. */
export async function processSettlement(orderId: string, now = new Date()): Promise<SettlementOutcome> {
  let s: SettlementItem | SettlementOutcome | undefined = await readSettlement(orderId);
  if (!s) {
    s = await start(orderId, now);
    if (typeof s === 'string') return s;
  }
  if (s.status === 'settled') return 'settled';
  if (s.status === 'sharing_failed') return 'failed';
  if (s.status === 'sharing') {
    s = await share(s, now);
    if (typeof s === 'string') return s;
  }
  return finish(s, now);
}

export type ReturnOutcome = { go: true; fromAvailable: boolean } | { go: false };

/**
 * Before a refund of `refund` fen of the order: when the order is settled, the platform's share of the
 * refunded money goes back to the store first (returnorders, `PR<asid>`), once per case; while the
 * settlement is in flight the refund waits (`go: false`). Not settled: the refund comes out of the
 * frozen money as before.
 * @returns whether the refund may go, and whether it comes out of the available balance
 */
export async function returnShareBeforeRefund(orderId: string, afterSaleId: string, refund: number, now = new Date()): Promise<ReturnOutcome> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const s = await readSettlement(orderId);
    if (!s || s.status === 'sharing_failed') return { go: true, fromAvailable: false };
    if (s.status !== 'settled') return { go: false };
    if (s.refundsAfter[afterSaleId] !== undefined) return { go: true, fromAvailable: true };
    const amount = feeReturnFor(s, refund);
    const outReturnNo = returnNoOf(afterSaleId);
    if (amount > 0) {
      const answer = await returnProfitSharing({
        subMchid: s.subMchid,
        outOrderNo: s.outOrderNo,
        outReturnNo,
        returnMchid: wechatPayConfig().mchid,
        amount: { amount, currency: 'CNY' },
        description: '退款退回平台服务费',
      });
      if (answer.result === 'PROCESSING') return { go: false };
      if (answer.result === 'FAILED') throw new Error(`profit-sharing return ${outReturnNo} failed`);
    }
    const next: SettlementItem = {
      ...s,
      refundedAfter: s.refundedAfter + refund,
      returned: s.returned + amount,
      refundsAfter: { ...s.refundsAfter, [afterSaleId]: amount },
    };
    try {
      await transact([
        settlementPut(s, next),
        ...(amount > 0
          ? postingWrites({ merchantId: s.merchantId, kind: 'fee_returned', reference: outReturnNo, orderId, deltas: { available: amount } }, now)
          : []),
      ]);
      return { go: true, fromAvailable: true };
    } catch (err) {
      // another case's refund changed the settlement meanwhile: read again (its return number is its own)
      // NOTE: the return already placed keeps its amount; a second case racing this one is rare and fails loudly here
      if (attempt < 4 && err instanceof TransactionConditionError) continue;
      throw err;
    }
  }
  return { go: false };
}

/** Whether a refund of this case was taken after settlement (it comes out of the available money). */
export async function refundIsAfterSettlement(orderId: string, afterSaleId: string): Promise<boolean> {
  const s = await readSettlement(orderId);
  return s?.refundsAfter[afterSaleId] !== undefined;
}
