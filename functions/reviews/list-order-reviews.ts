import { listOrderReviews } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(listOrderReviews, async ({ params, user }) => queries.listOrderReviews(user.userId, params.orderId));
