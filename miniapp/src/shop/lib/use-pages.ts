import { useCallback, useRef, useState } from 'react';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor-paged list: the first page (reload) and the pages after it (loadMore). */
export interface PagedState<T, P extends Page<T>> {
  status: 'loading' | 'ok' | 'error';
  items: T[];
  /** The first page's answer (search totals live there). */
  first: P | null;
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
  moreError: unknown;
}

function initial<T, P extends Page<T>>(): PagedState<T, P> {
  return { status: 'loading', items: [], first: null, nextCursor: null, error: null, loadingMore: false, moreError: null };
}

/**
 * Loads a list a page at a time. `reload()` starts over (new filters or sort); answers of an older
 * reload are dropped, so a slow first page never overwrites a newer one.
 */
export function usePages<T, P extends Page<T>>(fetchPage: (cursor?: string) => Promise<P>) {
  const [state, setState] = useState<PagedState<T, P>>(initial);
  const seq = useRef(0);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    busy.current = false;
    setState(initial<T, P>());
    try {
      const page = await fetchRef.current();
      if (mine === seq.current) setState({ ...initial<T, P>(), status: 'ok', items: page.items, first: page, nextCursor: page.nextCursor });
    } catch (error) {
      if (mine === seq.current) setState({ ...initial<T, P>(), status: 'error', error });
    }
  }, []);

  const loadMore = useCallback(async () => {
    const { status, nextCursor } = stateRef.current;
    if (busy.current || status !== 'ok' || !nextCursor) return;
    const mine = seq.current;
    busy.current = true;
    setState((s) => ({ ...s, loadingMore: true, moreError: null }));
    try {
      const page = await fetchRef.current(nextCursor);
      if (mine === seq.current) setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (moreError) {
      if (mine === seq.current) setState((s) => ({ ...s, loadingMore: false, moreError }));
    } finally {
      if (mine === seq.current) busy.current = false;
    }
  }, []);

  /** Drops one item (removed from favourites) without reloading. */
  const removeItem = useCallback((keep: (item: T) => boolean) => setState((s) => ({ ...s, items: s.items.filter(keep) })), []);

  return { state, reload, loadMore, removeItem };
}
