import { getMerchantOrder } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(getMerchantOrder, async ({ params }) => orders.getMerchantOrder(params.merchantId, params.orderId));
