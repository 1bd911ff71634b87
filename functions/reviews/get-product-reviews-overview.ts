import { getProductReviewsOverview } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(getProductReviewsOverview, async ({ params }) => queries.productReviewsOverview(params.productId));
