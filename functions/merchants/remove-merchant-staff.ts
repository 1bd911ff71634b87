import { removeMerchantStaff } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { removeStaff } from './staff';

export const handler = http(removeMerchantStaff, async ({ params }) => {
  await removeStaff(params.merchantId, params.userId);
  return { ok: true as const };
});
