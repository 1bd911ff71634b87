import {
  ClaimRefused,
  applyClaim,
  claim,
  emptyLedger,
  paidPerLine,
  receivedAmount,
  unitsAmount,
  type AmountOrder,
  type RefundLedger,
} from '../../functions/after-sales/amounts';

/** A two-line order: 2 x 33.33 (66.66) and 1 x 10.00, shipping 8.00, no discount: paid 84.66. */
const ORDER: AmountOrder = {
  lines: [
    { skuId: 'A', quantity: 2, lineTotal: 6666 },
    { skuId: 'B', quantity: 1, lineTotal: 1000 },
  ],
  subtotal: 7666,
  shipping: 800,
  adjustments: 0,
  total: 8466,
  shipped: false,
};
const SHIPPED: AmountOrder = { ...ORDER, shipped: true };

describe('after-sale amounts (docs/adr/0056)', () => {
  it.each([
    // paid, quantity, held units, held amount, units asked -> fen
    [6666, 2, 0, 0, 1, 3333],
    [6666, 2, 1, 3333, 1, 3333],
    [1000, 3, 0, 0, 1, 333],
    [1000, 3, 1, 333, 1, 333],
    [1000, 3, 2, 666, 1, 334], // the unit that completes the line takes the remainder
    [1000, 3, 0, 0, 3, 1000],
    [1000, 3, 0, 0, 2, 666],
    [1, 3, 0, 0, 1, 0], // a line of 1 fen over 3 units: the last unit carries it
    [1, 3, 2, 0, 1, 1],
    [999, 1, 0, 0, 1, 999],
  ])('a line paid %i over %i units, %i held (%i fen): %i more unit(s) refund %i fen', (paid, quantity, units, amount, asked, expected) => {
    expect(unitsAmount(paid, quantity, { units, amount }, asked)).toBe(expected);
  });

  it('refuses more units than are left on the line', () => {
    expect(() => unitsAmount(1000, 3, { units: 2, amount: 666 }, 2)).toThrow(ClaimRefused);
    expect(() => claim(ORDER, emptyLedger(), [{ skuId: 'A', quantity: 3 }])).toThrow(ClaimRefused);
    expect(() => claim(ORDER, emptyLedger(), [{ skuId: 'Z', quantity: 1 }])).toThrow(/not in this order/);
  });

  it.each<[string, AmountOrder, RefundLedger, { skuId: string; quantity: number }[], { goods: number; shipping: number; total: number }]>([
    ['one unit of a two-unit line, shipped', SHIPPED, emptyLedger(), [{ skuId: 'A', quantity: 1 }], { goods: 3333, shipping: 0, total: 3333 }],
    [
      'everything, before shipment: shipping too',
      ORDER,
      emptyLedger(),
      [
        { skuId: 'A', quantity: 2 },
        { skuId: 'B', quantity: 1 },
      ],
      { goods: 7666, shipping: 800, total: 8466 },
    ],
    [
      'everything, after shipment: no shipping',
      SHIPPED,
      emptyLedger(),
      [
        { skuId: 'A', quantity: 2 },
        { skuId: 'B', quantity: 1 },
      ],
      { goods: 7666, shipping: 0, total: 7666 },
    ],
    ['part, before shipment: no shipping yet', ORDER, emptyLedger(), [{ skuId: 'B', quantity: 1 }], { goods: 1000, shipping: 0, total: 1000 }],
    [
      'the claim that completes the order before shipment carries the shipping',
      ORDER,
      { lines: { B: { units: 1, amount: 1000 } }, shipping: 0, refunded: 1000 },
      [{ skuId: 'A', quantity: 2 }],
      { goods: 6666, shipping: 800, total: 7466 },
    ],
  ])('%s', (_name, order, ledger, wanted, expected) => {
    expect(claim(order, ledger, wanted)).toMatchObject(expected);
  });

  it('every unit claimed in any split refunds exactly what was paid, never a fen more', () => {
    const splits = [[1, 1, 1], [2, 1], [1, 2], [3]];
    for (const split of splits) {
      const order: AmountOrder = {
        lines: [{ skuId: 'X', quantity: 3, lineTotal: 1001 }],
        subtotal: 1001,
        shipping: 500,
        adjustments: 0,
        total: 1501,
        shipped: true,
      };
      let ledger = emptyLedger();
      let sum = 0;
      for (const units of split) {
        const c = claim(order, ledger, [{ skuId: 'X', quantity: units }]);
        sum += c.total;
        ledger = applyClaim(ledger, c, 1);
      }
      expect(sum).toBe(1001);
      expect(() => claim(order, ledger, [{ skuId: 'X', quantity: 1 }])).toThrow(ClaimRefused);
    }
  });

  it('a cancelled claim gives its units back, and the line still sums to what was paid', () => {
    const order: AmountOrder = {
      lines: [{ skuId: 'X', quantity: 3, lineTotal: 1000 }],
      subtotal: 1000,
      shipping: 0,
      adjustments: 0,
      total: 1000,
      shipped: true,
    };
    const first = claim(order, emptyLedger(), [{ skuId: 'X', quantity: 1 }]);
    let ledger = applyClaim(emptyLedger(), first, 1);
    const second = claim(order, ledger, [{ skuId: 'X', quantity: 1 }]);
    ledger = applyClaim(ledger, second, 1);
    ledger = applyClaim(ledger, first, -1); // the first is cancelled
    const rest = claim(order, ledger, [{ skuId: 'X', quantity: 2 }]);
    expect(second.total + rest.total).toBe(1000);
  });

  it.each([
    // lineTotals, subtotal, adjustments -> paid per line
    [[6000, 4000], 10000, -1000, [5400, 3600]],
    [[3333, 3333, 3334], 10000, -1, [3332, 3332, 3335]],
    [[100, 200], 300, 0, [100, 200]],
    [[1, 1, 1], 3, -2, [0, 0, 1]],
  ])('lines %j of %i with adjustments %i are paid %j (sum exact)', (totals, subtotal, adjustments, expected) => {
    const paid = paidPerLine({ lines: totals.map((t, i) => ({ skuId: String(i), quantity: 1, lineTotal: t })), subtotal, adjustments });
    expect([...paid.values()]).toEqual(expected);
    expect([...paid.values()].reduce((a, b) => a + b, 0)).toBe(subtotal + adjustments);
  });

  it.each([
    [3333, 1, 1, 3333],
    [3333, 2, 1, 1666],
    [3333, 2, 2, 3333],
    [3333, 2, 0, 0],
  ])('a case line of %i fen over %i units with %i received refunds %i', (amount, quantity, received, expected) => {
    expect(receivedAmount(amount, quantity, received)).toBe(expected);
  });

  it('refuses more received units than were asked', () => {
    expect(() => receivedAmount(3333, 1, 2)).toThrow(ClaimRefused);
  });
});
