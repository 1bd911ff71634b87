import { putProductOnShelf } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { putOnShelf } from './product-lifecycle';

export const handler = http(putProductOnShelf, async ({ params, idempotencyReference }) =>
  putOnShelf(params.merchantId, params.productId, new Date(), idempotencyReference),
);
