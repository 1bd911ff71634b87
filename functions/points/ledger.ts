/**
 * The points ledger's repository (ADR 0067). A change reads the account and its open batches, plans
 * the change with plan.ts, and writes in ONE transaction: the account (conditioned on the version
 * read), a reference claim (a check-in day, a view, a freeze is posted once), the postings, the
 * changed batches, and the caller's own items. A lost race re-reads and re-plans; a claimed reference
 * answers AlreadyPosted. So the account always equals the sum of its postings.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, putNew, transact, type TxItem } from '../lib/table-ops';
import { UnprocessableError } from '../lib/errors';
import { EMPTY_ACCOUNT, type Account, type Batch, type Change, type State } from './plan';
import { PointsAccountItem, PointsBatchItem, type PointsPostingItem } from './items';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ATTEMPTS = 12;

/** The reference was posted before: nothing was written now. */
export class AlreadyPosted extends Error {
  constructor(readonly reference: string) {
    super(`points reference ${reference} already posted`);
    this.name = 'AlreadyPosted';
  }
}

/** One of the caller's own items refused its condition (`failed`: their indexes in `extra`). */
export class ExtraRefused extends Error {
  constructor(readonly failed: number[]) {
    super(`points change refused by item(s) ${failed.join(', ')}`);
    this.name = 'ExtraRefused';
  }
}

class StaleAccount extends Error {}

export async function readAccount(userId: string): Promise<Account> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.pointsAccount(userId), ConsistentRead: true }));
  return accountOf(out.Item);
}

/** The open batches (remaining or frozen points), read from the account's first open batch on. */
export async function readOpenBatches(userId: string, account: Account): Promise<Batch[]> {
  if (account.openFrom === null) return [];
  const range = keys.pointsBatchRange(userId);
  const batches: Batch[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        FilterExpression: 'remaining > :zero OR frozen > :zero',
        ExpressionAttributeValues: { ':pk': range.PK, ':from': account.openFrom, ':to': range.SKTo, ':zero': 0 },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of out.Items ?? []) {
      const { entity: _e, userId: _u, ...b } = PointsBatchItem.parse(raw);
      batches.push(b);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return batches;
}

const accountOf = (raw: Record<string, unknown> | undefined): Account => {
  if (!raw) return EMPTY_ACCOUNT;
  const a = PointsAccountItem.parse(raw);
  return { available: a.available, frozen: a.frozen, version: a.version, openFrom: a.openFrom };
};

export async function readState(userId: string): Promise<State> {
  const account = await readAccount(userId);
  return { account, batches: await readOpenBatches(userId, account) };
}

/** The account with the reference's claim in one read: a posted reference answers before any planning. */
async function readStateFor(userId: string, reference: string): Promise<State> {
  const found = await batchGet([keys.pointsAccount(userId), keys.pointsReference(userId, reference)], true);
  if (found.has(keyString(keys.pointsReference(userId, reference)))) throw new AlreadyPosted(reference);
  const account = accountOf(found.get(keyString(keys.pointsAccount(userId))));
  return { account, batches: await readOpenBatches(userId, account) };
}

const dueDay = (iso: string): string => iso.slice(0, 10);

/** What the caller wants written for a state: a ledger change (or none) and its own items. */
export interface Plan {
  change: Change | null;
  extra?: TxItem[];
}

export interface Posted {
  account: Account;
  postings: PointsPostingItem[];
}

/**
 * Posts the change `build` plans for the current state, once per `reference`. Throws AlreadyPosted
 * when the reference was posted, ExtraRefused when one of the caller's items refused, and whatever
 * `build` throws (InsufficientPoints, an AppError).
 */
export async function post(userId: string, reference: string, build: (state: State) => Plan, now = new Date()): Promise<Posted> {
  for (let attempt = 0; ; attempt += 1) {
    const state = await readStateFor(userId, reference);
    const { change, extra = [] } = build(state);
    if (!change) {
      if (extra.length) await transact(extra, (failed) => new ExtraRefused(failed));
      return { account: state.account, postings: [] };
    }
    try {
      return await write(userId, reference, state.account, change, extra, now);
    } catch (err) {
      if (!(err instanceof StaleAccount) || attempt + 1 >= ATTEMPTS) throw err;
      await pause(Math.random() * Math.min(200, 10 * 2 ** attempt));
    }
  }
}

async function write(userId: string, reference: string, read: Account, change: Change, extra: TxItem[], now: Date): Promise<Posted> {
  const at = now.toISOString();
  const table = tableName();
  const postings: PointsPostingItem[] = change.postings.map((p) => ({
    entity: 'PointsPosting',
    userId,
    id: ulid(now.getTime()),
    kind: p.kind,
    source: p.source,
    delta: p.delta,
    frozenDelta: p.frozenDelta,
    parts: p.parts,
    reference,
    at,
  }));
  const accountItem: PointsAccountItem = { entity: 'PointsAccount', userId, ...change.account, updatedAt: at };
  const items: TxItem[] = [
    {
      Put: {
        TableName: table,
        Item: { ...keys.pointsAccount(userId), ...accountItem },
        ...(read.version === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': read.version } }),
      },
    },
    putNew({ ...keys.pointsReference(userId, reference), entity: 'PointsReference', userId, reference, postingIds: postings.map((p) => p.id), at }),
    ...postings.map((p) => ({ Put: { TableName: table, Item: { ...keys.pointsPosting(userId, p.id), ...p } } })),
    ...change.batches.map((b) => ({ Put: { TableName: table, Item: { ...keys.pointsBatch(userId, b.sk), entity: 'PointsBatch', userId, ...b } } })),
    ...change.postings
      .filter((p) => p.kind === 'earn')
      .flatMap((p) => p.parts)
      .map((part) => {
        const b = change.batches.find((x) => x.sk === part.batchSk)!;
        return putNew({ ...keys.duePointsExpiry(dueDay(b.expiresAt), b.expiresAt, userId, b.sk), entity: 'DuePointsExpiry', userId, batchSk: b.sk });
      }),
  ];
  const firstExtra = items.length;
  items.push(...extra);
  // NOTE: one transaction holds at most 100 items: a spend over ~95 small batches is refused (ADR 0067)
  if (items.length > 100) throw new UnprocessableError('Too many earning batches in one change: spend fewer points at once');
  await transact(items, (failed) => {
    if (failed.includes(1)) return new AlreadyPosted(reference);
    if (failed.includes(0)) return new StaleAccount('the account changed');
    return new ExtraRefused(failed.filter((i) => i >= firstExtra).map((i) => i - firstExtra));
  });
  return { account: change.account, postings };
}
