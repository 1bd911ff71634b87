/**
 * Distributors (ADR 0065): a shopper applies from Me; by the rules the application is approved at
 * once (everyone, or enough spent) or waits in the platform's review queue (AP131); the decision and
 * its reason are shown to the shopper.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Distributor, DistributorPage, DistributorStatus, MyDistributor } from '@wxshop/shared/distribution';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { batchGet, keyString, queryPage } from '../lib/table-ops';
import { ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { UserItem } from '../lib/items';
import { DistributorItem } from './items';
import { getRules } from './rules';

const toDistributor = ({ entity: _e, ...d }: DistributorItem): Distributor => d;

/** The distributor item of a user, if any (AP130). */
export async function readDistributor(userId: string): Promise<DistributorItem | undefined> {
  const found = await batchGet([keys.distributor(userId)], true);
  const raw = found.get(keyString(keys.distributor(userId)));
  return raw ? DistributorItem.parse(raw) : undefined;
}

/** Whether the user is an approved distributor now. */
export const isDistributor = async (userId: string): Promise<boolean> => (await readDistributor(userId))?.status === 'approved';

async function standing(userId: string): Promise<{ user: UserItem; distributor: DistributorItem | undefined; spent: number }> {
  const found = await batchGet([keys.user(userId), keys.distributor(userId), keys.distributionSpend(userId)], true);
  const user = found.get(keyString(keys.user(userId)));
  if (!user) throw new NotFoundError('account');
  const d = found.get(keyString(keys.distributor(userId)));
  const spend = found.get(keyString(keys.distributionSpend(userId)));
  return { user: UserItem.parse(user), distributor: d ? DistributorItem.parse(d) : undefined, spent: Number(spend?.amount ?? 0) };
}

/** What the Me page shows: the program and the caller's application or standing. */
export async function getMine(userId: string): Promise<MyDistributor> {
  const [rules, s] = await Promise.all([getRules(), standing(userId)]);
  return {
    program: { enabled: rules.enabled, joinMode: rules.joinMode, spendThreshold: rules.spendThreshold, spent: { amount: s.spent, currency: 'CNY' } },
    distributor: s.distributor ? toDistributor(s.distributor) : null,
  };
}

/** Writes the item for `status`, conditional on the one read (absent, or the status read). */
async function putDistributor(item: DistributorItem, read: DistributorItem | undefined): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.distributor(item.userId), ...keys.distributorStatusGsi2(item.status, item.appliedAt, item.userId), ...item },
        ConditionExpression: read ? '#s = :s' : 'attribute_not_exists(PK)',
        ...(read ? { ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': read.status } } : {}),
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('the application changed meanwhile: read it again');
    throw err;
  }
}

/**
 * Applies (or applies again after a rejection). Primary course:
 * 1. the rules must have distribution on;
 * 2. an approved distributor or a waiting application is answered as it is (a repeat changes nothing);
 * 3. `everyone`: approved at once; `spend`: approved when the caller's paid orders reached the
 *    threshold, else refused (422); `apply`: waits for review.
 */
export async function apply(userId: string, note: string | undefined, now = new Date()): Promise<MyDistributor> {
  const [rules, s] = await Promise.all([getRules(true), standing(userId)]);
  if (!rules.enabled) throw new UnprocessableError('distribution is off');
  if (s.distributor && s.distributor.status !== 'rejected') return getMine(userId);
  let status: DistributorStatus = 'applied';
  if (rules.joinMode === 'everyone') status = 'approved';
  if (rules.joinMode === 'spend') {
    if (s.spent < (rules.spendThreshold?.amount ?? 0)) throw new UnprocessableError('spend the threshold in paid orders first');
    status = 'approved';
  }
  const at = now.toISOString();
  const item: DistributorItem = {
    entity: 'Distributor',
    userId,
    nickname: s.user.nickname,
    status,
    note: note ?? null,
    reason: null,
    appliedAt: at,
    decidedAt: status === 'approved' ? at : null,
    decidedBy: status === 'approved' ? 'rules' : null,
  };
  await putDistributor(item, s.distributor);
  return getMine(userId);
}

/** The review queue and the distributors by status, oldest first (AP131). */
export async function listByStatus(q: { status: DistributorStatus; cursor?: string; limit?: number }): Promise<DistributorPage> {
  const { GSI2PK } = keys.distributorsByStatus(q.status);
  const page = await queryPage(
    { IndexName: INDEX.byStatus, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': GSI2PK } },
    { limit: q.limit ?? 20, cursor: q.cursor, expected: { GSI2PK } },
  );
  return { items: page.items.map((i) => toDistributor(DistributorItem.parse(i))), nextCursor: page.nextCursor };
}

/** Approves or rejects a waiting application (409 when it is not waiting). */
export async function decide(
  userId: string,
  decision: { approve: true } | { approve: false; reason: string },
  by: string,
  now = new Date(),
): Promise<Distributor> {
  const read = await readDistributor(userId);
  if (!read) throw new NotFoundError('application');
  if (read.status !== 'applied') throw new ConflictError(`the application is ${read.status}, not waiting`);
  const item: DistributorItem = {
    ...read,
    status: decision.approve ? 'approved' : 'rejected',
    reason: decision.approve ? null : decision.reason,
    decidedAt: now.toISOString(),
    decidedBy: by,
  };
  await putDistributor(item, read);
  return toDistributor(item);
}

/**
 * The spend-to-join rule: called when one of the user's orders is paid (the spend was added in the
 * same consumer). Creates an approved distributor when the threshold is reached and there is none.
 */
export async function joinBySpend(userId: string, spent: number, now = new Date()): Promise<void> {
  const rules = await getRules();
  if (!rules.enabled || rules.joinMode !== 'spend' || spent < (rules.spendThreshold?.amount ?? Infinity)) return;
  const s = await standing(userId);
  if (s.distributor && s.distributor.status !== 'rejected') return;
  const at = now.toISOString();
  try {
    await putDistributor(
      {
        entity: 'Distributor',
        userId,
        nickname: s.user.nickname,
        status: 'approved',
        note: null,
        reason: null,
        appliedAt: at,
        decidedAt: at,
        decidedBy: 'rules',
      },
      s.distributor,
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
}

/** Adds a paid order's amount to the user's spend (AP140), once per order by the caller's marker. */
export async function addSpend(userId: string, amount: number): Promise<number> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.distributionSpend(userId),
      UpdateExpression: 'ADD amount :a SET entity = :e',
      ExpressionAttributeValues: { ':a': amount, ':e': 'DistributionSpend' },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return Number(out.Attributes?.amount ?? 0);
}
