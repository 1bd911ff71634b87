import {
  cancelMyOrder,
  confirmReceipt,
  getMyOrder,
  listMyOrders,
  searchOrders,
  type Order,
  type OrderPage,
  type OrderStatus,
  type ShopperOrderTab,
} from '@wxshop/shared';
import { api } from './request';

export type { Order, OrderPage, OrderStatus, ShopperOrderTab };

/** Orders per page in the shopper's lists. */
export const ORDERS_PAGE_SIZE = 10;

/** The shopper's orders under one tab, newest first. */
export function fetchMyOrders(tab: ShopperOrderTab, cursor?: string, limit = ORDERS_PAGE_SIZE): Promise<OrderPage> {
  return api.call(listMyOrders, { query: { tab, cursor, limit } });
}

export function fetchMyOrder(orderId: string): Promise<Order> {
  return api.call(getMyOrder, { params: { orderId } });
}

/** Cancels an unpaid order (its whole checkout: every order paid together with it) and returns it. */
export function cancelOrder(orderId: string, reason?: string): Promise<Order> {
  return api.call(cancelMyOrder, { params: { orderId }, body: reason ? { reason } : {} });
}

/** The shopper's own confirmation of receipt (the in-app path). */
export function confirmOrderReceipt(orderId: string): Promise<Order> {
  return api.call(confirmReceipt, { params: { orderId } });
}

export interface OrderSearch {
  orderId?: string;
  userId?: string;
  merchantId?: string;
  status?: OrderStatus;
  /** ISO instants: placed in [from, to). */
  from?: string;
  to?: string;
}

/** Platform search across stores (admin). */
export function searchAllOrders(q: OrderSearch, cursor?: string): Promise<OrderPage> {
  return api.call(searchOrders, { query: { ...q, cursor, limit: 20 } });
}

/** One order for the platform (read only): the search by its number. */
export async function fetchOrderForAdmin(orderId: string): Promise<Order | null> {
  return (await searchAllOrders({ orderId })).items[0] ?? null;
}
