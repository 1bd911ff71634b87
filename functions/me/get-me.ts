import { getMe } from '@wxshop/shared/api/me';
import { http } from '../lib/http';
import { getProfile } from '../identity/accounts';

export const handler = http(getMe, async ({ user }) => getProfile(user.userId));
