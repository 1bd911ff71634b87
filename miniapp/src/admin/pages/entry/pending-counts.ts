import { useRef, useState } from 'react';
import { fetchApplications } from '../../../services/admin-merchants';
import { fetchReviewQueue } from '../../../services/admin-products';
import { countLabel } from '../../lib/format';

export type PendingCount = { status: 'loading' } | { status: 'ok'; value: string } | { status: 'none' };

const PAGE = 50;

/**
 * What waits for review, where it is cheap to know: one page of each queue (up to 50, else "50+").
 * A failure shows the tile without a count: the page it opens has the error state.
 */
export function usePendingCounts(applications: boolean, products: boolean): { applications: PendingCount; products: PendingCount; reload: () => void } {
  const [state, setState] = useState<{ applications: PendingCount; products: PendingCount }>({
    applications: { status: 'none' },
    products: { status: 'none' },
  });
  const seq = useRef(0);
  const reload = () => {
    const mine = ++seq.current;
    const count = async (which: 'applications' | 'products', load: () => Promise<{ items: unknown[]; nextCursor: string | null }>) => {
      setState((s) => ({ ...s, [which]: s[which].status === 'ok' ? s[which] : { status: 'loading' } }));
      let next: PendingCount;
      try {
        const page = await load();
        next = { status: 'ok', value: countLabel(page.items.length, page.nextCursor !== null) };
      } catch {
        next = { status: 'none' };
      }
      if (mine === seq.current) setState((s) => ({ ...s, [which]: next }));
    };
    if (applications) void count('applications', () => fetchApplications('submitted', undefined, PAGE));
    if (products) void count('products', () => fetchReviewQueue(undefined, PAGE));
  };
  return { ...state, reload };
}
