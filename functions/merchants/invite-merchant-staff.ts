import { inviteMerchantStaff } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { inviteStaff } from './staff';

export const handler = http(inviteMerchantStaff, async ({ params, body, user, idempotencyReference }) =>
  inviteStaff(params.merchantId, body, user.userId, idempotencyReference),
);
