import { useCallback, useRef, useState } from 'react';

export type Remote<T> = { status: 'idle' } | { status: 'loading'; data?: T } | { status: 'ok'; data: T } | { status: 'error'; error: unknown; data?: T };

/**
 * Loads screen data with loading / ok / error states. `load()` (e.g. from useDidShow) runs the
 * loader; an answer that arrives after a newer load started is dropped.
 */
export function useRemote<T>(loader: () => Promise<T>): [Remote<T>, () => Promise<void>] {
  const [state, setState] = useState<Remote<T>>({ status: 'idle' });
  const seq = useRef(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ status: 'loading', data: 'data' in s ? s.data : undefined }));
    try {
      const data = await loaderRef.current();
      if (mine === seq.current) setState({ status: 'ok', data });
    } catch (error) {
      if (mine === seq.current) setState((s) => ({ status: 'error', error, data: 'data' in s ? s.data : undefined }));
    }
  }, []);
  return [state, load];
}
