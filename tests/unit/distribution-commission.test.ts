import fc from 'fast-check';
import { DEFAULT_RULES, MAX_PLATFORM_FEE_BP, PROFIT_SHARING_CAP_BP, SaveDistributionRulesInput, maxCommissionBasisPoints } from '@wxshop/shared/distribution';
import { commissionBase, ratesFor, reversedTarget, tierAmounts } from '../../functions/distribution/commission';

const rules = { ...DEFAULT_RULES, enabled: true, tiers: 3, rates: [1000, 500, 300] };

describe('commission arithmetic (ADR 0066)', () => {
  it('floors each tier once over the whole order, the fractions staying with the platform', () => {
    const lines = [
      { lineTotal: 6666, rates: [1000, 500, 300] },
      { lineTotal: 1999, rates: [1200, 600, 200] },
    ];
    expect(tierAmounts(lines, 3, 8665)).toEqual([906, 453, 239]);
    expect(tierAmounts([{ lineTotal: 1, rates: [1000, 500, 300] }], 3, 1)).toEqual([0, 0, 0]);
  });

  it('scales to the goods after a discount, never counts shipping, and is 0 on a free order', () => {
    expect(commissionBase([10_000, 5000], [-1500])).toBe(13_500);
    expect(commissionBase([100], [-500])).toBe(0);
    expect(tierAmounts([{ lineTotal: 15_000, rates: [1000] }], 1, 13_500)).toEqual([1350]);
    expect(tierAmounts([{ lineTotal: 15_000, rates: [1000] }], 1, 0)).toEqual([0]);
  });

  it('takes the nearest category up the path, else the global rates, cut to the tiers', () => {
    const r = { ...rules, tiers: 2, categoryRates: [{ categoryId: 'TOP', rates: [800, 400] }] };
    expect(ratesFor(r, ['LEAF', 'MID', 'TOP'])).toEqual([800, 400]);
    expect(ratesFor(r, ['OTHER'])).toEqual([1000, 500]);
  });

  it('reverses cumulatively: never more than accrued, all of it on a full refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 6 }),
        (accrued, paid, refunds) => {
          let refunded = 0;
          let reversed = 0;
          for (const r of refunds) {
            refunded += r;
            const target = reversedTarget(accrued, refunded, paid);
            expect(target).toBeGreaterThanOrEqual(reversed); // reversals only add up
            reversed = target;
            expect(reversed).toBeLessThanOrEqual(accrued);
            expect(reversed).toBeLessThanOrEqual(Math.ceil((accrued * Math.min(refunded, paid)) / paid));
          }
          expect(reversedTarget(accrued, paid, paid)).toBe(accrued);
        },
      ),
    );
  });

  it('for random orders the pool never exceeds the configured share of the goods', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lineTotal: fc.integer({ min: 0, max: 10_000_000 }),
            rates: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 600 })),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (lines) => {
          const goods = lines.reduce((s, l) => s + l.lineTotal, 0);
          const amounts = tierAmounts(lines, 3, goods);
          const exact = lines.reduce((s, l) => s + l.lineTotal * (l.rates[0] + l.rates[1] + l.rates[2]), 0) / 10_000;
          expect(amounts.reduce((s, a) => s + a, 0)).toBeLessThanOrEqual(exact);
          expect(exact - amounts.reduce((s, a) => s + a, 0)).toBeLessThan(3); // under a fen per tier
        },
      ),
    );
  });
});

describe('the rules refuse a pool that could pass profit sharing with the platform fee', () => {
  const { version: _v, updatedAt: _u, updatedBy: _b, ...fields } = rules;
  const body = { ...fields, categoryRates: [] as { categoryId: string; rates: number[] }[], expectedVersion: 0 };

  it('accepts exactly the cap and refuses one basis point more, globally and per category', () => {
    const cap = PROFIT_SHARING_CAP_BP - MAX_PLATFORM_FEE_BP;
    expect(SaveDistributionRulesInput.safeParse({ ...body, rates: [cap - 800, 500, 300] }).success).toBe(true);
    expect(SaveDistributionRulesInput.safeParse({ ...body, rates: [cap - 799, 500, 300] }).success).toBe(false);
    const category = { ...body, categoryRates: [{ categoryId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', rates: [cap, 1, 0] }] };
    expect(SaveDistributionRulesInput.safeParse(category).success).toBe(false);
    expect(maxCommissionBasisPoints({ tiers: 2, rates: [100, 200, 5000], categoryRates: [] })).toBe(300); // tiers beyond those in force do not count
  });
});
