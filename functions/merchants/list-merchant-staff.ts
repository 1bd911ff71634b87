import { listMerchantStaff } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listStaff } from './staff';

export const handler = http(listMerchantStaff, async ({ params }) => listStaff(params.merchantId));
