import { getProduct } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { getProductDetail } from './detail';

export const handler = http(getProduct, async ({ params, query, headers }) => getProductDetail(params.productId, { lang: query.lang, headers }));
