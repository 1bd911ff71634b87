import { shipAfterSaleReplacement } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { shipReplacement } from './exchange';

export const handler = http(shipAfterSaleReplacement, async ({ params, body, user }) =>
  shipReplacement(params.merchantId, params.afterSaleId, body, user.userId),
);
