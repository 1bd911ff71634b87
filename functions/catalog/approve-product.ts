import { approveProduct } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-lifecycle';

export const handler = http(approveProduct, async ({ params }) => products.approveProduct(params.productId));
