import fc from 'fast-check';
import { formatAmount, parseAmount, parsePriceRange } from '../../../miniapp/src/shop/lib/price-input';

describe('price filter input (yuan -> fen)', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['0019.90', 1990],
    ['19.900', 1990],
    [' 8 ', 800],
    ['１２．５', 1250],
    ['12,50', 1250],
    ['¥99', 9900],
    ['￥0.1', 10],
    ['1000000', 100_000_000],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseAmount(text)).toEqual({ ok: true, minor: fen });
  });

  it('converts exactly where floats would not (0.29 * 100 = 28.999999999999996)', () => {
    expect(parseAmount('0.29')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1.13')).toEqual({ ok: true, minor: 113 });
    expect(parseAmount('4.35')).toEqual({ ok: true, minor: 435 });
  });

  it('treats empty text as no bound', () => {
    expect(parseAmount('')).toEqual({ ok: true, minor: undefined });
    expect(parseAmount('   ')).toEqual({ ok: true, minor: undefined });
  });

  it.each(['abc', '-5', '12.345', '1e3', '1,000.50', '.', '1.2.3', '1000000.01', '99999999999999999'])('refuses %j', (text) => {
    expect(parseAmount(text)).toEqual({ ok: false });
  });

  it('follows the currency exponent (yen has no decimals)', () => {
    expect(parseAmount('1200', 0)).toEqual({ ok: true, minor: 1200 });
    expect(parseAmount('12.5', 0)).toEqual({ ok: false });
    expect(formatAmount(1200, 0)).toBe('1200');
  });

  it('shows fen back as yuan', () => {
    expect(formatAmount(1250)).toBe('12.50');
    expect(formatAmount(1200)).toBe('12');
    expect(formatAmount(5)).toBe('0.05');
    expect(formatAmount(0)).toBe('0');
    expect(() => formatAmount(1.5)).toThrow(RangeError);
  });

  it('round-trips every amount of fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => {
        expect(parseAmount(formatAmount(fen))).toEqual({ ok: true, minor: fen });
      }),
    );
  });

  it('checks the range as a whole', () => {
    expect(parsePriceRange('10', '99.9')).toEqual({ ok: true, minPrice: 1000, maxPrice: 9990 });
    expect(parsePriceRange('', '50')).toEqual({ ok: true, maxPrice: 5000 });
    expect(parsePriceRange('', '')).toEqual({ ok: true });
    expect(parsePriceRange('20', '10')).toEqual({ ok: false, error: 'order' });
    expect(parsePriceRange('x', '10')).toEqual({ ok: false, error: 'invalid_min' });
    expect(parsePriceRange('1', '1.001')).toEqual({ ok: false, error: 'invalid_max' });
    expect(parsePriceRange('5', '5')).toEqual({ ok: true, minPrice: 500, maxPrice: 500 });
  });
});
