import { cancelMyOrder } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(cancelMyOrder, async ({ params, body, user }) => orders.cancelMyOrder(user.userId, params.orderId, body?.reason));
