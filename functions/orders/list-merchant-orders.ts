import { listMerchantOrders } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(listMerchantOrders, async ({ params, query }) => orders.listMerchantOrders(params.merchantId, query));
