import { createProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-content';

export const handler = http(createProduct, async ({ body, params, user, idempotencyReference }) =>
  products.createProduct(params.merchantId, body, user.userId, { idempotencyReference }),
);
