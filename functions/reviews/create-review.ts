import { createReview } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as reviews from './reviews';

export const handler = http(createReview, async ({ params, body, user }) => reviews.createReview(user.userId, params.orderId, body));
