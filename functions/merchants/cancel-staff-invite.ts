import { cancelStaffInvite } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { cancelInvite } from './staff';

export const handler = http(cancelStaffInvite, async ({ params }) => {
  await cancelInvite(params.merchantId, params.phone);
  return { ok: true as const };
});
