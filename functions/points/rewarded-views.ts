/**
 * Verified rewarded views (ADR 0068). Starting a view issues a single-use token bound to the shopper,
 * the creative and the device, with the server's start time and the creative's duration; completing
 * it credits points only once that duration has passed on the server's clock, once per token, within
 * the day's caps. Anomalies (an early completion, another device, many accounts on one device) hold
 * the points for a person to decide.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { CompleteViewInput, CompletedView, PointsRules, StartViewInput, StartedView } from '@wxshop/shared/points';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, putNew, transact, type TxItem } from '../lib/table-ops';
import { AppError, ConflictError, NotFoundError } from '../lib/errors';
import { AlreadyPosted, ExtraRefused, readAccount } from './ledger';
import { earn, getRules } from './points';
import { PointsDayItem, RewardedViewItem, type FlagReason } from './items';
import { shanghaiDay } from './calendar';

/** How long after its duration a view may still be completed. */
const GRACE_SECONDS = 3600;
const ATTEMPTS = 6;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

export class ViewNotFinishedError extends AppError {
  constructor(completableAt: string, secondsLeft: number) {
    super('view_not_finished', 422, `The video has not played to the end: ${secondsLeft} s left`, { details: { completableAt, secondsLeft } });
  }
}

const capReached = (what: string) => new ConflictError(`Today's ${what} limit is reached: come back tomorrow`, 'points_cap_reached');
const emptyDay = (): PointsDayItem => ({ entity: 'PointsDay', views: 0, wechatViews: 0, points: 0, accounts: [] });

async function readDays(userId: string, deviceId: string, day: string): Promise<{ shopper: PointsDayItem; device: PointsDayItem }> {
  const found = await batchGet([keys.shopperPointsDay(userId, day), keys.devicePointsDay(deviceId, day)], true);
  const parse = (k: { PK: string; SK: string }) => {
    const raw = found.get(keyString(k));
    return raw ? PointsDayItem.parse(raw) : emptyDay();
  };
  return { shopper: parse(keys.shopperPointsDay(userId, day)), device: parse(keys.devicePointsDay(deviceId, day)) };
}

/** Whether another view may count today, and how many points it may still earn. */
function room(
  rules: PointsRules,
  kind: 'house' | 'wechat',
  days: { shopper: PointsDayItem; device: PointsDayItem },
): { ok: boolean; what: string; points: number } {
  const views = kind === 'house' ? days.shopper.views : days.shopper.wechatViews;
  const viewCap = kind === 'house' ? rules.rewardedView.dailyViews : rules.wechatAd.dailyViews;
  if (views >= viewCap) return { ok: false, what: 'video', points: 0 };
  if (days.device.views + days.device.wechatViews >= rules.caps.deviceDailyViews) return { ok: false, what: "this device's video", points: 0 };
  const points = Math.min(rules.caps.shopperDailyPoints - days.shopper.points, rules.caps.deviceDailyPoints - days.device.points);
  if (points <= 0) return { ok: false, what: 'points', points: 0 };
  return { ok: true, what: '', points };
}

export async function readView(hash: string): Promise<RewardedViewItem | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.rewardedView(hash), ConsistentRead: true }));
  return out.Item ? RewardedViewItem.parse(out.Item) : null;
}

/**
 * Starts a view. Primary course: 1. the creative (a house creative of the rules, or WeChat's ad unit);
 * 2. the day's caps of the shopper and the device leave room (409 points_cap_reached); 3. the device's
 * accounts of the day are counted (past the rule's number: the view is flagged); 4. a token is issued
 * with the server's start time. Only the token's hash is stored.
 */
export async function startView(userId: string, input: z.output<typeof StartViewInput>, now = new Date()): Promise<StartedView> {
  const rules = await getRules();
  const day = shanghaiDay(now);
  const creative = input.kind === 'house' ? rules.houseCreatives.find((c) => c.id === input.creativeId) : null;
  if (input.kind === 'house' && !creative) throw new NotFoundError('creative');
  const durationSeconds = creative ? creative.durationSeconds : rules.wechatAd.minSeconds;
  const points = input.kind === 'house' ? rules.rewardedView.points : rules.wechatAd.points;
  if (points === 0) throw capReached('video');
  const fits = room(rules, input.kind, await readDays(userId, input.deviceId, day));
  if (!fits.ok) throw capReached(fits.what);

  const device = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.devicePointsDay(input.deviceId, day),
      UpdateExpression: 'SET entity = :e ADD accounts :u',
      ExpressionAttributeValues: { ':e': 'PointsDay', ':u': new Set([userId]) },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const accounts = PointsDayItem.parse(device.Attributes).accounts.length;
  const flags: FlagReason[] = accounts > rules.caps.maxAccountsPerDevice ? ['many_accounts'] : [];

  const token = randomBytes(24).toString('base64url');
  const hash = tokenHash(token);
  const startedAt = now.toISOString();
  const view: RewardedViewItem = {
    entity: 'RewardedView',
    tokenHash: hash,
    userId,
    kind: input.kind,
    creativeId: input.creativeId,
    campaignId: null,
    deviceId: input.deviceId,
    day,
    startedAt,
    durationSeconds,
    points,
    status: 'started',
    flags,
    earlyAttempts: 0,
    completedAt: null,
    credited: 0,
    expiresAt: Math.floor(now.getTime() / 1000) + durationSeconds + GRACE_SECONDS + 86_400,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.rewardedView(hash), ...view }, ConditionExpression: 'attribute_not_exists(PK)' }));
  return {
    token,
    kind: input.kind,
    creative: creative ?? null,
    startedAt,
    durationSeconds,
    completableAt: new Date(now.getTime() + durationSeconds * 1000).toISOString(),
    points,
  };
}

const flagView = (hash: string, flag: FlagReason, early: boolean) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.rewardedView(hash),
      UpdateExpression: `SET flags = list_append(flags, :f)${early ? ', earlyAttempts = earlyAttempts + :one' : ''}`,
      ConditionExpression: '#s = :started',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':f': [flag], ':started': 'started', ...(early ? { ':one': 1 } : {}) },
    }),
  );

const viewTo = (hash: string, status: RewardedViewItem['status'], from: RewardedViewItem['status'], now: Date, credited = 0): TxItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.rewardedView(hash),
    UpdateExpression: 'SET #s = :to, completedAt = :at, credited = :c',
    ConditionExpression: '#s = :from',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':to': status, ':from': from, ':at': now.toISOString(), ':c': credited },
  },
});

const alreadyCompleted = () => new ConflictError('This view was already completed', 'view_already_completed');

/**
 * Completes a view. Primary course: 1. the token is the caller's (404) and unused (409
 * view_already_completed), not stale (409 view_expired), from the device it was issued to (else
 * flagged, 404); 2. its duration has passed on the server's clock (else flagged, 422
 * view_not_finished); 3. a flagged view is held for a person (no points); 4. the day's caps give the
 * points (none left: `capped`); 5. the points, the view's status and the day's counters are one
 * transaction, claimed by `view:<hash>`: of concurrent completions one credits.
 */
export async function completeView(userId: string, token: string, input: z.output<typeof CompleteViewInput>, now = new Date()): Promise<CompletedView> {
  const hash = tokenHash(token);
  const view = await readView(hash);
  if (!view || view.userId !== userId) throw new NotFoundError('rewarded view');
  if (view.status !== 'started') throw alreadyCompleted();
  const started = Date.parse(view.startedAt);
  if (now.getTime() > started + (view.durationSeconds + GRACE_SECONDS) * 1000)
    throw new ConflictError('This view is too old: start another one', 'view_expired');
  if (input.deviceId !== view.deviceId) {
    await flagView(hash, 'device_mismatch', false).catch(() => undefined);
    throw new NotFoundError('rewarded view');
  }
  const completableAt = started + view.durationSeconds * 1000;
  if (now.getTime() < completableAt) {
    await flagView(hash, 'early_completion', true).catch(() => undefined);
    throw new ViewNotFinishedError(new Date(completableAt).toISOString(), Math.ceil((completableAt - now.getTime()) / 1000));
  }
  if (view.flags.length > 0) return hold(view, now);

  const rules = await getRules();
  for (let attempt = 0; ; attempt += 1) {
    const days = await readDays(userId, view.deviceId, view.day);
    const fits = room(rules, view.kind, days);
    const credit = Math.min(view.points, fits.points);
    if (!fits.ok || credit <= 0) {
      await transact([viewTo(hash, 'capped', 'started', now)], () => alreadyCompleted());
      return { outcome: 'capped', credited: 0, available: (await readAccount(userId)).available };
    }
    try {
      const posted = await earn(
        userId,
        {
          amount: credit,
          source: view.kind === 'house' ? 'rewarded_view' : 'wechat_ad',
          reference: `view:${hash}`,
          expiryMonths: rules.expiryMonths,
          extra: [
            viewTo(hash, 'credited', 'started', now, credit),
            countDay(keys.shopperPointsDay(userId, view.day), days.shopper, view.kind, credit),
            countDay(keys.devicePointsDay(view.deviceId, view.day), days.device, view.kind, credit),
          ],
        },
        now,
      );
      return { outcome: 'credited', credited: credit, available: posted.account.available };
    } catch (err) {
      if (err instanceof AlreadyPosted) throw alreadyCompleted();
      if (!(err instanceof ExtraRefused)) throw err;
      if (err.failed.includes(0)) throw alreadyCompleted();
      // another view of the shopper or the device counted meanwhile: read the day again
      if (attempt + 1 >= ATTEMPTS) throw new ConflictError('Too many views at once: try again');
    }
  }
}

/** The day's counter moved by one view, conditioned on the values the caps were checked against. */
function countDay(key: { PK: string; SK: string }, read: PointsDayItem, kind: 'house' | 'wechat', credit: number): TxItem {
  const field = kind === 'house' ? 'views' : 'wechatViews';
  const views = kind === 'house' ? read.views : read.wechatViews;
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET entity = :e, #f = :views, points = :points',
      ConditionExpression: '(attribute_not_exists(#f) OR #f = :rv) AND (attribute_not_exists(points) OR points = :rp)',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':e': 'PointsDay', ':views': views + 1, ':points': read.points + credit, ':rv': views, ':rp': read.points },
    },
  };
}

async function hold(view: RewardedViewItem, now: Date): Promise<CompletedView> {
  await transact(
    [
      viewTo(view.tokenHash, 'held', 'started', now),
      putNew({
        ...keys.pointsFlag(now.toISOString(), view.tokenHash),
        entity: 'PointsFlag',
        tokenHash: view.tokenHash,
        userId: view.userId,
        deviceId: view.deviceId,
        reasons: view.flags,
        points: view.points,
        at: now.toISOString(),
        decision: null,
      }),
    ],
    () => alreadyCompleted(),
  );
  return { outcome: 'held', credited: 0, available: (await readAccount(view.userId)).available };
}

/**
 * A person's decision on a held view (the admin page comes later): approved credits its points (once,
 * by the same `view:<hash>` reference, outside the day's caps), rejected credits nothing.
 */
export async function decideHeldView(hash: string, approve: boolean, now = new Date()): Promise<RewardedViewItem> {
  const view = await readView(hash);
  if (!view) throw new NotFoundError('rewarded view');
  if (view.status !== 'held') throw new ConflictError('This view is not held');
  if (!approve) await transact([viewTo(hash, 'rejected', 'held', now)], () => new ConflictError('This view was decided'));
  else {
    const rules = await getRules();
    await earn(
      view.userId,
      {
        amount: view.points,
        source: view.kind === 'house' ? 'rewarded_view' : 'wechat_ad',
        reference: `view:${hash}`,
        expiryMonths: rules.expiryMonths,
        extra: [viewTo(hash, 'credited', 'held', now, view.points)],
      },
      now,
    ).catch((err: unknown) => {
      if (err instanceof AlreadyPosted || err instanceof ExtraRefused) throw new ConflictError('This view was decided');
      throw err;
    });
  }
  return (await readView(hash))!;
}
