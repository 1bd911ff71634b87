import { removeCartItems } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(removeCartItems, async ({ body, user }) => cart.removeItems(user.userId, body.skuIds));
