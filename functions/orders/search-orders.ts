import { searchOrders } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import * as orders from './orders';

export const handler = http(searchOrders, async ({ query }) => orders.searchOrders(query));
