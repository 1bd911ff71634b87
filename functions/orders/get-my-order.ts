import { getMyOrder } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(getMyOrder, async ({ params, user }) => orders.getMyOrder(user.userId, params.orderId));
