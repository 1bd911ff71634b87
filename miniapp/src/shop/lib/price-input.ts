/**
 * Prices typed by a shopper ("12.5", "１２．５０", "12,50", "¥12") to integer minor units and back,
 * exactly: by digits, never through a float (unit-tested in tests/unit/miniapp/shop-price-input.test.ts).
 */

/** The API's highest price filter (minor units). */
export const MAX_PRICE_MINOR = 100_000_000;

export type ParsedAmount = { ok: true; minor: number | undefined } | { ok: false };

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;

function normalize(text: string): string {
  return text
    .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。,，]/g, '.')
    .replace(/[\s\u3000]/g, '')
    .replace(/^[¥￥]/, '');
}

/**
 * Parses an amount in major units (yuan) into minor units (fen) for a currency with `exponent`
 * decimals. Empty text is `undefined` (no bound). More decimals than the currency has are refused
 * unless they are zeros.
 */
export function parseAmount(text: string, exponent = 2): ParsedAmount {
  const s = normalize(text);
  if (s === '') return { ok: true, minor: undefined };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false };
  const whole = m[1] ?? '';
  let fraction = m[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false };
  if (fraction.length > exponent) {
    if (/[^0]/.test(fraction.slice(exponent))) return { ok: false };
    fraction = fraction.slice(0, exponent);
  }
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false };
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor) || minor > MAX_PRICE_MINOR) return { ok: false };
  return { ok: true, minor };
}

/** Minor units back to what the input shows: 1250 -> "12.50", 1200 -> "12", 5 -> "0.05". */
export function formatAmount(minor: number, exponent = 2): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`not an amount of minor units: ${minor}`);
  if (exponent === 0) return String(minor);
  const s = String(minor).padStart(exponent + 1, '0');
  const whole = s.slice(0, -exponent);
  const fraction = s.slice(-exponent);
  return /^0+$/.test(fraction) ? whole : `${whole}.${fraction}`;
}

export type PriceRange = { ok: true; minPrice?: number; maxPrice?: number } | { ok: false; error: 'invalid_min' | 'invalid_max' | 'order' };

/** Both bounds of a price filter, checked together (the lowest must not be above the highest). */
export function parsePriceRange(minText: string, maxText: string, exponent = 2): PriceRange {
  const min = parseAmount(minText, exponent);
  if (!min.ok) return { ok: false, error: 'invalid_min' };
  const max = parseAmount(maxText, exponent);
  if (!max.ok) return { ok: false, error: 'invalid_max' };
  if (min.minor !== undefined && max.minor !== undefined && min.minor > max.minor) return { ok: false, error: 'order' };
  return { ok: true, ...(min.minor !== undefined ? { minPrice: min.minor } : {}), ...(max.minor !== undefined ? { maxPrice: max.minor } : {}) };
}
