import {
  checkCodesDistinct,
  checkPrices,
  checkSkuCoverage,
  crossedLowStock,
  isOnSale,
  relistStatus,
  skuMatrix,
  withinSchedule,
} from '../../functions/catalog/rules';

const dim = (n: number) => ({ values: Array.from({ length: n }, (_, i) => ({ 'zh-CN': `v${i}` })) });

describe('skuMatrix', () => {
  it('gives one SKU without spec dimensions', () => {
    expect(skuMatrix([])).toEqual([[]]);
  });

  it('gives every combination, last dimension fastest', () => {
    expect(skuMatrix([dim(2), dim(3)])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('multiplies the sizes of three dimensions', () => {
    const m = skuMatrix([dim(2), dim(3), dim(4)]);
    expect(m).toHaveLength(24);
    expect(new Set(m.map((c) => c.join())).size).toBe(24);
  });
});

describe('checkSkuCoverage', () => {
  const specs = [dim(2), dim(2)];
  const full = skuMatrix(specs).map((specIndexes) => ({ specIndexes }));

  it('accepts the exact matrix in any order', () => {
    expect(checkSkuCoverage(specs, [...full].reverse())).toEqual({});
  });

  it('names the missing combinations', () => {
    expect(checkSkuCoverage(specs, full.slice(1))).toEqual({ 'body.skus': 'missing combination(s): 0-0' });
  });

  it('names a duplicate', () => {
    expect(checkSkuCoverage(specs, [...full.slice(0, 3), { specIndexes: [0, 1] }])).toMatchObject({
      'body.skus.3.specIndexes': 'duplicates the combination of skus.1',
    });
  });

  it('names an index out of range and a wrong number of indexes', () => {
    const errors = checkSkuCoverage(specs, [...full.slice(0, 2), { specIndexes: [2, 0] }, { specIndexes: [1] }]);
    expect(errors['body.skus.2.specIndexes']).toMatch(/out of range/);
    expect(errors['body.skus.3.specIndexes']).toMatch(/one index per spec dimension/);
  });
});

describe('price validation', () => {
  it('accepts a market price at or above the price', () => {
    expect(checkPrices([{ price: 100, marketPrice: 100 }, { price: 100, marketPrice: 150 }, { price: 1 }])).toEqual({});
  });

  it('refuses a market price below the price', () => {
    expect(checkPrices([{ price: 100, marketPrice: 99 }])).toEqual({ 'body.skus.0.marketPrice': 'must be at least the price' });
  });

  it('refuses a fractional or non-positive amount (money is integer minor units)', () => {
    expect(Object.keys(checkPrices([{ price: 19.9 }, { price: 0 }, { price: -5 }]))).toEqual(['body.skus.0.price', 'body.skus.1.price', 'body.skus.2.price']);
  });

  it('refuses a SKU code given twice in one product', () => {
    expect(checkCodesDistinct([{ code: 'A' }, { code: 'B' }, { code: 'A' }])).toEqual({ 'body.skus.2.code': 'same code as skus.0' });
  });
});

describe('on sale', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const approved = { status: 'approved' as const, onSaleAt: null, offSaleAt: null, storeSelling: true };

  it('is approved, within the schedule and in a selling store', () => {
    expect(isOnSale(approved, now)).toBe(true);
    expect(isOnSale({ ...approved, status: 'off_shelf' }, now)).toBe(false);
    expect(isOnSale({ ...approved, storeSelling: false }, now)).toBe(false);
  });

  it('starts at onSaleAt (inclusive) and ends at offSaleAt (exclusive)', () => {
    expect(withinSchedule({ onSaleAt: '2026-06-01T12:00:00.000Z', offSaleAt: null }, now)).toBe(true);
    expect(withinSchedule({ onSaleAt: '2026-06-01T12:00:01.000Z', offSaleAt: null }, now)).toBe(false);
    expect(withinSchedule({ onSaleAt: null, offSaleAt: '2026-06-01T12:00:00.000Z' }, now)).toBe(false);
    expect(withinSchedule({ onSaleAt: null, offSaleAt: '2026-06-01T12:00:01.000Z' }, now)).toBe(true);
  });
});

describe('re-listing', () => {
  it('skips review only for the approved version', () => {
    expect(relistStatus({ version: 3, approvedVersion: 3 })).toBe('approved');
    expect(relistStatus({ version: 4, approvedVersion: 3 })).toBe('submitted');
    expect(relistStatus({ version: 1, approvedVersion: null })).toBe('submitted');
  });
});

describe('low stock', () => {
  it('fires when stock goes from at or above the threshold to below it', () => {
    expect(crossedLowStock(5, 2, 3)).toBe(true);
    expect(crossedLowStock(3, 2, 3)).toBe(true);
    expect(crossedLowStock(2, 1, 3)).toBe(false);
    expect(crossedLowStock(5, 3, 3)).toBe(false);
    expect(crossedLowStock(1, 5, 3)).toBe(false);
    expect(crossedLowStock(1, 0, 0)).toBe(false);
  });
});
