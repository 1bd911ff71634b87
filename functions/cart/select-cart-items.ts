import { selectCartItems } from '@wxshop/shared/api/cart';
import { http } from '../lib/http';
import * as cart from './cart';

export const handler = http(selectCartItems, async ({ body, user }) => cart.selectItems(user.userId, body, user.language));
