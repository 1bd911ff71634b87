import {
  approveProduct,
  getProductForReview,
  listProductsForReview,
  rejectProduct,
  type MerchantProductRow,
  type MerchantProductView,
  type MerchantSku,
  type RouteResponse,
} from '@wxshop/shared';
import { api } from './request';

export type { MerchantProductRow, MerchantProductView, MerchantSku };
export type ReviewPage = RouteResponse<typeof listProductsForReview>;

/** Products waiting for review (submitted), oldest first. */
export function fetchReviewQueue(cursor?: string, limit = 20): Promise<ReviewPage> {
  return api.call(listProductsForReview, { query: { cursor, limit } });
}

export function fetchProductForReview(productId: string): Promise<MerchantProductView> {
  return api.call(getProductForReview, { params: { productId } });
}

export function approveReviewedProduct(productId: string, idempotencyKey: string): Promise<MerchantProductView> {
  return api.call(approveProduct, { params: { productId }, idempotencyKey });
}

export function rejectReviewedProduct(productId: string, reason: string, idempotencyKey: string): Promise<MerchantProductView> {
  return api.call(rejectProduct, { params: { productId }, body: { reason }, idempotencyKey });
}
