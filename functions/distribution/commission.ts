/**
 * Commission arithmetic (ADR 0066): pure functions over integers of fen, no table.
 *
 * - A line's rates are its category's (the nearest category up its path with an entry in the rules),
 *   else the global ones; the first `tiers` of them.
 * - The order's base is its goods after the store's adjustments (discounts), without shipping; a tier's
 *   amount is sum(lineTotal x rate) scaled to that base, divided by 10,000 and floored ONCE per tier:
 *   the fractions of a fen stay with the platform.
 * - A refund reverses in proportion to the refunded share of what was paid, cumulatively:
 *   reversed_t = floor(amount_t x refunded / paid), so the reversals never sum to more than was accrued
 *   and a full refund reverses exactly all of it.
 */
import { BASIS_POINTS, type DistributionRules } from '@wxshop/shared/distribution';

export interface RatedLine {
  lineTotal: number;
  rates: number[];
}

/** The rates of a product in `categoryPath` (leaf first, then its ancestors). */
export function ratesFor(rules: Pick<DistributionRules, 'tiers' | 'rates' | 'categoryRates'>, categoryPath: string[]): number[] {
  for (const id of categoryPath) {
    const entry = rules.categoryRates.find((c) => c.categoryId === id);
    if (entry) return entry.rates.slice(0, rules.tiers);
  }
  return rules.rates.slice(0, rules.tiers);
}

/** What commission is on: the goods after adjustments (negative for discounts), never below 0. */
export const commissionBase = (lineTotals: number[], adjustments: number[]): number =>
  Math.max(0, lineTotals.reduce((s, n) => s + n, 0) + adjustments.reduce((s, n) => s + n, 0));

/** Each tier's amount in fen (floored once per tier); `tiers` entries. */
export function tierAmounts(lines: RatedLine[], tiers: number, base: number): number[] {
  const goods = lines.reduce((s, l) => s + l.lineTotal, 0);
  return Array.from({ length: tiers }, (_, t) => {
    if (goods <= 0 || base <= 0) return 0;
    const weighted = lines.reduce((s, l) => s + BigInt(l.lineTotal) * BigInt(l.rates[t] ?? 0), 0n);
    return Number((weighted * BigInt(Math.min(base, goods))) / (BigInt(goods) * BigInt(BASIS_POINTS)));
  });
}

/** How much of `accrued` should stand reversed once `refunded` of `paid` came back (cumulative, floored). */
export function reversedTarget(accrued: number, refunded: number, paid: number): number {
  if (accrued <= 0) return 0;
  if (paid <= 0 || refunded >= paid) return accrued;
  return Number((BigInt(accrued) * BigInt(Math.max(0, refunded))) / BigInt(paid));
}
