import { BillReconciliation, type BillProvider } from '@wxshop/shared/reconciliation';
import { keys } from '../lib/keys';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, NotFoundError } from '../lib/errors';
import { db, tableName } from '../lib/table';
import { batchGet, keyString, queryPage } from '../lib/table-ops';

const strip = (item: Record<string, unknown>): BillReconciliation => BillReconciliation.parse(item);

/** The days' reports, newest first, without their differences (AP157). */
export async function listReports(limit = 30, cursor?: string) {
  const pk = keys.billReconciliationsPartition().PK;
  const page = await queryPage(
    { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false },
    { limit, cursor, expected: { PK: pk } },
  );
  return { items: page.items.map((i) => BillReconciliation.omit({ differences: true }).parse(i)), nextCursor: page.nextCursor };
}

/** One day's report of a provider with its differences; 404 when that day was never reconciled. */
export async function getReport(date: string, provider: BillProvider = 'wechatpay'): Promise<BillReconciliation> {
  const key = keys.billReconciliation(date, provider);
  const found = (await batchGet([key], true)).get(keyString(key));
  if (!found) throw new NotFoundError('reconciliation of that day');
  return strip(found);
}

/**
 * Asks for a day to be reconciled again: the report becomes `queued` and the bill job (every 10
 * minutes) runs it. The API's role may not scan the table, so it never runs a reconciliation itself.
 * A day already queued stays as it is.
 */
export async function queueReport(date: string, provider: BillProvider, userId: string, now = new Date()): Promise<BillReconciliation> {
  const key = keys.billReconciliation(date, provider);
  const previous = (await batchGet([key], true)).get(keyString(key));
  const queued: BillReconciliation = {
    ...(previous
      ? strip(previous)
      : {
          date,
          provider,
          lines: 0,
          paid: { amount: 0, currency: 'CNY' },
          refunded: { amount: 0, currency: 'CNY' },
          differenceCount: 0,
          differences: [],
          error: null,
        }),
    status: 'queued',
    ranAt: previous ? strip(previous).ranAt : now.toISOString(),
    queuedBy: userId,
  };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, entity: 'BillReconciliation', ...queued },
        ConditionExpression: 'attribute_not_exists(PK) OR #s <> :queued',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued' },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    return getReport(date, provider);
  }
  return queued;
}
