import { addMoney, formatMoney, Money, money, multiplyMoney, subtractMoney } from '@wxshop/shared';

describe('money', () => {
  it('adds and multiplies integer minor units exactly', () => {
    expect(addMoney(money(10, 'CNY'), money(20, 'CNY'))).toEqual({ amount: 30, currency: 'CNY' });
    expect(multiplyMoney(money(1999, 'CNY'), 3)).toEqual({ amount: 5997, currency: 'CNY' });
    expect(subtractMoney(money(100, 'USD'), money(1, 'USD')).amount).toBe(99);
  });

  it('refuses to mix currencies or use fractions', () => {
    expect(() => addMoney(money(1, 'CNY'), money(1, 'USD'))).toThrow(/currency mismatch/);
    expect(() => money(0.1, 'CNY')).toThrow(RangeError);
    expect(() => multiplyMoney(money(1, 'CNY'), 1.5)).toThrow(RangeError);
    expect(Money.safeParse({ amount: 19.99, currency: 'CNY' }).success).toBe(false);
    expect(Money.safeParse({ amount: 1999, currency: 'CNY', extra: 1 }).success).toBe(false);
  });

  it('formats with the currency exponent', () => {
    expect(formatMoney(money(1999, 'CNY'), 'en')).toBe('CN¥19.99');
    expect(formatMoney(money(1999, 'JPY'), 'en')).toBe('¥1,999');
  });
});
