import { AFTER_SALE_STATUSES, type AfterSale, type AfterSaleStatus } from '@wxshop/shared';
import { tDynamic } from '../../i18n';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO time as `2026-11-23 14:05` in the device's time zone ('' for none). */
export function at(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A status in the reader's language, as the shopper or the store sees it ("approved: send the goods
 * back" / "awaiting return"); a status added later shows as "updated", never as a raw key.
 */
export const statusText = (s: string, side: 'shopper' | 'store' = 'shopper'): string =>
  tDynamic(side === 'store' ? `after_sale.m.tab.${s}` : `after_sale.status.${s}`, 'after_sale.status.other');

/** The shopper's filters over their cases. */
export const SHOPPER_FILTERS = ['all', 'open', 'refunded', 'closed'] as const;
export type ShopperFilter = (typeof SHOPPER_FILTERS)[number];
const CLOSED: readonly string[] = ['cancelled'];
export function inFilter(c: Pick<AfterSale, 'status'>, f: ShopperFilter): boolean {
  if (f === 'all') return true;
  if (f === 'refunded') return c.status === 'refunded';
  if (f === 'closed') return CLOSED.includes(c.status);
  return c.status !== 'refunded' && !CLOSED.includes(c.status);
}

/** What the shopper may do with a case now (the API checks again). */
export function shopperActions(c: Pick<AfterSale, 'status' | 'kind' | 'returnAddress'>): { cancel: boolean; sendReturn: boolean; escalate: boolean } {
  return {
    cancel: c.status === 'requested' || c.status === 'approved' || c.status === 'rejected',
    sendReturn: c.status === 'approved' && c.kind === 'return_refund',
    escalate: c.status === 'rejected',
  };
}

export const isAfterSaleStatus = (s: string | undefined): s is AfterSaleStatus => !!s && (AFTER_SALE_STATUSES as readonly string[]).includes(s);

/** The last 8 characters of an id, as shown on cards. */
export const shortCaseId = (id: string): string => id.slice(-8);
