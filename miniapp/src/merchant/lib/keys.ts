/** A fresh Idempotency-Key: one per intended action, reused when the same action is retried. */
export const newIdempotencyKey = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
