import { submitCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { submit, submitKeys } from './checkout';

const idempotencyKey = (headers: Record<string, string | undefined>): string | undefined =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1];

export const handler = http(
  submitCheckout,
  async ({ body, user, headers, prefetched }) => submit(user.userId, idempotencyKey(headers), body, user.language, new Date(), prefetched),
  { prefetch: ({ body, userId, headers }) => submitKeys(userId, idempotencyKey(headers), body) },
);
