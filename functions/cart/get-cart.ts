import { getCart } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(getCart, async ({ user }) => cart.getCart(user.userId, user.language));
