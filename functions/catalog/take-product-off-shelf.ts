import { takeProductOffShelf } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { takeOffShelf } from './product-lifecycle';

export const handler = http(takeProductOffShelf, async ({ params, idempotencyReference }) =>
  takeOffShelf(params.merchantId, params.productId, new Date(), idempotencyReference),
);
