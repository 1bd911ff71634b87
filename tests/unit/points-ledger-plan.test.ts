import fc from 'fast-check';
import {
  EMPTY_ACCOUNT,
  InsufficientPoints,
  addMonths,
  planEarn,
  planExpire,
  planFreeze,
  planRelease,
  planSettle,
  planSpend,
  type Batch,
  type Change,
  type Part,
  type Posting,
  type State,
} from '../../functions/points/plan';

/** The ledger's rules over random sequences (ADR 0067): a pure model, no table. */

type Op =
  | { op: 'earn'; amount: number; months: number }
  | { op: 'spend'; amount: number }
  | { op: 'freeze'; amount: number }
  | { op: 'release' }
  | { op: 'settle' }
  | { op: 'expire' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('earn' as const), amount: fc.integer({ min: 1, max: 200 }), months: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('freeze' as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('release' as const) }),
  fc.record({ op: fc.constant('settle' as const) }),
  fc.record({ op: fc.constant('expire' as const) }),
);
const stepArb = fc.record({ op: opArb, days: fc.integer({ min: 0, max: 40 }) });

interface World {
  state: State;
  all: Map<string, Batch>;
  postings: Posting[];
  freezes: Part[][];
  earned: number;
}

function apply(w: World, change: Change): void {
  for (const b of change.batches) w.all.set(b.sk, b);
  const open = [...w.all.values()].filter((b) => b.remaining > 0 || b.frozen > 0).sort((a, b) => (a.sk < b.sk ? -1 : 1));
  w.state = { account: change.account, batches: open };
  w.postings.push(...change.postings);
}

function check(w: World): void {
  const { account } = w.state;
  const batches = [...w.all.values()];
  expect(account.available).toBe(w.postings.reduce((s, p) => s + p.delta, 0));
  expect(account.frozen).toBe(w.postings.reduce((s, p) => s + p.frozenDelta, 0));
  expect(account.available).toBe(batches.reduce((s, b) => s + b.remaining, 0));
  expect(account.frozen).toBe(batches.reduce((s, b) => s + b.frozen, 0));
  for (const b of batches) {
    expect(b.remaining).toBeGreaterThanOrEqual(0);
    expect(b.frozen).toBeGreaterThanOrEqual(0);
    expect(b.remaining + b.frozen + b.expired).toBeLessThanOrEqual(b.amount);
  }
  const spentOrSettled = w.postings.filter((p) => p.kind === 'spend' || p.kind === 'settle').reduce((s, p) => s - p.delta - p.frozenDelta, 0);
  const expired = w.postings.filter((p) => p.kind === 'expire').reduce((s, p) => s - p.delta, 0);
  // conservation: everything earned is spendable, frozen, spent or expired
  expect(w.earned).toBe(account.available + account.frozen + spentOrSettled + expired);
  expect(account.openFrom).toBe(w.state.batches[0]?.sk ?? null);
}

describe('points ledger rules', () => {
  it('keeps the balance equal to the sum of postings and of batches over random earn / spend / freeze / release / settle / expire', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        let t = Date.parse('2026-01-31T10:00:00Z');
        const w: World = { state: { account: EMPTY_ACCOUNT, batches: [] }, all: new Map(), postings: [], freezes: [], earned: 0 };
        let n = 0;
        for (const { op, days } of steps) {
          t += days * 86_400_000;
          const now = new Date(t).toISOString();
          n += 1;
          const liveSpendable = w.state.batches.filter((b) => b.expiresAt > now && b.expiredAt === null).reduce((s, b) => s + b.remaining, 0);
          if (op.op === 'earn') {
            const id = String(n).padStart(6, '0');
            const expiresAt = addMonths(now, op.months);
            apply(
              w,
              planEarn(w.state, {
                batchId: id,
                batchSk: `B#${expiresAt}#${id}`,
                amount: op.amount,
                source: 'check_in',
                reference: id,
                earnedAt: now,
                expiresAt,
              }),
            );
            w.earned += op.amount;
          } else if (op.op === 'spend' || op.op === 'freeze') {
            if (op.amount > liveSpendable) {
              expect(() => (op.op === 'spend' ? planSpend(w.state, op.amount, 'order', now) : planFreeze(w.state, op.amount, now))).toThrow(InsufficientPoints);
              continue;
            }
            if (op.op === 'spend') apply(w, planSpend(w.state, op.amount, 'order', now));
            else {
              const change = planFreeze(w.state, op.amount, now);
              apply(w, change);
              w.freezes.push(change.parts);
            }
          } else if (op.op === 'release' || op.op === 'settle') {
            const parts = w.freezes.shift();
            if (!parts) continue;
            apply(w, op.op === 'release' ? planRelease(w.state, parts, now) : planSettle(w.state, parts));
          } else {
            for (const b of [...w.state.batches]) {
              const change = planExpire(w.state, b.sk, now);
              if (change) apply(w, change);
              // a second expiry of the same batch does nothing
              expect(planExpire(w.state, b.sk, now)).toBeNull();
            }
            for (const b of w.state.batches) if (b.expiresAt <= now) expect(b.remaining).toBe(0);
          }
          check(w);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spends the batches that expire soonest first', () => {
    let state: State = { account: EMPTY_ACCOUNT, batches: [] };
    const earn = (id: string, expiresAt: string, amount: number) => {
      const c = planEarn(state, {
        batchId: id,
        batchSk: `B#${expiresAt}#${id}`,
        amount,
        source: 'check_in',
        reference: id,
        earnedAt: '2026-01-01T00:00:00.000Z',
        expiresAt,
      });
      state = { account: c.account, batches: [...state.batches, ...c.batches].sort((a, b) => (a.sk < b.sk ? -1 : 1)) };
    };
    earn('2', '2027-03-01T00:00:00.000Z', 50);
    earn('1', '2027-01-01T00:00:00.000Z', 30);
    const spent = planSpend(state, 40, 'order', '2026-06-01T00:00:00.000Z');
    expect(spent.postings[0]!.parts).toEqual([
      { batchSk: 'B#2027-01-01T00:00:00.000Z#1', amount: 30 },
      { batchSk: 'B#2027-03-01T00:00:00.000Z#2', amount: 10 },
    ]);
    expect(spent.account).toMatchObject({ available: 40, frozen: 0, openFrom: 'B#2027-03-01T00:00:00.000Z#2' });
  });

  it('does not spend points past their expiry that the sweep has not reached yet', () => {
    const c = planEarn(
      { account: EMPTY_ACCOUNT, batches: [] },
      {
        batchId: '1',
        batchSk: 'B#1',
        amount: 10,
        source: 'check_in',
        reference: '1',
        earnedAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
    );
    expect(() => planSpend({ account: c.account, batches: c.batches }, 5, 'order', '2027-01-01T00:00:00.000Z')).toThrow(InsufficientPoints);
  });

  it('expires frozen points of an expired batch when their order is cancelled', () => {
    const e = planEarn(
      { account: EMPTY_ACCOUNT, batches: [] },
      {
        batchId: '1',
        batchSk: 'B#1',
        amount: 10,
        source: 'check_in',
        reference: '1',
        earnedAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
    );
    const f = planFreeze({ account: e.account, batches: e.batches }, 4, '2026-12-01T00:00:00.000Z');
    const r = planRelease({ account: f.account, batches: f.batches }, f.parts, '2027-02-01T00:00:00.000Z');
    expect(r.postings.map((p) => [p.kind, p.delta, p.frozenDelta])).toEqual([
      ['release', 4, -4],
      ['expire', -4, 0],
    ]);
    expect(r.account).toMatchObject({ available: 6, frozen: 0 });
  });

  it('adds months at the end of a shorter month', () => {
    expect(addMonths('2026-01-31T10:00:00.000Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths('2026-03-15T00:00:00.000Z', 12)).toBe('2027-03-15T00:00:00.000Z');
  });
});
