import fc from 'fast-check';
import { MAX_COMMISSION_BPS, MAX_FEE_BPS, PROFIT_SHARING_CAP_BPS, withinProfitSharingCap } from '@wxshop/shared/settlement';
import { commissionOf, feeOf, feeReturnFor, orderFeeBps } from '../../functions/settlement/fees';

describe('fee arithmetic (ADR 0061, 0062)', () => {
  it('the fee is rounded down to the fen: 3333 fen at 7.77% is 258, not 259', () => {
    expect(feeOf(3333, 777)).toBe(258);
    expect(feeOf(0, 777)).toBe(0);
    expect(feeOf(-5, 777)).toBe(0);
    expect(feeOf(1, 9999)).toBe(0);
  });

  it('the cap check refuses a rate that with the largest commission passes 30%, and anything not a whole non-negative rate', () => {
    expect(withinProfitSharingCap(MAX_FEE_BPS)).toBe(true);
    expect(withinProfitSharingCap(MAX_FEE_BPS + 1)).toBe(false);
    expect(withinProfitSharingCap(PROFIT_SHARING_CAP_BPS, 0)).toBe(true);
    expect(withinProfitSharingCap(-1, 0)).toBe(false);
    expect(withinProfitSharingCap(1.5, 0)).toBe(false);
    expect(MAX_FEE_BPS + MAX_COMMISSION_BPS).toBe(PROFIT_SHARING_CAP_BPS);
  });

  it("an order's rate: the store's own first, else the line-weighted category rates (default for a category without one), rounded down", () => {
    const schedule = { defaultBps: 500, categories: { tea: 300, cups: 1000 }, merchants: { vip: 100 } };

    expect(orderFeeBps(schedule, 'vip', [{ categoryId: 'tea', lineTotal: 100 }])).toBe(100);
    expect(orderFeeBps(schedule, 'm', [{ categoryId: 'tea', lineTotal: 100 }])).toBe(300);
    expect(orderFeeBps(schedule, 'm', [{ categoryId: 'other', lineTotal: 100 }])).toBe(500);
    // (300 * 2 + 1000 * 1) / 3 = 533.3 -> 533
    expect(
      orderFeeBps(schedule, 'm', [
        { categoryId: 'tea', lineTotal: 200 },
        { categoryId: 'cups', lineTotal: 100 },
      ]),
    ).toBe(533);
  });

  it('the distributor commission is 0 until distribution exists', () => {
    expect(commissionOf({ orderId: 'o', kept: 10_000 })).toBe(0);
  });

  it('property: after any refunds after settlement, the platform holds exactly the fee of what is left, and the merchant the rest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: MAX_FEE_BPS }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 8 }),
        (kept, bps, refunds) => {
          const s = { kept, refundedAfter: 0, feeBps: bps, fee: feeOf(kept, bps), returned: 0 };
          for (const r of refunds) {
            const refund = Math.min(r, s.kept - s.refundedAfter);
            if (refund <= 0) break;
            const back = feeReturnFor(s, refund);
            expect(back).toBeGreaterThanOrEqual(0);
            s.returned += back;
            s.refundedAfter += refund;
          }
          const left = s.kept - s.refundedAfter;
          expect(s.fee - s.returned).toBe(feeOf(left, bps));
          expect(left - (s.fee - s.returned)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
