import { rejectProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './products';

export const handler = http(rejectProduct, async ({ body, params }) => products.rejectProduct(params.productId, body.reason));
