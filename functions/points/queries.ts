/** The points centre's reads (ADR 0067): the summary, the history of postings, what expires soon. */
import type { z } from 'zod';
import type { ExpiringPoints, PointsPageQuery, PointsPostingPage, PointsSummary } from '@wxshop/shared/points';
import { keys } from '../lib/keys';
import { batchGet, keyString, queryPage } from '../lib/table-ops';
import { readOpenBatches, readAccount } from './ledger';
import { getRules } from './points';
import { CheckInItem, PointsDayItem, PointsPostingItem } from './items';
import { checkInState } from './check-ins';
import { shanghaiDay } from './calendar';

const SOON_DAYS = 30;

/** The open batches with spendable points expiring within 30 days, soonest first. */
export async function expiringSoon(userId: string, now = new Date()): Promise<ExpiringPoints> {
  const until = new Date(now.getTime() + SOON_DAYS * 86_400_000).toISOString();
  const batches = (await readOpenBatches(userId, await readAccount(userId)))
    .filter((b) => b.remaining > 0 && b.expiredAt === null && b.expiresAt <= until)
    .map((b) => ({ id: b.id, points: b.remaining, source: b.source, earnedAt: b.earnedAt, expiresAt: b.expiresAt }));
  return { points: batches.reduce((s, b) => s + b.points, 0), until, batches };
}

export async function summary(userId: string, now = new Date()): Promise<PointsSummary> {
  const day = shanghaiDay(now);
  const [rules, found, soon] = await Promise.all([
    getRules(),
    batchGet([keys.pointsAccount(userId), keys.checkIn(userId), keys.shopperPointsDay(userId, day)], true),
    expiringSoon(userId, now),
  ]);
  const account = found.get(keyString(keys.pointsAccount(userId)));
  const checkIn = found.get(keyString(keys.checkIn(userId)));
  const dayRaw = found.get(keyString(keys.shopperPointsDay(userId, day)));
  const today = dayRaw ? PointsDayItem.parse(dayRaw) : { views: 0, wechatViews: 0 };
  return {
    available: Number(account?.available ?? 0),
    frozen: Number(account?.frozen ?? 0),
    expiringSoon: { points: soon.points, until: soon.until },
    checkIn: checkInState(checkIn ? CheckInItem.parse(checkIn) : null, rules, now),
    views: {
      today: today.views,
      dailyViews: rules.rewardedView.dailyViews,
      points: rules.rewardedView.points,
      wechatToday: today.wechatViews,
      wechatDailyViews: rules.wechatAd.dailyViews,
      wechatPoints: rules.wechatAd.points,
    },
    houseCreative: rules.houseCreatives[0] ?? null,
  };
}

/** The postings, newest first, a page at a time. */
export async function history(userId: string, query: z.output<typeof PointsPageQuery>): Promise<PointsPostingPage> {
  const prefix = keys.pointsPostingsPrefix(userId);
  const page = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': prefix.PK, ':p': prefix.SKPrefix },
      ScanIndexForward: false,
    },
    { limit: query.limit, cursor: query.cursor, expected: { PK: prefix.PK } },
  );
  return {
    items: page.items.map((raw) => {
      const p = PointsPostingItem.parse(raw);
      return { id: p.id, kind: p.kind, source: p.source, points: p.delta, frozen: p.frozenDelta, at: p.at };
    }),
    nextCursor: page.nextCursor,
  };
}
