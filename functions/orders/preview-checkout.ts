import { previewCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { preview } from './checkout';
import { pricingKeys } from './read';

export const handler = http(
  previewCheckout,
  async ({ body, user, prefetched }) => preview(user.userId, body.addressId, body.lines, user.language, prefetched),
  { prefetch: ({ body, userId }) => pricingKeys(userId, body.addressId, body.lines) },
);
