import { getMyAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(getMyAfterSale, async ({ params, user }) => cases.getMyAfterSale(user.userId, params.afterSaleId));
