/**
 * A distributor's earnings (AP139 balance, AP138 postings) and team (AP136 by tier).
 * NOTE: settlement (pending -> available when the after-sale window closes) and withdrawals are the
 * next part of issue 9: `available`, `withdrawn` and `owed` stay 0 until then.
 */
import type { Earnings, TeamMember, TeamPage } from '@wxshop/shared/distribution';
import { INDEX, keys } from '../lib/keys';
import { batchGet, keyString, queryAll, queryPage } from '../lib/table-ops';
import { UserItem } from '../lib/items';
import { BalanceItem, PostingItem, ReferralItem } from './items';

const RECENT_POSTINGS = 20;
/** Indirect tiers are gathered from at most this many members of the tier above (no cursor). */
export const TEAM_FAN_OUT = 100;

export async function getEarnings(userId: string): Promise<Earnings> {
  const { PK, SKPrefix } = keys.commissionPostingsPrefix(userId);
  const [found, page] = await Promise.all([
    batchGet([keys.commissionBalance(userId)], true),
    queryPage(
      { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': PK, ':p': SKPrefix }, ScanIndexForward: false },
      { limit: RECENT_POSTINGS, expected: { PK } },
    ),
  ]);
  const raw = found.get(keyString(keys.commissionBalance(userId)));
  const b = raw ? BalanceItem.parse(raw) : undefined;
  const m = (amount: number) => ({ amount, currency: 'CNY' as const });
  return {
    pending: m(b?.pending ?? 0),
    available: m(b?.available ?? 0),
    withdrawn: m(b?.withdrawn ?? 0),
    owed: m(b?.owed ?? 0),
    postings: page.items.map((i) => {
      const p = PostingItem.parse(i);
      return { id: p.id, kind: p.kind, orderId: p.orderId, tier: p.tier, amount: p.amount, state: p.state, at: p.at };
    }),
  };
}

async function nicknames(ids: string[]): Promise<Map<string, string>> {
  const found = await batchGet(ids.map((id) => keys.user(id)));
  return new Map(
    ids.map((id) => [
      id,
      (() => {
        const u = found.get(keyString(keys.user(id)));
        return u ? UserItem.parse(u).nickname : '';
      })(),
    ]),
  );
}

const teamQuery = (referrerId: string) => {
  const { GSI1PK } = keys.team(referrerId);
  return { IndexName: INDEX.byOwner, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': GSI1PK }, ScanIndexForward: false };
};

/**
 * Tier 1: the caller's direct referrals, newest first, paged. Tiers 2 and 3: the referrals of the tier
 * above, gathered from at most TEAM_FAN_OUT of its members, without a cursor.
 */
export async function listTeam(userId: string, q: { tier: number; cursor?: string; limit?: number }): Promise<TeamPage> {
  let referrals: ReferralItem[];
  let nextCursor: string | null = null;
  if (q.tier === 1) {
    const { GSI1PK } = keys.team(userId);
    const page = await queryPage(teamQuery(userId), { limit: q.limit ?? 20, cursor: q.cursor, expected: { GSI1PK } });
    referrals = page.items.map((i) => ReferralItem.parse(i));
    nextCursor = page.nextCursor;
  } else {
    let level = [userId];
    referrals = [];
    for (let t = 1; t <= q.tier; t += 1) {
      const next = (await Promise.all(level.slice(0, TEAM_FAN_OUT).map((id) => queryAll(teamQuery(id), TEAM_FAN_OUT))))
        .flat()
        .map((i) => ReferralItem.parse(i));
      referrals = next;
      level = next.map((r) => r.userId);
    }
    referrals = referrals.slice(0, TEAM_FAN_OUT);
  }
  const names = await nicknames(referrals.map((r) => r.userId));
  const items: TeamMember[] = referrals.map((r) => ({
    userId: r.userId,
    nickname: names.get(r.userId) ?? '',
    tier: q.tier,
    boundAt: r.boundAt,
    via: q.tier === 1 ? null : r.referrerId,
  }));
  return { tier: q.tier, items, nextCursor };
}
