import { acceptMessageSubscriptions as route } from '@wxshop/shared/api/inbox';
import { http } from '../lib/http';
import { acceptMessageSubscriptions } from './shopper-inbox';

export const handler = http(route, async ({ body, user }) => acceptMessageSubscriptions(user.userId, body.accepted));
