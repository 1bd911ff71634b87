import { listMyInbox } from '@wxshop/shared/api/inbox';
import { http } from '../lib/http';
import { listShopperInbox } from './shopper-inbox';

export const handler = http(listMyInbox, async ({ query, user }) => listShopperInbox(user.userId, query));
