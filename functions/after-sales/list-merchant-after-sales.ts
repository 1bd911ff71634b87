import { listMerchantAfterSales } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { listMerchantCases } from './repo';

export const handler = http(listMerchantAfterSales, async ({ params, query }) => listMerchantCases(params.merchantId, query));
