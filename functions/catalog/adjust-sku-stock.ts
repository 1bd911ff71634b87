import { adjustSkuStock } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { adjustOwnStock } from './stock';

export const handler = http(adjustSkuStock, async ({ body, params, user, idempotencyReference }) =>
  adjustOwnStock(params.merchantId, params.productId, params.skuId, body, user.userId, idempotencyReference),
);
