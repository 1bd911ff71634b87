import { getCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as checkout from './checkout';

export const handler = http(getCheckout, async ({ params, user }) => checkout.getCheckout(user.userId, params.checkoutId));
