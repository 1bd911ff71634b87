import { listMerchantStaff } from '@wxshop/shared';
import { http } from '../lib/http';
import { listStaff } from './staff';

export const handler = http(listMerchantStaff, async ({ params }) => listStaff(params.merchantId));
