import { updateProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-content';

export const handler = http(updateProduct, async ({ body, params, user }) => products.updateProduct(params.merchantId, params.productId, body, user.userId));
