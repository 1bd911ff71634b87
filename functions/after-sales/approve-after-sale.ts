import { approveAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(approveAfterSale, async ({ params, body, user }) =>
  cases.approveAfterSale(params.merchantId, params.afterSaleId, body, { kind: 'merchant', id: user.userId }),
);
