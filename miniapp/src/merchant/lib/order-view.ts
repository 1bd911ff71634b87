/** Small pure helpers the order pages share. */
import { CARRIERS, ORDER_STATUSES, type Order, type OrderStatus } from '@wxshop/shared';

/** Status tabs of the orders page: what needs the store first. */
export const ORDER_TABS: readonly OrderStatus[] = ['paid', 'partly_shipped', 'shipped', 'delivered', 'completed', 'pending_payment', 'cancelled'];

export const isOrderStatus = (s: string | undefined): s is OrderStatus => !!s && (ORDER_STATUSES as readonly string[]).includes(s);

/** An order the store can still ship (parcels or virtual goods). */
export const canShip = (o: Pick<Order, 'status'>): boolean => o.status === 'paid' || o.status === 'partly_shipped';

/** A carrier's name in the UI language (Chinese names for Chinese, English otherwise); the code when unknown. */
export function carrierName(code: string, lang: string): string {
  const c = CARRIERS.find((x) => x.code === code);
  if (!c) return code;
  return lang.startsWith('zh') ? c.name.zh : c.name.en;
}

/** The address on one line, as a courier label wants it. */
export function addressLine(a: Order['address']): string {
  const r = a.region;
  const region = [r.province, r.city === r.province ? '' : r.city, r.district ?? ''].filter(Boolean).join(' ');
  return `${a.recipient} ${a.phone} ${region} ${a.detail}`.replace(/\s+/g, ' ').trim();
}

export const itemCount = (o: Pick<Order, 'lines'>): number => o.lines.reduce((n, l) => n + l.quantity, 0);

/** Order ids are ULIDs: the last 8 characters are enough to tell orders apart on a list. */
export const shortId = (id: string): string => id.slice(-8);
