import { setMerchantStatus as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { setMerchantStatus } from './store';

export const handler = http(route, async ({ params, body }) => setMerchantStatus(params.merchantId, body.status, body.reason));
