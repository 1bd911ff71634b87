import { addCartItem } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(addCartItem, async ({ body, user, prefetched }) => cart.addItem(user.userId, body, new Date(), prefetched), {
  prefetch: ({ body, userId }) => cart.addItemKeys(userId, body),
});
