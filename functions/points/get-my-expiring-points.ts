import { getMyExpiringPoints } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(getMyExpiringPoints, async ({ user }) => queries.expiringSoon(user.userId));
