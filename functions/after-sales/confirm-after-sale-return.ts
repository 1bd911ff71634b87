import { confirmAfterSaleReturn } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(confirmAfterSaleReturn, async ({ params, body, user }) =>
  cases.confirmReturn(params.merchantId, params.afterSaleId, body, user.userId),
);
