import { adjustSkuStock, listStockPostings, type StockPosting, type RouteResponse } from '@wxshop/shared';
import { api } from './request';

export type PostingPage = RouteResponse<typeof listStockPostings>;

/** A signed stock change with an optional note; one idempotency key per intended change. */
export function adjustStock(merchantId: string, productId: string, skuId: string, delta: number, note: string, idempotencyKey: string): Promise<StockPosting> {
  return api.call(adjustSkuStock, { params: { merchantId, productId, skuId }, body: { delta, ...(note.trim() ? { note: note.trim() } : {}) }, idempotencyKey });
}

export function fetchPostings(merchantId: string, productId: string, skuId: string, cursor?: string, limit = 20): Promise<PostingPage> {
  return api.call(listStockPostings, { params: { merchantId, productId, skuId }, query: { limit, ...(cursor ? { cursor } : {}) } });
}
