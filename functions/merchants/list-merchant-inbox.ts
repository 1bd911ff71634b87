import { listMerchantInbox } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listInbox } from './store';

export const handler = http(listMerchantInbox, async ({ params, query }) => listInbox(params.merchantId, query.limit, query.cursor));
