import { getMyPoints } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(getMyPoints, async ({ user }) => queries.summary(user.userId));
