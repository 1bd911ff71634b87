import { shipOrder } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(shipOrder, async ({ params, body, user }) => orders.shipOrder(params.merchantId, params.orderId, body, user.userId));
