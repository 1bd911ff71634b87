import { listProductReviews } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(listProductReviews, async ({ params, query }) => queries.listProductReviews(params.productId, query));
