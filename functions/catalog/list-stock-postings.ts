import { listStockPostings } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as stock from './stock';

export const handler = http(listStockPostings, async ({ params, query }) => stock.listStockPostings(params.merchantId, params.productId, params.skuId, query));
