/**
 * Withdrawals (ADR 0063): a store's available money to its bank account through WeChat Pay
 * (`POST /v3/ecommerce/fund/withdraw`, idempotent by out_request_no = `WD` + the withdrawal's ULID).
 *
 * createWithdrawal, primary course:
 *   1. a re-run of the same Idempotency-Key after a crash finds its effect marker and answers the
 *      withdrawal the first run made (ADR 0034);
 *   2. ONE transaction: the withdrawal (`processing`), the `withdrawal` posting (available -amount,
 *      withdrawn +amount) conditioned on OUR available balance covering it (422 otherwise: the
 *      client's idea of the balance is never used), the to-do item (AP124) and the effect marker;
 *   3. apply at WeChat Pay (same number on every retry); its result comes by query (the sweeper,
 *      AP124): SUCCESS -> `succeeded`; FAIL -> `failed` and the `withdrawal_returned` posting puts the
 *      money back to available, in one transaction conditioned on the withdrawal's version.
 */
import { ulid } from 'ulid';
import type { CreateWithdrawalInput, Withdrawal, WithdrawalPage } from '@wxshop/shared/settlement';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { logger } from '../lib/logger';
import { ConflictError, NotFoundError, UnprocessableError } from '../lib/errors';
import { batchGet, keyString, queryAll, queryPage, transact, type TxItem } from '../lib/table-ops';
import { effectPut, priorEffect } from '../lib/effects';
import { WechatPayApiError, applyWithdrawal, queryWithdrawal } from '../lib/adapters/wechatpay-ecommerce';
import { MerchantItem } from '../merchants/items';
import { WithdrawalItem } from './items';
import { postingWrites } from './ledger';

const ROUTE = 'create-withdrawal';
export const outRequestNoOf = (withdrawalId: string): string => `WD${withdrawalId}`;

export function toWithdrawal(w: WithdrawalItem): Withdrawal {
  return {
    id: w.id,
    merchantId: w.merchantId,
    outRequestNo: w.outRequestNo,
    amount: { amount: w.amount, currency: 'CNY' },
    status: w.status,
    withdrawId: w.withdrawId,
    failReason: w.failReason,
    createdAt: w.createdAt,
    finishedAt: w.finishedAt,
  };
}

export async function readWithdrawal(merchantId: string, withdrawalId: string): Promise<WithdrawalItem> {
  const k = keys.withdrawal(merchantId, withdrawalId);
  const raw = (await batchGet([k], true)).get(keyString(k));
  if (!raw) throw new NotFoundError('withdrawal');
  return WithdrawalItem.parse(raw);
}

function withdrawalPut(prev: WithdrawalItem | undefined, next: WithdrawalItem): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.withdrawal(next.merchantId, next.id), ...next, version: (prev?.version ?? 0) + 1 },
      ...(prev
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prev.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
}

const toDoPut = (w: WithdrawalItem): TxItem => ({
  Put: { TableName: tableName(), Item: { ...keys.withdrawalToDo(w.merchantId, w.id), entity: 'WithdrawalToDo', merchantId: w.merchantId, withdrawalId: w.id } },
});

/**
 * `POST /merchants/{merchantId}/withdrawals`. See the module comment.
 * @throws 422 when the store's available balance does not cover the amount, or it has no sub-merchant id
 */
export async function createWithdrawal(merchantId: string, input: CreateWithdrawalInput, reference: string | undefined, now = new Date()): Promise<Withdrawal> {
  const prior = await priorEffect(reference);
  if (prior) return toWithdrawal(await readWithdrawal(merchantId, prior.resultId));
  const raw = (await batchGet([keys.merchant(merchantId)], true)).get(keyString(keys.merchant(merchantId)));
  if (!raw) throw new NotFoundError('merchant');
  const subMchid = MerchantItem.parse(raw).subMchid;
  if (!subMchid) throw new UnprocessableError('The store has no WeChat Pay account yet');
  const id = ulid(now.getTime());
  const w: WithdrawalItem = {
    entity: 'Withdrawal',
    id,
    merchantId,
    subMchid,
    outRequestNo: outRequestNoOf(id),
    amount: input.amount.amount,
    status: 'processing',
    withdrawId: null,
    failReason: null,
    createdAt: now.toISOString(),
    finishedAt: null,
    version: 1,
  };
  const items: TxItem[] = [
    withdrawalPut(undefined, w),
    ...postingWrites(
      { merchantId, kind: 'withdrawal', reference: w.outRequestNo, deltas: { available: -w.amount, withdrawn: w.amount }, requireAvailable: true },
      now,
    ),
    toDoPut(w),
    ...(reference ? [effectPut(reference, { route: ROUTE, resultId: id })] : []),
  ];
  await transact(items, (failed) =>
    failed.includes(3)
      ? new UnprocessableError('The amount is more than the available balance')
      : new ConflictError('The withdrawal changed meanwhile: try again'),
  );
  logger.info('withdrawal requested', { merchantId, withdrawalId: id, amount: w.amount });
  try {
    return toWithdrawal(await processWithdrawal(merchantId, id, now));
  } catch (err) {
    // applied or not, the sweeper asks again with the same number
    logger.warn('withdrawal apply failed; the sweeper retries', { withdrawalId: id, err: String(err) });
    return toWithdrawal(w);
  }
}

/**
 * Applies the withdrawal at WeChat Pay (same number every time) and asks for its result; a final
 * result is written once. Exported for the sweeper and the crash test.
 */
export async function processWithdrawal(merchantId: string, withdrawalId: string, now = new Date()): Promise<WithdrawalItem> {
  let w = await readWithdrawal(merchantId, withdrawalId);
  if (w.status !== 'processing') {
    await transact([{ Delete: { TableName: tableName(), Key: keys.withdrawalToDo(merchantId, withdrawalId) } }]);
    return w;
  }
  if (!w.withdrawId) {
    let applied;
    try {
      applied = await applyWithdrawal({ subMchid: w.subMchid, outRequestNo: w.outRequestNo, amount: { amount: w.amount, currency: 'CNY' } });
    } catch (err) {
      // refused outright (e.g. NOT_ENOUGH at WeChat Pay): failed, and the money is available again
      if (err instanceof WechatPayApiError && err.status >= 400 && err.status < 500 && err.status !== 429) return fail(w, `${err.code}: ${err.message}`, now);
      throw err;
    }
    const next = { ...w, withdrawId: applied.withdrawId, version: w.version + 1 };
    await transact([withdrawalPut(w, next)]);
    w = next;
  }
  let answer;
  try {
    answer = await queryWithdrawal(w.subMchid, w.outRequestNo);
  } catch (err) {
    if (err instanceof WechatPayApiError && err.status === 404) {
      logger.error('withdrawal unknown at WeChat Pay', { withdrawalId });
      return w;
    }
    throw err;
  }
  if (answer.status !== 'SUCCESS' && answer.status !== 'FAIL' && answer.status !== 'REFUND' && answer.status !== 'CLOSE') return w;
  if (answer.status !== 'SUCCESS') return fail(w, answer.reason ?? answer.status, now);
  const next: WithdrawalItem = { ...w, status: 'succeeded', finishedAt: now.toISOString() };
  await transact([withdrawalPut(w, next), { Delete: { TableName: tableName(), Key: keys.withdrawalToDo(w.merchantId, w.id) } }]);
  logger.info('withdrawal succeeded', { withdrawalId: w.id });
  return { ...next, version: w.version + 1 };
}

/** A final failure, once: `failed`, and the `withdrawal_returned` posting puts the money back to available. */
async function fail(w: WithdrawalItem, reason: string, now: Date): Promise<WithdrawalItem> {
  const next: WithdrawalItem = { ...w, status: 'failed', failReason: reason.slice(0, 200), finishedAt: now.toISOString() };
  await transact([
    withdrawalPut(w, next),
    { Delete: { TableName: tableName(), Key: keys.withdrawalToDo(w.merchantId, w.id) } },
    ...postingWrites(
      { merchantId: w.merchantId, kind: 'withdrawal_returned', reference: w.outRequestNo, deltas: { available: w.amount, withdrawn: -w.amount } },
      now,
    ),
  ]);
  logger.info('withdrawal failed', { withdrawalId: w.id, reason });
  return { ...next, version: w.version + 1 };
}

/** The sweeper's step: every withdrawal still processing (AP124); a failure is logged and retried next run. */
export async function sweepWithdrawals(now = new Date()): Promise<number> {
  const todo = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.withdrawalsToDoPartition().PK } });
  let done = 0;
  for (const item of todo) {
    try {
      const w = await processWithdrawal(String(item.merchantId), String(item.withdrawalId), now);
      if (w.status !== 'processing') done += 1;
    } catch (err) {
      logger.error('withdrawal step failed', { withdrawalId: item.withdrawalId, err: String(err) });
    }
  }
  return done;
}

/** `GET /merchants/{merchantId}/withdrawals` (AP123), newest first. */
export async function listWithdrawals(merchantId: string, q: { cursor?: string; limit?: number }): Promise<WithdrawalPage> {
  const p = keys.withdrawalsPrefix(merchantId);
  const out = await queryPage(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix }, ScanIndexForward: false },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: { PK: p.PK } },
  );
  return { items: out.items.map((i) => toWithdrawal(WithdrawalItem.parse(i))), nextCursor: out.nextCursor };
}
