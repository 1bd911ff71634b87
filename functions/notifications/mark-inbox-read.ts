import { markInboxRead } from '@wxshop/shared/api/inbox';
import { http } from '../lib/http';
import { markShopperInboxRead } from './shopper-inbox';

export const handler = http(markInboxRead, async ({ body, user }) => markShopperInboxRead(user.userId, body));
