import { useCallback, useRef, useState } from 'react';
import { toastError } from '../../services/request';

export type Paged<T> =
  | { status: 'idle' | 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: T[]; nextCursor: string | null; loadingMore: boolean };

/**
 * A cursor-paged list: `reload()` loads the first page (loading / error / ok), `more()` appends the
 * next one (a failure there is a toast: the list stays). Answers of an older reload are dropped.
 */
export function usePaged<T>(loader: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const [state, setState] = useState<Paged<T>>({ status: 'idle' });
  const seq = useRef(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState({ status: 'loading' });
    try {
      const page = await loaderRef.current();
      if (mine === seq.current) setState({ status: 'ok', items: page.items, nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (mine === seq.current) setState({ status: 'error', error });
    }
  }, []);

  const more = useCallback(async () => {
    const s = stateRef.current;
    if (s.status !== 'ok' || !s.nextCursor || s.loadingMore) return;
    const cursor = s.nextCursor;
    const mine = seq.current;
    setState({ ...s, loadingMore: true });
    try {
      const page = await loaderRef.current(cursor);
      if (mine === seq.current)
        setState((cur) =>
          cur.status === 'ok' ? { status: 'ok', items: [...cur.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false } : cur,
        );
    } catch (e) {
      toastError(e);
      if (mine === seq.current) setState((cur) => (cur.status === 'ok' ? { ...cur, loadingMore: false } : cur));
    }
  }, []);

  /** Changes the loaded items in place (after an action on one row). */
  const update = useCallback((fn: (items: T[]) => T[]) => setState((s) => (s.status === 'ok' ? { ...s, items: fn(s.items) } : s)), []);

  return { state, reload, more, update };
}
