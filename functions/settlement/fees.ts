/**
 * Fee arithmetic, pure (ADR 0061, 0062). Every amount is integer fen, every rate basis points.
 *
 * - The rate of an order is snapshotted when it is placed: the store's own rate when it has one, else
 *   the line-weighted rate of its lines' categories (each the category's rate or the default), rounded
 *   down to a whole basis point.
 * - The fee is of what the shopper finally kept paid (paid - refunded), rounded DOWN to the fen: the
 *   platform never takes a part of a fen the merchant received.
 * - A refund after the fee was taken gives back the part of the fee that the refunded money carried:
 *   `fee(kept) - fee(kept - refund)`, so that after any sequence the platform holds exactly
 *   `fee(paid - all refunds)` and the merchant the rest.
 */
import { DEFAULT_FEE_BPS } from '@wxshop/shared/settlement';

export interface FeeSchedule {
  defaultBps: number;
  categories: Record<string, number>;
  merchants: Record<string, number>;
}

export const EMPTY_SCHEDULE: FeeSchedule = { defaultBps: DEFAULT_FEE_BPS, categories: {}, merchants: {} };

/** The rate snapshotted on a store's order. */
export function orderFeeBps(schedule: FeeSchedule, merchantId: string, lines: { categoryId: string; lineTotal: number }[]): number {
  const own = schedule.merchants[merchantId];
  if (own !== undefined) return own;
  const total = lines.reduce((n, l) => n + l.lineTotal, 0);
  if (lines.length === 0 || total <= 0) return lines[0] ? (schedule.categories[lines[0].categoryId] ?? schedule.defaultBps) : schedule.defaultBps;
  const weighted = lines.reduce((n, l) => n + l.lineTotal * (schedule.categories[l.categoryId] ?? schedule.defaultBps), 0);
  return Math.floor(weighted / total);
}

/** The platform's fee on `kept` fen at `bps`, rounded down. */
export const feeOf = (kept: number, bps: number): number => (kept <= 0 ? 0 : Math.floor((kept * bps) / 10_000));

/**
 * The distributor commission of an order, shared in the same profit-sharing order as the platform's
 * fee. NOTE: 0 until distribution exists; its receiver goes beside the platform's in `settle.ts`.
 */
export const commissionOf = (_order: { orderId: string; kept: number }): number => 0;

/** What the platform gives back of its fee before a refund of `refund` fen of a settled order. */
export function feeReturnFor(s: { kept: number; refundedAfter: number; feeBps: number; fee: number; returned: number }, refund: number): number {
  const keptAfter = s.kept - s.refundedAfter - refund;
  return Math.max(0, s.fee - s.returned - feeOf(keptAfter, s.feeBps));
}
