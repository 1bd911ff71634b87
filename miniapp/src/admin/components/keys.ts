import { useRef } from 'react';

/** A fresh Idempotency-Key: `<prefix>-<time>-<random>`. */
export const newIdempotencyKey = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * One key per decision: a double tap or a retry after a network failure reuses it (the API
 * answers once); `renew()` after an answer (success or refusal) so the next decision is new.
 */
export function useIdempotencyKey(prefix: string): { current: () => string; renew: () => void } {
  const key = useRef(newIdempotencyKey(prefix));
  return {
    current: () => key.current,
    renew: () => {
      key.current = newIdempotencyKey(prefix);
    },
  };
}
