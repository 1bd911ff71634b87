import { listMerchantProducts } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-queries';

export const handler = http(listMerchantProducts, async ({ params, query }) => products.listMerchantProducts(params.merchantId, query));
