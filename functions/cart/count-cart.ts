import { countCart } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(countCart, async ({ user }) => cart.countCart(user.userId));
