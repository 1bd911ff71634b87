import { ORDER_STATUSES, type OrderStatus } from '@wxshop/shared';
import type { OrderSearch } from '../../../services/orders';

export interface SearchForm {
  orderId: string;
  userId: string;
  merchantId: string;
  status: OrderStatus | '';
  /** Local dates `YYYY-MM-DD` ('' for none): from the start of `from` to the end of `to`. */
  from: string;
  to: string;
}

export const EMPTY_FORM: SearchForm = { orderId: '', userId: '', merchantId: '', status: '', from: '', to: '' };

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The local midnight starting `date` (`YYYY-MM-DD`), as an ISO instant. */
function localMidnight(date: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + addDays).toISOString();
}

/**
 * The query for the form, or what is wrong with it: an order number, a store or a shopper is needed
 * (the API searches an index per store and per shopper); ids are 26 characters; dates in order.
 */
export function searchQuery(f: SearchForm): { query: OrderSearch } | { error: 'admin.orders_need_one' | 'admin.orders_bad_id' } {
  const orderId = f.orderId.trim().toUpperCase();
  const userId = f.userId.trim().toUpperCase();
  if (!orderId && !userId && !f.merchantId) return { error: 'admin.orders_need_one' };
  if ((orderId && !ID.test(orderId)) || (userId && !ID.test(userId))) return { error: 'admin.orders_bad_id' };
  let from = f.from;
  let to = f.to;
  if (from && to && from > to) [from, to] = [to, from];
  const query: OrderSearch = {
    ...(orderId ? { orderId } : {}),
    ...(userId ? { userId } : {}),
    ...(f.merchantId ? { merchantId: f.merchantId } : {}),
    ...(f.status && (ORDER_STATUSES as readonly string[]).includes(f.status) ? { status: f.status } : {}),
    ...(from ? { from: localMidnight(from) } : {}),
    ...(to ? { to: localMidnight(to, 1) } : {}),
  };
  return { query };
}
