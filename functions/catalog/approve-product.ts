import { approveProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-lifecycle';

export const handler = http(approveProduct, async ({ params, idempotencyReference }) =>
  products.approveProduct(params.productId, new Date(), idempotencyReference),
);
