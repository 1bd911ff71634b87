import { listMerchantWithdrawals as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { listWithdrawals } from './withdrawals';

export const handler = http(route, async ({ params, query }) => listWithdrawals(params.merchantId, query));
