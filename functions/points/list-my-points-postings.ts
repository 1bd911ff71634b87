import { listMyPointsPostings } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(listMyPointsPostings, async ({ query, user }) => queries.history(user.userId, query));
