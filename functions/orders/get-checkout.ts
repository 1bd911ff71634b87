import { getCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { keys } from '../lib/keys';
import * as checkout from './checkout';

export const handler = http(getCheckout, async ({ params, user, prefetched }) => checkout.getCheckout(user.userId, params.checkoutId, prefetched), {
  prefetch: ({ params }) => [keys.checkout(params.checkoutId)],
});
