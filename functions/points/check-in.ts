import { checkIn } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as checkIns from './check-ins';

export const handler = http(checkIn, async ({ user }) => checkIns.checkIn(user.userId));
