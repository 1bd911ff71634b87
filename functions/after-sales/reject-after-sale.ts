import { rejectAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(rejectAfterSale, async ({ params, body, user }) =>
  cases.rejectAfterSale(params.merchantId, params.afterSaleId, body.reason, user.userId),
);
