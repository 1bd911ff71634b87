import { listMyMerchants } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listUserMerchants } from './merchants';

export const handler = http(listMyMerchants, async ({ user }) => ({ items: await listUserMerchants(user.userId) }));
