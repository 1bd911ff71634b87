import { getProductForReview } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as products from './product-queries';

export const handler = http(getProductForReview, async ({ params }) => products.getProductForReview(params.productId));
