import { listMerchants } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listMerchantsByStatus } from './platform-status';

export const handler = http(listMerchants, async ({ query }) => listMerchantsByStatus(query.status ?? 'open', query.limit, query.cursor));
