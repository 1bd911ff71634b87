import { useCallback, useRef, useState } from 'react';
import { SHOPPER_ORDER_TABS, type Order, type ShopperOrderTab } from '@wxshop/shared';
import { fetchMyOrders, ORDERS_PAGE_SIZE } from '../../services/orders';
import { toastError } from '../../services/request';
import { cursorPager, mergedPager, type Pager } from './merged-pages';

/** The list's tabs: "all" merges every tab of the API (cancelled orders too). */
export const LIST_TABS = ['all', 'to_pay', 'to_ship', 'to_receive', 'done'] as const;
export type ListTab = (typeof LIST_TABS)[number];
export const isListTab = (s: string | undefined): s is ListTab => !!s && (LIST_TABS as readonly string[]).includes(s);

export type OrderList =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: Order[]; hasMore: boolean; loadingMore: boolean; refreshing: boolean };

const pagerFor = (tab: ListTab): Pager<Order> =>
  tab === 'all' ? mergedPager(fetchMyOrders, SHOPPER_ORDER_TABS, ORDERS_PAGE_SIZE) : cursorPager<Order, ShopperOrderTab>(fetchMyOrders, tab);

/**
 * The shopper's orders under a tab, a page at a time: `reload` (first page; a refresh keeps the rows
 * on screen until it answers), `more` (the next page; a failure is a toast), `replace` (after an action).
 */
export function useOrderList() {
  const [state, setState] = useState<OrderList>({ status: 'loading' });
  const pager = useRef<Pager<Order> | null>(null);
  const seq = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async (tab: ListTab, opts: { keepRows?: boolean } = {}) => {
    const mine = ++seq.current;
    const p = pagerFor(tab);
    pager.current = p;
    setState((s) => (opts.keepRows && s.status === 'ok' ? { ...s, refreshing: true } : { status: 'loading' }));
    try {
      const items = await p.next(ORDERS_PAGE_SIZE);
      if (mine === seq.current) setState({ status: 'ok', items, hasMore: p.hasMore(), loadingMore: false, refreshing: false });
    } catch (error) {
      if (mine !== seq.current) return;
      // A failed pull-to-refresh keeps what is on screen.
      if (opts.keepRows && stateRef.current.status === 'ok') {
        toastError(error);
        setState((s) => (s.status === 'ok' ? { ...s, refreshing: false } : s));
      } else setState({ status: 'error', error });
    }
  }, []);

  const more = useCallback(async () => {
    const s = stateRef.current;
    const p = pager.current;
    if (s.status !== 'ok' || !s.hasMore || s.loadingMore || !p) return;
    const mine = seq.current;
    setState({ ...s, loadingMore: true });
    try {
      const items = await p.next(ORDERS_PAGE_SIZE);
      if (mine === seq.current)
        setState((cur) => (cur.status === 'ok' ? { ...cur, items: [...cur.items, ...items], hasMore: p.hasMore(), loadingMore: false } : cur));
    } catch (e) {
      toastError(e);
      if (mine === seq.current) setState((cur) => (cur.status === 'ok' ? { ...cur, loadingMore: false } : cur));
    }
  }, []);

  /** Puts the order as the server answered it in place, or drops it when it left the tab. */
  const replace = useCallback((order: Order, stillHere: boolean) => {
    setState((s) =>
      s.status === 'ok' ? { ...s, items: stillHere ? s.items.map((o) => (o.id === order.id ? order : o)) : s.items.filter((o) => o.id !== order.id) } : s,
    );
  }, []);

  return { state, reload, more, replace };
}
