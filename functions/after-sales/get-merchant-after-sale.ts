import { getMerchantAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(getMerchantAfterSale, async ({ params }) => cases.getMerchantAfterSale(params.merchantId, params.afterSaleId));
