import { replyToReview } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as reviews from './reviews';

export const handler = http(replyToReview, async ({ params, body, user }) => reviews.replyToReview(params.merchantId, params.reviewId, body.text, user.userId));
