import { updateCartItem } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(updateCartItem, async ({ body, params, user }) => cart.updateItem(user.userId, params.skuId, body, user.language));
