import { inviteMerchantStaff } from '@wxshop/shared';
import { http } from '../lib/http';
import { inviteStaff } from './staff';

export const handler = http(inviteMerchantStaff, async ({ params, body, user }) => inviteStaff(params.merchantId, body, user.userId));
