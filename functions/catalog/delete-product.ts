import { deleteProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-content';

export const handler = http(deleteProduct, async ({ params }) => {
  await products.deleteProduct(params.merchantId, params.productId);
  return { ok: true as const };
});
