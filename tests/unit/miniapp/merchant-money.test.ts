import fc from 'fast-check';
import { formatMinorUnits, parseCount, parseMinorUnits, parseSignedCount } from '../../../miniapp/src/merchant/lib/money-input';

describe('prices typed in yuan, sent in fen', () => {
  it('converts decimal text to integer minor units exactly', () => {
    expect(parseMinorUnits('19.99', 2)).toBe(1999);
    expect(parseMinorUnits('0.01', 2)).toBe(1);
    expect(parseMinorUnits('0.1', 2)).toBe(10);
    expect(parseMinorUnits('5', 2)).toBe(500);
    expect(parseMinorUnits('5.', 2)).toBe(500);
    expect(parseMinorUnits('.5', 2)).toBe(50);
    expect(parseMinorUnits(' 1000000.00 ', 2)).toBe(100_000_000);
    expect(parseMinorUnits('007.50', 2)).toBe(750);
    expect(parseMinorUnits('0', 2)).toBe(0);
  });

  it('gets the amounts right that float maths gets wrong', () => {
    // 1.005 * 100 = 100.49999999999999 and 4.35 * 100 = 434.99999999999994 in floating point.
    expect(parseMinorUnits('4.35', 2)).toBe(435);
    expect(parseMinorUnits('1.15', 2)).toBe(115);
    expect(parseMinorUnits('8.20', 2)).toBe(820);
    expect(parseMinorUnits('0.29', 2)).toBe(29);
  });

  it('accepts full-width digits from a Chinese keyboard', () => {
    expect(parseMinorUnits('１９．９０', 2)).toBe(1990);
  });

  it('refuses text that is not an amount in the currency', () => {
    for (const bad of ['', ' ', '.', '1.234', '-1', '+-1', '1e3', '1,000', '12a', '¥12', 'NaN', '1.2.3', '9999999999999999'])
      expect({ bad, v: parseMinorUnits(bad, 2) }).toEqual({ bad, v: null });
  });

  it('takes no decimals for a currency without minor units', () => {
    expect(parseMinorUnits('1200', 0)).toBe(1200);
    expect(parseMinorUnits('1200.5', 0)).toBeNull();
  });

  it('formats minor units back to the text the merchant typed', () => {
    expect(formatMinorUnits(1999, 2)).toBe('19.99');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(500, 2)).toBe('5.00');
    expect(formatMinorUnits(0, 2)).toBe('0.00');
    expect(formatMinorUnits(-5, 2)).toBe('-0.05');
    expect(formatMinorUnits(1200, 0)).toBe('1200');
    expect(() => formatMinorUnits(1.5, 2)).toThrow(RangeError);
  });

  it('round-trips every amount up to the price limit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => parseMinorUnits(formatMinorUnits(fen, 2), 2) === fen));
  });

  it('reads whole and signed counts', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount(' 0 ')).toBe(0);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('')).toBeNull();
    expect(parseSignedCount('+20')).toBe(20);
    expect(parseSignedCount('-3')).toBe(-3);
    expect(parseSignedCount('7')).toBe(7);
    expect(parseSignedCount('－3')).toBe(-3);
    expect(parseSignedCount('3-')).toBeNull();
    expect(parseSignedCount('')).toBeNull();
  });
});
