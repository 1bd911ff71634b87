import { useCallback, useRef, useState } from 'react';
import { useRemote, type Remote } from './use-remote';
import { toastError } from '../services/request';

export interface Paged<T> {
  first: Remote<{ items: T[]; nextCursor: string | null }>;
  /** Every row loaded so far (first page + "load more" pages). */
  items: T[];
  /** The cursor of the next page; null at the end. */
  cursor: string | null;
  loadingMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/** A cursor-paged list: the first page with loading/error states, more pages appended on demand. */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Paged<T> {
  const [first, loadFirst] = useRemote(() => fetchPage());
  const [more, setMore] = useState<{ items: T[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const reload = useCallback(async () => {
    generation.current += 1;
    setMore(null);
    setLoadingMore(false);
    await loadFirst();
  }, [loadFirst]);

  const items = first.status === 'ok' ? [...first.data.items, ...(more?.items ?? [])] : [];
  const cursor = first.status === 'ok' ? (more ? more.nextCursor : first.data.nextCursor) : null;

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchRef.current(cursor);
      if (mine === generation.current) setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (e) {
      toastError(e);
    } finally {
      if (mine === generation.current) setLoadingMore(false);
    }
  };

  return { first, items, cursor, loadingMore, reload, loadMore };
}
