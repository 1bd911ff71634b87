/**
 * Referral binding (ADR 0065). A visitor who opens a share (scene) is bound to its distributor by the
 * rules: permanent (the first binding stays), for N days (a new share binds once it ended), or last
 * click (each share opened rebinds). Never to oneself; never a loop: the referrer's chain up to its
 * root may not contain the visitor. The chain read is re-checked in the binding's transaction (a
 * ConditionCheck per link), so two bindings racing towards a loop cannot both commit.
 */
import type { BindResult, ShareChannel } from '@wxshop/shared/distribution';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, transact, type TxItem } from '../lib/table-ops';
import { ConflictError, NotFoundError } from '../lib/errors';
import { ReferralItem } from './items';
import { getRules } from './rules';
import { readShare } from './shares';
import { isDistributor } from './distributors';

/** How far up a chain is followed (loop check); deeper chains are refused as loops would be. */
export const MAX_CHAIN = 20;

const DAY_MS = 86_400_000;

/** Whether a binding holds at `now` (a `days` binding ends at boundUntil). */
export const isActive = (r: ReferralItem, now: Date): boolean => r.boundUntil === null || Date.parse(r.boundUntil) > now.getTime();

export async function readReferral(userId: string): Promise<ReferralItem | undefined> {
  const raw = (await batchGet([keys.referral(userId)], true)).get(keyString(keys.referral(userId)));
  return raw ? ReferralItem.parse(raw) : undefined;
}

/** The user's active referrer chain upward: [referrer, referrer's referrer, ...] with the items read, up to `max` links. */
export async function chainAbove(
  userId: string,
  now: Date,
  max = MAX_CHAIN,
): Promise<{ ids: string[]; links: ReferralItem[]; rootRead: ReferralItem | undefined | null }> {
  const ids: string[] = [];
  const links: ReferralItem[] = [];
  let cur = userId;
  for (let i = 0; i < max; i += 1) {
    const r = await readReferral(cur);
    if (!r || !isActive(r, now)) return { ids, links, rootRead: r ?? null };
    links.push(r);
    ids.push(r.referrerId);
    cur = r.referrerId;
  }
  return { ids, links, rootRead: undefined };
}

const refused = (reason: BindResult['reason'], current: ReferralItem | undefined, now: Date): BindResult => ({
  outcome: 'refused',
  reason,
  referrerId: current && isActive(current, now) ? current.referrerId : null,
  boundUntil: current && isActive(current, now) ? current.boundUntil : null,
});

/**
 * Binds `userId` to the distributor of `scene`. Primary course:
 * 1. distribution must be on; the share must exist (404) and its distributor still be approved;
 * 2. never to oneself;
 * 3. an active binding stays unless the rules say last click (then a different referrer rebinds);
 * 4. the referrer's chain (each link and the root's absence) may not contain the user: a loop;
 * 5. the binding is written, conditional on the user's binding read and on every link of the chain.
 */
export async function bind(userId: string, scene: string, channel: ShareChannel, now = new Date()): Promise<BindResult> {
  const [rules, share, current] = await Promise.all([getRules(), readShare(scene), readReferral(userId)]);
  if (!share) throw new NotFoundError('share');
  if (!rules.enabled) return refused('disabled', current, now);
  const referrerId = share.distributorId;
  if (referrerId === userId) return refused('self', current, now);
  if (current && isActive(current, now)) {
    if (rules.bindingMode !== 'last_click' || current.referrerId === referrerId)
      return { outcome: 'kept', reason: null, referrerId: current.referrerId, boundUntil: current.boundUntil };
  }
  if (!(await isDistributor(referrerId))) return refused('not_distributor', current, now);
  const chain = await chainAbove(referrerId, now);
  if (chain.ids.includes(userId) || chain.rootRead === undefined) return refused('loop', current, now);

  const boundAt = now.toISOString();
  const boundUntil = rules.bindingMode === 'days' && rules.bindingDays ? new Date(now.getTime() + rules.bindingDays * DAY_MS).toISOString() : null;
  const item: ReferralItem = {
    entity: 'Referral',
    userId,
    referrerId,
    scene,
    channel,
    mode: rules.bindingMode,
    boundAt,
    boundUntil,
    version: (current?.version ?? 0) + 1,
  };
  const tx: TxItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.referral(userId), ...keys.teamGsi1(referrerId, boundAt, userId), ...item },
        ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(PK)',
        ...(current ? { ExpressionAttributeValues: { ':v': current.version } } : {}),
      },
    },
    // every link read still holds, and the root is still unbound (or its binding unchanged)
    ...[...chain.links, ...(chain.rootRead ? [chain.rootRead] : [])].map(
      (link): TxItem => ({
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.referral(link.userId),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': link.version },
        },
      }),
    ),
    ...(chain.rootRead === null
      ? [
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.referral(chain.links.at(-1)?.referrerId ?? referrerId),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ]
      : []),
  ];
  await transact(tx, () => new ConflictError('a binding of this chain changed meanwhile: try again'));
  return { outcome: 'bound', reason: null, referrerId, boundUntil };
}

/**
 * The levels of an order's referral chain, tier 1 first, up to `tiers`: the buyer's active referrer and
 * theirs (or the buyer first when distributors earn on their own purchases and the buyer is one).
 */
export async function levelsOf(buyerId: string, tiers: number, selfPurchase: boolean, now: Date): Promise<string[]> {
  const self = selfPurchase && (await isDistributor(buyerId)) ? [buyerId] : [];
  const above = await chainAbove(buyerId, now, tiers - self.length);
  return [...self, ...above.ids].slice(0, tiers);
}
