/**
 * The points ledger against DynamoDB Local (ADR 0067, AP143-AP148): random sequences keep the account
 * equal to the sum of its postings and of its batches; a reference posts once, retried or concurrent;
 * the scheduled expiry expires a batch exactly once.
 */
import fc from 'fast-check';
import { ulid } from 'ulid';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { ownTable } from '../support/integration-env';
import { readAccount } from '../../functions/points/ledger';
import { AlreadyPosted } from '../../functions/points/ledger';
import {
  earn,
  expireBatch,
  freezeForOrder,
  InsufficientPointsError,
  releaseForOrder,
  settleForOrder,
  spend,
  sweepPointsExpiry,
} from '../../functions/points/points';
import { PointsBatchItem, PointsPostingItem } from '../../functions/points/items';
import { handler as sweepHandler } from '../../functions/points/sweep-points-expiry';

jest.setTimeout(300_000);
ownTable('points');

async function partition(uid: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.pointsAccount(uid).PK, ':p': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The ledger's invariants, read back from the table. */
async function expectConsistent(uid: string): Promise<{ available: number; frozen: number }> {
  const account = await readAccount(uid);
  const postings = (await partition(uid, 'POINTS_POSTING#')).map((p) => PointsPostingItem.parse(p));
  const batches = (await partition(uid, 'POINTS_BATCH#')).map((b) => PointsBatchItem.parse(b));
  expect(account.available).toBe(postings.reduce((s, p) => s + p.delta, 0));
  expect(account.frozen).toBe(postings.reduce((s, p) => s + p.frozenDelta, 0));
  expect(account.available).toBe(batches.reduce((s, b) => s + b.remaining, 0));
  expect(account.frozen).toBe(batches.reduce((s, b) => s + b.frozen, 0));
  for (const b of batches) expect(b.remaining >= 0 && b.frozen >= 0 && b.remaining + b.frozen + b.expired <= b.amount).toBe(true);
  return { available: account.available, frozen: account.frozen };
}

type Op = { op: 'earn' | 'spend' | 'freeze'; amount: number } | { op: 'release' | 'settle' | 'expire' | 'retry' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('earn' as const, 'spend' as const, 'freeze' as const), amount: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ op: fc.constantFrom('release' as const, 'settle' as const, 'expire' as const, 'retry' as const) }),
);

describe('points ledger (AP143-AP148)', () => {
  it('AP143+AP144+AP145 a random sequence of earn / spend / freeze / release / settle / expire keeps the account equal to its postings and batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ op: opArb, days: fc.integer({ min: 0, max: 25 }) }), { minLength: 3, maxLength: 12 }), async (steps) => {
        const uid = ulid();
        let t = Date.parse('2026-03-01T04:00:00Z');
        let lastSweep = t;
        let last: (() => Promise<unknown>) | undefined;
        const frozenOrders: string[] = [];
        let n = 0;
        for (const { op, days } of steps) {
          t += days * 86_400_000;
          const now = new Date(t);
          n += 1;
          if (op.op === 'earn') {
            const ref = `test:${uid}:${n}`;
            last = () => earn(uid, { amount: op.amount, source: 'adjustment', reference: ref, expiryMonths: 1 }, now);
            await last();
          } else if (op.op === 'spend' || op.op === 'freeze') {
            const order = `O${n}`;
            const run = () => (op.op === 'spend' ? spend(uid, op.amount, 'order', `spend:${order}`, now) : freezeForOrder(uid, order, op.amount, now));
            try {
              await run();
              if (op.op === 'freeze') frozenOrders.push(order);
              last = run;
            } catch (err) {
              expect(err).toBeInstanceOf(InsufficientPointsError);
            }
          } else if (op.op === 'release' || op.op === 'settle') {
            const order = frozenOrders.shift();
            if (order) {
              expect(await (op.op === 'release' ? releaseForOrder(uid, order, now) : settleForOrder(uid, order, now))).toBe(true);
              // a second release or settle of the same order does nothing
              expect(await releaseForOrder(uid, order, now)).toBe(false);
              expect(await settleForOrder(uid, order, now)).toBe(false);
            }
          } else if (op.op === 'expire') {
            await sweepPointsExpiry(now, new Date(lastSweep).toISOString().slice(0, 10));
            lastSweep = t;
          } else if (last) {
            // a retried earn, spend or freeze (same reference) posts nothing more
            await expect(last()).rejects.toBeInstanceOf(AlreadyPosted);
          }
          await expectConsistent(uid);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('AP146 pointsReference: 20 concurrent earns of one reference post once', async () => {
    const uid = ulid();
    const now = new Date();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => earn(uid, { amount: 7, source: 'adjustment', reference: 'once', expiryMonths: 12 }, now)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof AlreadyPosted)).toHaveLength(19);
    expect(await expectConsistent(uid)).toEqual({ available: 7, frozen: 0 });
  });

  it('AP143 concurrent earns of different references all post, and concurrent spends never overdraw', async () => {
    const uid = ulid();
    const now = new Date();
    await Promise.all(Array.from({ length: 10 }, (_, i) => earn(uid, { amount: 10, source: 'adjustment', reference: `e${i}`, expiryMonths: 12 }, now)));
    expect(await expectConsistent(uid)).toEqual({ available: 100, frozen: 0 });
    const spends = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => spend(uid, 10, 'order', `s${i}`, now)));
    expect(spends.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(spends.filter((r) => r.status === 'rejected' && r.reason instanceof InsufficientPointsError)).toHaveLength(5);
    expect(await expectConsistent(uid)).toEqual({ available: 0, frozen: 0 });
  });

  it('AP147 getPointsFreeze: points frozen for an unpaid order come back once when it is cancelled', async () => {
    const uid = ulid();
    const now = new Date();
    await earn(uid, { amount: 50, source: 'adjustment', reference: 'e', expiryMonths: 12 }, now);
    await freezeForOrder(uid, 'O1', 30, now);
    expect(await expectConsistent(uid)).toEqual({ available: 20, frozen: 30 });
    await expect(spend(uid, 21, 'order', 'too-much', now)).rejects.toBeInstanceOf(InsufficientPointsError);
    const releases = await Promise.all(Array.from({ length: 5 }, () => releaseForOrder(uid, 'O1', now)));
    expect(releases.filter(Boolean)).toHaveLength(1);
    expect(await expectConsistent(uid)).toEqual({ available: 50, frozen: 0 });
  });

  it('AP148 listDuePointsExpiry: the scheduled expiry expires a batch past its date exactly once, even when run twice at once', async () => {
    const uid = ulid();
    const earnedAt = new Date('2026-04-10T02:00:00Z');
    await earn(uid, { amount: 40, source: 'adjustment', reference: 'old', expiryMonths: 12 }, earnedAt);
    await earn(uid, { amount: 5, source: 'adjustment', reference: 'young', expiryMonths: 12 }, new Date('2026-06-01T02:00:00Z'));
    await spend(uid, 15, 'order', 'some', new Date('2026-05-01T02:00:00Z'));
    // the day before: nothing is due
    expect(await sweepPointsExpiry(new Date('2027-04-10T01:00:00Z'), '2027-04-01')).toBe(0);
    const after = new Date('2027-04-10T03:00:00Z');
    const [a, b] = await Promise.all([sweepPointsExpiry(after, '2027-04-01'), sweepPointsExpiry(after, '2027-04-01')]);
    expect(a + b).toBe(25);
    expect(await sweepPointsExpiry(after, '2027-04-01')).toBe(0);
    const expires = (await partition(uid, 'POINTS_POSTING#')).map((p) => PointsPostingItem.parse(p)).filter((p) => p.kind === 'expire');
    expect(expires.map((p) => p.delta)).toEqual([-25]);
    expect(await expectConsistent(uid)).toEqual({ available: 5, frozen: 0 });
    // the due entry is gone; a stray repeat of the same expiry posts nothing
    const batch = (await partition(uid, 'POINTS_BATCH#')).map((x) => PointsBatchItem.parse(x)).find((x) => x.reference === 'old')!;
    expect(await expireBatch(uid, batch.sk, keys.duePointsExpiry('2027-04-10', batch.expiresAt, uid, batch.sk), after)).toBe(0);
    expect(await expectConsistent(uid)).toEqual({ available: 5, frozen: 0 });
  });

  it('the scheduled handler sweeps from its cursor and moves it to today', async () => {
    const out = await sweepHandler();
    expect(out.expired).toBeGreaterThanOrEqual(0);
    const again = await sweepHandler();
    expect(again.expired).toBe(0);
  });
});
