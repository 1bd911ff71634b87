import { setMerchantStatus as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { setMerchantStatus } from './platform-status';

export const handler = http(route, async ({ params, body, idempotencyReference }) =>
  setMerchantStatus(params.merchantId, body.status, body.reason, idempotencyReference),
);
