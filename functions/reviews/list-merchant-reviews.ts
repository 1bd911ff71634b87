import { listMerchantReviews } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import * as queries from './queries';

export const handler = http(listMerchantReviews, async ({ params, query }) => queries.listStoreReviews(params.merchantId, query));
