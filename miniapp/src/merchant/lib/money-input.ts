/**
 * Prices are typed in major units (yuan) and sent in minor units (fen): converted with string
 * arithmetic only, so `19.99` is exactly 1999 and never 1998.9999999.
 */

const MAX_DIGITS = 15; // Number.MAX_SAFE_INTEGER has 16 digits: stay below it.

/**
 * `'19.9'`, 2 -> 1990; `'0.01'` -> 1; `'5'` -> 500; `'.5'` -> 50. Null for anything else: more decimals
 * than the currency has, signs, exponents, separators, empty text.
 */
export function parseMinorUnits(text: string, digits: number): number | null {
  const s = text
    .trim()
    .replace(/^＋/, '')
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const whole = m[1] ?? '';
  const fraction = m[2] ?? '';
  if (whole === '' && fraction === '') return null;
  if (m[2] !== undefined && digits === 0 && fraction !== '') return null;
  if (fraction.length > digits) return null;
  const joined = (whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  if (joined.length > MAX_DIGITS) return null;
  return Number(joined);
}

/** 1990, 2 -> `'19.90'`; -5, 2 -> `'-0.05'`; 7, 0 -> `'7'`. For prefilling inputs, not for display (use formatMoney). */
export function formatMinorUnits(amount: number, digits: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount: ${amount}`);
  const sign = amount < 0 ? '-' : '';
  const s = String(Math.abs(amount));
  if (digits === 0) return sign + s;
  const padded = s.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** A whole number typed by a person (stock, grams): `'12'` -> 12; null for `'1.5'`, `'-1'`, `''`, `'1e3'`. */
export function parseCount(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

/** A signed whole number (`'+5'`, `'-3'`, `'7'`): for stock adjustments. Null when not one or zero digits. */
export function parseSignedCount(text: string): number | null {
  const m = /^([+-]?)(\d{1,15})$/.exec(text.trim().replace(/^－/, '-').replace(/^＋/, '+'));
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '-' ? -n : n;
}
