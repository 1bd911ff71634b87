import {
  chipState,
  initialSelection,
  isChipDisabled,
  matchingSkus,
  priceSpan,
  selectedSku,
  stockOf,
  toggleChip,
  type SkuOption,
} from '../../../miniapp/src/shop/lib/sku';

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
let n = 0;
function sku(specIndexes: number[], price: number, stock: number, soldOut = stock === 0): SkuOption {
  n += 1;
  return { id: `SKU${String(n).padStart(23, '0')}`, specIndexes, price: cny(price), marketPrice: null, stock, imageUrl: null, soldOut };
}

// Colour: red(0) blue(1) green(2); size: S(0) M(1) L(2).
// red-S 9900 x5, red-M 10900 x0 (sold out), blue-M 11900 x3, blue-L 12900 x1; green is not sold at all; red-L missing (disabled by the merchant).
const specs = [{ values: ['red', 'blue', 'green'] }, { values: ['S', 'M', 'L'] }];
const redS = sku([0, 0], 9900, 5);
const redM = sku([0, 1], 10900, 0);
const blueM = sku([1, 1], 11900, 3);
const blueL = sku([1, 2], 12900, 1);
const skus = [redS, redM, blueM, blueL];

describe('SKU chips', () => {
  it('starts with nothing chosen when every dimension has several values', () => {
    expect(initialSelection(specs, skus)).toEqual([null, null]);
  });

  it('disables a value no enabled in-stock SKU has, even with nothing chosen', () => {
    expect(chipState(skus, [null, null], 0, 2)).toBe('unavailable');
    expect(chipState(skus, [null, null], 0, 0)).toBe('available');
    expect(chipState(skus, [null, null], 1, 1)).toBe('available'); // blue-M has stock
  });

  it('disables values that do not combine with the chosen ones', () => {
    const red: (number | null)[] = [0, null];
    expect(chipState(skus, red, 1, 0)).toBe('available'); // red-S
    expect(chipState(skus, red, 1, 1)).toBe('sold_out'); // red-M exists but has no stock
    expect(chipState(skus, red, 1, 2)).toBe('unavailable'); // red-L is not an enabled SKU
    expect(isChipDisabled(skus, red, 1, 1)).toBe(true);
    expect(isChipDisabled(skus, red, 1, 2)).toBe(true);
  });

  it('judges a chip against the other dimensions, not against its own chosen value', () => {
    // With red chosen, blue stays choosable (blue-M, blue-L): switching colour is allowed.
    expect(chipState(skus, [0, null], 0, 1)).toBe('available');
    // With size S chosen, blue is disabled (no blue-S).
    expect(chipState(skus, [null, 0], 0, 1)).toBe('unavailable');
    expect(chipState(skus, [0, 0], 0, 0)).toBe('selected');
  });

  it('selects the SKU of a complete selection with its own price and stock', () => {
    let sel = toggleChip(skus, [null, null], 0, 1); // blue
    sel = toggleChip(skus, sel, 1, 2); // L
    expect(sel).toEqual([1, 2]);
    expect(selectedSku(skus, sel)).toBe(blueL);
    expect(selectedSku(skus, sel)?.price).toEqual(cny(12900));
    expect(selectedSku(skus, sel)?.stock).toBe(1);
  });

  it('ignores taps on disabled chips and clears a chosen chip on a second tap', () => {
    expect(toggleChip(skus, [0, null], 1, 2)).toEqual([0, null]);
    expect(toggleChip(skus, [0, null], 0, 2)).toEqual([0, null]);
    expect(toggleChip(skus, [0, 0], 1, 0)).toEqual([0, null]);
  });

  it('has no SKU while the selection is incomplete', () => {
    expect(selectedSku(skus, [1, null])).toBeNull();
  });

  it('narrows the price span and stock to the chosen values', () => {
    expect(priceSpan(skus)).toEqual({ min: cny(9900), max: cny(12900) });
    expect(priceSpan(matchingSkus(skus, [1, null]))).toEqual({ min: cny(11900), max: cny(12900) });
    expect(stockOf(skus)).toBe(9);
    expect(stockOf(matchingSkus(skus, [0, null]))).toBe(5);
  });

  it('prices a sold-out product by all its SKUs', () => {
    expect(priceSpan([redM])).toEqual({ min: cny(10900), max: cny(10900) });
    expect(priceSpan([])).toBeNull();
  });

  it('treats a SKU flagged sold out as not buyable even with stock left', () => {
    const flagged = sku([0], 500, 4, true);
    expect(chipState([flagged], [null], 0, 0)).toBe('sold_out');
  });

  it('chooses single-value dimensions for the shopper', () => {
    const one = [sku([0, 0], 100, 2), sku([0, 1], 200, 2)];
    expect(initialSelection([{ values: ['only'] }, { values: ['a', 'b'] }], one)).toEqual([0, null]);
  });

  it('selects the only SKU of a product without specs', () => {
    const single = sku([], 1500, 7);
    expect(initialSelection([], [single])).toEqual([]);
    expect(selectedSku([single], [])).toBe(single);
  });
});
