import { listMyReviews } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(listMyReviews, async ({ query, user }) => queries.listMyReviews(user.userId, query));
