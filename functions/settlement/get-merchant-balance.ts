import { getMerchantBalance as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { getMerchantBalance } from './ledger';

export const handler = http(route, async ({ params }) => getMerchantBalance(params.merchantId));
