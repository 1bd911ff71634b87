import { listMyAfterSales } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { listShopperCases } from './repo';

export const handler = http(listMyAfterSales, async ({ query, user }) => listShopperCases(user.userId, query));
