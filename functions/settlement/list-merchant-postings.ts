import { listMerchantPostings as route } from '@wxshop/shared/api/settlement';
import { http } from '../lib/http';
import { listMerchantPostings } from './ledger';

export const handler = http(route, async ({ params, query }) => listMerchantPostings(params.merchantId, query));
