/**
 * The points ledger's rules as plain functions over plain data (ADR 0067): what a change does to the
 * account and its earning batches, and the postings that record it. No I/O: ledger.ts reads the
 * state, calls one of these, and writes the result in one transaction.
 */
import type { PointsSource, PostingKind } from '@wxshop/shared/points';

export interface Batch {
  /** Sort key (`POINTS_BATCH#<expiresAt>#<id>`): soonest to expire first. */
  sk: string;
  id: string;
  amount: number;
  /** Spendable. */
  remaining: number;
  /** Held for unpaid orders. */
  frozen: number;
  expired: number;
  earnedAt: string;
  expiresAt: string;
  source: PointsSource;
  reference: string;
  /** Set once by the expiry: the batch's remaining points are gone. */
  expiredAt: string | null;
}

export interface Account {
  available: number;
  frozen: number;
  /** Bumped by every change: every write conditions on the version read. */
  version: number;
  /** The sort key of the first open batch (remaining or frozen points), or null when none is open. */
  openFrom: string | null;
}

export interface Part {
  batchSk: string;
  amount: number;
}

export interface Posting {
  kind: PostingKind;
  source: PointsSource;
  /** Change of `available`. */
  delta: number;
  /** Change of `frozen`. */
  frozenDelta: number;
  parts: Part[];
}

export interface State {
  account: Account;
  /** The open batches, in sort-key order. */
  batches: Batch[];
}

export interface Change {
  account: Account;
  /** Batches written (changed or new). */
  batches: Batch[];
  postings: Posting[];
}

export class InsufficientPoints extends Error {
  constructor(
    readonly wanted: number,
    readonly spendable: number,
  ) {
    super(`wanted ${wanted} points, ${spendable} spendable`);
    this.name = 'InsufficientPoints';
  }
}

export const EMPTY_ACCOUNT: Account = { available: 0, frozen: 0, version: 0, openFrom: null };

const isOpen = (b: Batch): boolean => b.remaining > 0 || b.frozen > 0;
const live = (b: Batch, now: string): boolean => b.expiresAt > now && b.expiredAt === null;

function finish(state: State, changed: Batch[], postings: Posting[]): Change {
  const bySk = new Map(state.batches.map((b) => [b.sk, b]));
  for (const b of changed) bySk.set(b.sk, b);
  const open = [...bySk.values()].filter(isOpen).map((b) => b.sk);
  open.sort();
  const delta = postings.reduce((s, p) => s + p.delta, 0);
  const frozenDelta = postings.reduce((s, p) => s + p.frozenDelta, 0);
  const account: Account = {
    available: state.account.available + delta,
    frozen: state.account.frozen + frozenDelta,
    version: state.account.version + 1,
    openFrom: open[0] ?? null,
  };
  return { account, batches: changed, postings };
}

/** Adds `month` months to an ISO instant (UTC), at the month's last day when the day does not exist. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

/** A new earning batch of `amount` points. */
export function planEarn(
  state: State,
  e: { batchId: string; batchSk: string; amount: number; source: PointsSource; reference: string; earnedAt: string; expiresAt: string },
): Change {
  if (!Number.isInteger(e.amount) || e.amount <= 0) throw new Error('earn: a positive whole number of points');
  const batch: Batch = {
    sk: e.batchSk,
    id: e.batchId,
    amount: e.amount,
    remaining: e.amount,
    frozen: 0,
    expired: 0,
    earnedAt: e.earnedAt,
    expiresAt: e.expiresAt,
    source: e.source,
    reference: e.reference,
    expiredAt: null,
  };
  return finish(state, [batch], [{ kind: 'earn', source: e.source, delta: e.amount, frozenDelta: 0, parts: [{ batchSk: batch.sk, amount: e.amount }] }]);
}

/** Takes `amount` from the live batches, soonest to expire first. */
function take(state: State, amount: number, now: string): { parts: Part[]; spendable: number } {
  const parts: Part[] = [];
  let left = amount;
  let spendable = 0;
  for (const b of state.batches) {
    if (!live(b, now) || b.remaining === 0) continue;
    spendable += b.remaining;
    if (left === 0) continue;
    const n = Math.min(left, b.remaining);
    parts.push({ batchSk: b.sk, amount: n });
    left -= n;
  }
  if (left > 0) throw new InsufficientPoints(amount, spendable);
  return { parts, spendable };
}

const changedBy = (state: State, parts: Part[], f: (b: Batch, n: number) => Batch): Batch[] =>
  parts.map((p) => {
    const b = state.batches.find((x) => x.sk === p.batchSk);
    if (!b) throw new Error(`batch ${p.batchSk} is not open`);
    return f(b, p.amount);
  });

/** Spends `amount` spendable points (oldest batches first). */
export function planSpend(state: State, amount: number, source: PointsSource, now: string): Change {
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('spend: a positive whole number of points');
  const { parts } = take(state, amount, now);
  const batches = changedBy(state, parts, (b, n) => ({ ...b, remaining: b.remaining - n }));
  return finish(state, batches, [{ kind: 'spend', source, delta: -amount, frozenDelta: 0, parts }]);
}

/** Freezes `amount` spendable points for an unpaid order; the parts say where they came from. */
export function planFreeze(state: State, amount: number, now: string): Change & { parts: Part[] } {
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('freeze: a positive whole number of points');
  const { parts } = take(state, amount, now);
  const batches = changedBy(state, parts, (b, n) => ({ ...b, remaining: b.remaining - n, frozen: b.frozen + n }));
  return { ...finish(state, batches, [{ kind: 'freeze', source: 'order', delta: -amount, frozenDelta: amount, parts }]), parts };
}

/**
 * Gives frozen points back to their batches (the order was cancelled). Points whose batch is past its
 * expiry meanwhile expire in the same change, with their own posting.
 */
export function planRelease(state: State, parts: Part[], now: string): Change {
  const back: Part[] = [];
  const gone: Part[] = [];
  const batches = changedBy(state, parts, (b, n) => {
    if (live(b, now)) {
      back.push({ batchSk: b.sk, amount: n });
      return { ...b, frozen: b.frozen - n, remaining: b.remaining + n };
    }
    gone.push({ batchSk: b.sk, amount: n });
    return { ...b, frozen: b.frozen - n, expired: b.expired + n };
  });
  const total = parts.reduce((s, p) => s + p.amount, 0);
  const expired = gone.reduce((s, p) => s + p.amount, 0);
  const postings: Posting[] = [{ kind: 'release', source: 'order', delta: total, frozenDelta: -total, parts }];
  if (expired > 0) postings.push({ kind: 'expire', source: 'expiry', delta: -expired, frozenDelta: 0, parts: gone });
  return finish(state, batches, postings);
}

/** The frozen points are spent (the order was paid). */
export function planSettle(state: State, parts: Part[]): Change {
  const total = parts.reduce((s, p) => s + p.amount, 0);
  const batches = changedBy(state, parts, (b, n) => ({ ...b, frozen: b.frozen - n }));
  return finish(state, batches, [{ kind: 'settle', source: 'order', delta: 0, frozenDelta: -total, parts }]);
}

/**
 * Expires what is left of a batch past its expiry (once: the batch keeps `expiredAt`). Its frozen
 * points stay frozen: they expire if the order is cancelled (planRelease). Null when there is nothing to do.
 */
export function planExpire(state: State, batchSk: string, now: string): Change | null {
  const b = state.batches.find((x) => x.sk === batchSk);
  if (!b || b.expiredAt !== null || b.expiresAt > now) return null;
  const n = b.remaining;
  const batch: Batch = { ...b, remaining: 0, expired: b.expired + n, expiredAt: now };
  return finish(state, [batch], n > 0 ? [{ kind: 'expire', source: 'expiry', delta: -n, frozenDelta: 0, parts: [{ batchSk, amount: n }] }] : []);
}
