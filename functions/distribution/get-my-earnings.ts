import { getMyEarnings } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as earnings from './earnings';

export const handler = http(getMyEarnings, async ({ user }) => earnings.getEarnings(user.userId));
