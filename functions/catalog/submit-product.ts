import { submitProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-lifecycle';

export const handler = http(submitProduct, async ({ params, idempotencyReference }) =>
  products.submitProduct(params.merchantId, params.productId, new Date(), idempotencyReference),
);
