import { submitCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { submit } from './checkout';

const idempotencyKey = (headers: Record<string, string | undefined>): string | undefined =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1];

export const handler = http(submitCheckout, async ({ body, user, headers }) => submit(user.userId, idempotencyKey(headers), body, user.language));
