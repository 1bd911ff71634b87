import { getMerchantProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-queries';

export const handler = http(getMerchantProduct, async ({ params }) => products.getMerchantProduct(params.merchantId, params.productId));
