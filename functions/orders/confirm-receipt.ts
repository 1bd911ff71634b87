import { confirmReceipt } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(confirmReceipt, async ({ params, user }) =>
  orders.confirmReceipt(params.orderId, { kind: 'shopper', id: user.userId }, { expectUserId: user.userId }),
);
