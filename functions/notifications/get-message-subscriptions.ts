import { getMessageSubscriptions as route } from '@wxshop/shared/api/inbox';
import { http } from '../lib/http';
import { getMessageSubscriptions } from './shopper-inbox';

export const handler = http(route, async ({ user }) => getMessageSubscriptions(user.userId));
