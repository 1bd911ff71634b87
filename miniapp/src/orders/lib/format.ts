import { CARRIERS, shopperTabOf, type CarrierCode, type Order, type OrderStatus } from '@wxshop/shared';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO time as `2026-11-23 14:05` in the device's time zone ('' for none). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Milliseconds left until `iso` (never negative). */
export const msUntil = (iso: string, now: number): number => Math.max(0, Date.parse(iso) - now);

/** A countdown as `29:59`, or `1:05:09` from an hour up. */
export function countdownText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** The carrier's name in the shopper's language (Chinese for zh-CN, English otherwise); the code if unknown. */
export function carrierName(code: string, lang: string): string {
  const c = CARRIERS.find((x) => x.code === (code as CarrierCode));
  if (!c) return code;
  return lang === 'zh-CN' ? c.name.zh : c.name.en;
}

/** What the shopper can do with an order now. */
export function actionsOf(status: OrderStatus): { pay: boolean; cancel: boolean; confirm: boolean } {
  return {
    pay: status === 'pending_payment',
    cancel: status === 'pending_payment',
    confirm: status === 'shipped' || status === 'delivered',
  };
}

/** Items in an order (quantities summed). */
export const itemCount = (o: Pick<Order, 'lines'>): number => o.lines.reduce((n, l) => n + l.quantity, 0);

/** The shopper's tab an order shows under (as the API files it). */
export const tabOfStatus = shopperTabOf;

/**
 * Why a cancelled order was cancelled: `unpaid` when the platform cancelled it (the pay-by time ran out:
 * its stored reason is not in the shopper's language), else the reason its canceller gave; null otherwise.
 */
export function cancelReasonOf(order: Pick<Order, 'status' | 'history'>): { unpaid: true } | { unpaid: false; reason: string } | null {
  if (order.status !== 'cancelled') return null;
  const entry = [...order.history].reverse().find((h) => h.to === 'cancelled');
  if (!entry) return null;
  if (entry.actor.kind === 'system') return { unpaid: true };
  return entry.reason ? { unpaid: false, reason: entry.reason } : null;
}
