/**
 * Points in and out of the ledger (ADR 0067): earning, spending, freezing for an unpaid order and
 * releasing or settling it, and the expiry of batches past their date. Each is one `post()` with its
 * reference, so a retried call applies once.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { DEFAULT_POINTS_RULES, type PointsRules, type PointsSource } from '@wxshop/shared/points';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { putNew, type TxItem } from '../lib/table-ops';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { AlreadyPosted, ExtraRefused, post, type Posted } from './ledger';
import { addMonths, InsufficientPoints, planEarn, planExpire, planFreeze, planRelease, planSettle, planSpend, type Part } from './plan';
import { PointsFreezeItem, PointsRulesItem } from './items';

export class InsufficientPointsError extends AppError {
  constructor(wanted: number, spendable: number) {
    super('insufficient_points', 409, `Not enough points: ${spendable} spendable`, { details: { wanted, spendable } });
  }
}

const insufficient = (err: unknown): never => {
  if (err instanceof InsufficientPoints) throw new InsufficientPointsError(err.wanted, err.spendable);
  throw err;
};

/** The platform's points rules (AP149), the defaults until an admin sets them. */
export async function getRules(): Promise<PointsRules> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.pointsRules() }));
  return out.Item ? PointsRulesItem.parse(out.Item).rules : DEFAULT_POINTS_RULES;
}

export async function setRules(rules: PointsRules, by: string, now = new Date()): Promise<PointsRules> {
  const item: PointsRulesItem = { entity: 'PointsRules', rules, updatedAt: now.toISOString(), updatedBy: by };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.pointsRules(), ...item } }));
  return rules;
}

/**
 * Earns `amount` points in a new batch expiring `expiryMonths` after now, once per `reference`.
 * `extra` items are written in the same transaction (the check-in day, the view's status).
 * @throws AlreadyPosted when the reference was posted before
 */
export async function earn(
  userId: string,
  e: { amount: number; source: PointsSource; reference: string; expiryMonths: number; extra?: TxItem[] },
  now = new Date(),
): Promise<Posted> {
  const earnedAt = now.toISOString();
  const expiresAt = addMonths(earnedAt, e.expiryMonths);
  const batchId = ulid(now.getTime());
  return post(
    userId,
    e.reference,
    (state) => ({
      change: planEarn(state, {
        batchId,
        batchSk: keys.pointsBatchSk(expiresAt, batchId),
        amount: e.amount,
        source: e.source,
        reference: e.reference,
        earnedAt,
        expiresAt,
      }),
      extra: e.extra,
    }),
    now,
  );
}

/** Spends `amount` spendable points, oldest batches first, once per `reference`. */
export async function spend(userId: string, amount: number, source: PointsSource, reference: string, now = new Date()): Promise<Posted> {
  return post(userId, reference, (state) => ({ change: planSpend(state, amount, source, now.toISOString()) }), now).catch(insufficient);
}

/**
 * Freezes `amount` points for an unpaid order (once per order). NOTE: the functions only; checkout
 * does not call them yet (issue 10's pricing rule).
 */
export async function freezeForOrder(userId: string, orderId: string, amount: number, now = new Date()): Promise<Posted> {
  return post(
    userId,
    `freeze:${orderId}`,
    (state) => {
      const change = planFreeze(state, amount, now.toISOString());
      const freeze: PointsFreezeItem = { entity: 'PointsFreeze', userId, orderId, amount, parts: change.parts, status: 'held', at: now.toISOString() };
      return { change, extra: [putNew({ ...keys.pointsFreeze(userId, orderId), ...freeze })] };
    },
    now,
  ).catch(insufficient);
}

async function readFreeze(userId: string, orderId: string): Promise<PointsFreezeItem | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.pointsFreeze(userId, orderId), ConsistentRead: true }));
  return out.Item ? PointsFreezeItem.parse(out.Item) : null;
}

const closeFreeze = (userId: string, orderId: string, status: 'released' | 'settled'): TxItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.pointsFreeze(userId, orderId),
    UpdateExpression: 'SET #s = :to',
    ConditionExpression: '#s = :held',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':to': status, ':held': 'held' },
  },
});

/**
 * Gives an order's frozen points back (it was cancelled): once; points of batches that expired
 * meanwhile expire with it. @returns whether anything was released now
 */
export async function releaseForOrder(userId: string, orderId: string, now = new Date()): Promise<boolean> {
  return closeOrderFreeze(userId, orderId, 'released', (state, parts) => planRelease(state, parts, now.toISOString()), now);
}

/** The order was paid: its frozen points are spent. @returns whether anything was settled now */
export async function settleForOrder(userId: string, orderId: string, now = new Date()): Promise<boolean> {
  return closeOrderFreeze(userId, orderId, 'settled', (state, parts) => planSettle(state, parts), now);
}

async function closeOrderFreeze(
  userId: string,
  orderId: string,
  status: 'released' | 'settled',
  plan: (state: Parameters<typeof planSettle>[0], parts: Part[]) => ReturnType<typeof planSettle>,
  now: Date,
): Promise<boolean> {
  const freeze = await readFreeze(userId, orderId);
  if (!freeze || freeze.status !== 'held') return false;
  try {
    await post(userId, `${status}:${orderId}`, (state) => ({ change: plan(state, freeze.parts), extra: [closeFreeze(userId, orderId, status)] }), now);
    return true;
  } catch (err) {
    if (err instanceof AlreadyPosted) return false;
    // the freeze was closed the other way meanwhile (released vs settled): nothing to do
    if (err instanceof ExtraRefused) return false;
    throw err;
  }
}

/** Expires what is left of one batch past its date, exactly once, and removes its due entry. */
export async function expireBatch(userId: string, batchSk: string, dueKey: { PK: string; SK: string }, now = new Date()): Promise<number> {
  const remove: TxItem = { Delete: { TableName: tableName(), Key: dueKey } };
  try {
    const posted = await post(userId, `expire:${batchSk}`, (state) => ({ change: planExpire(state, batchSk, now.toISOString()), extra: [remove] }), now);
    return posted.postings.reduce((s, p) => s - p.delta, 0);
  } catch (err) {
    if (!(err instanceof AlreadyPosted)) throw err;
    await db().send(new DeleteCommand({ TableName: tableName(), Key: dueKey }));
    return 0;
  }
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const CURSOR = 'points-expiry';

/**
 * The scheduled expiry (serverless.yml): every due entry of the days from the cursor to today whose
 * batch is past its date. Days before today are then done and the cursor moves past them.
 * @param fromDay start here instead of at the cursor (tests), and leave the cursor alone
 * @returns the points expired
 */
export async function sweepPointsExpiry(now = new Date(), fromDay?: string): Promise<number> {
  const cursorKey = keys.sweepCursor(CURSOR);
  const cursor =
    fromDay ?? ((await db().send(new GetCommand({ TableName: tableName(), Key: cursorKey, ConsistentRead: true }))).Item?.next as string | undefined);
  const today = dayOf(now.getTime());
  let day = cursor ?? dayOf(now.getTime() - 31 * DAY_MS);
  const cut = `${now.toISOString()}$`;
  let expired = 0;
  for (; day <= today; day = dayOf(Date.parse(`${day}T00:00:00Z`) + DAY_MS)) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND SK < :cut',
          ExpressionAttributeValues: { ':pk': keys.duePointsExpiryPartition(day).PK, ':cut': cut },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const entry of out.Items ?? []) {
        expired += await expireBatch(String(entry.userId), String(entry.batchSk), { PK: String(entry.PK), SK: String(entry.SK) }, now);
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }
  if (fromDay === undefined && today !== cursor) {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...cursorKey, entity: 'SweepCursor', next: today } }));
  }
  if (expired) logger.info('points expired', { expired });
  return expired;
}
