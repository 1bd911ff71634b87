import { listMyOrders } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(listMyOrders, async ({ query, user }) => orders.listMyOrders(user.userId, query));
