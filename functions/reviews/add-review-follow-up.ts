import { addReviewFollowUp } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as reviews from './reviews';

export const handler = http(addReviewFollowUp, async ({ params, body, user }) => reviews.addFollowUp(user.userId, params.reviewId, body));
