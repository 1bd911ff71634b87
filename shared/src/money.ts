import { z } from 'zod';

/** ISO 4217 codes the platform prices in. Minor-unit exponent per code (JPY has none). */
export const CURRENCIES = { CNY: 2, USD: 2, EUR: 2, HKD: 2, JPY: 0, GBP: 2, MXN: 2 } as const;
export type Currency = keyof typeof CURRENCIES;
export const Currency = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

/** Money is an integer number of minor units plus its currency. Never a float. */
export const Money = z
  .object({
    amount: z.number().int().safe(),
    currency: Currency,
  })
  .strict();
export type Money = z.infer<typeof Money>;

/** A non-negative amount, e.g. a price. */
export const NonNegativeMoney = Money.extend({ amount: z.number().int().nonnegative().safe() }).strict();

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer, got ${amount}`);
  return { amount, currency };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function multiplyMoney(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError('quantity must be an integer');
  return money(a.amount * quantity, a.currency);
}

/** Formats for display, e.g. `¥19.99`; display only, never parsed back. */
export function formatMoney(m: Money, locale = 'zh-CN'): string {
  const digits = CURRENCIES[m.currency];
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    m.amount / 10 ** digits,
  );
}
