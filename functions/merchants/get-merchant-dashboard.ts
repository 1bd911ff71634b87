import { getMerchantDashboard } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { countMerchantStaff, getMerchant } from './merchants';

export const handler = http(getMerchantDashboard, async ({ params, user }) => {
  const [merchant, staffCount] = await Promise.all([getMerchant(params.merchantId), countMerchantStaff(params.merchantId)]);
  const role = user.roles.merchants?.[params.merchantId] ?? 'customer_service';
  return { merchant: { id: merchant.id, name: merchant.name, status: merchant.status, role }, staffCount };
});
