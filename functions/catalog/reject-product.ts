import { rejectProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-lifecycle';

export const handler = http(rejectProduct, async ({ body, params, idempotencyReference }) =>
  products.rejectProduct(params.productId, body.reason, new Date(), idempotencyReference),
);
