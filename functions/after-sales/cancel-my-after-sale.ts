import { cancelMyAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(cancelMyAfterSale, async ({ params, body, user }) => cases.cancelMyAfterSale(user.userId, params.afterSaleId, body?.reason));
