/** Small helpers shared by the simulators (never by our adapters). */
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(length: number, alphabet = ALNUM): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export const randomDigits = (length: number): string => randomChars(length, '0123456789');
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** `2024-05-20 13:29:35` in Beijing time (Alipay's format). */
export function beijingDateTime(at: number = Date.now()): string {
  return new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2024-05-20T13:29:35+08:00` (WeChat Pay's RFC 3339 format). */
export function rfc3339Beijing(at: number = Date.now()): string {
  return `${new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** `20240520` in Beijing time, for ids that start with the date. */
export function beijingDate(at: number = Date.now()): string {
  return beijingDateTime(at).slice(0, 10).replace(/-/g, '');
}

/** Yuan string ("12.34") to fen, without floating point; `undefined` if malformed. */
export function yuanToFen(yuan: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
