import {
  addReviewFollowUp,
  createReview,
  createReviewUpload,
  getProductReviewsOverview,
  listMerchantReviews,
  listMyReviews,
  listOrderReviews,
  listProductReviews,
  replyToReview,
  type CreateReviewInput,
  type MerchantReview,
  type MerchantReviewPage,
  type MyReview,
  type MyReviewPage,
  type OrderReviews,
  type ProductReviewsOverview,
  type RatingSummary,
  type ReviewFilter,
  type ReviewPage,
  type ReviewView,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

export type { MerchantReview, MyReview, ProductReviewsOverview, RatingSummary, ReviewFilter, ReviewPage, ReviewView };

export const REVIEWS_PAGE_SIZE = 10;
export const REVIEW_PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_REVIEW_PHOTO_BYTES = 5 * 1024 * 1024;

/** The product page's block: rating summary and the newest photo reviews. */
export function fetchReviewsOverview(productId: string): Promise<ProductReviewsOverview> {
  return api.call(getProductReviewsOverview, { params: { productId } });
}

/** A product's shown reviews under a filter (`stars` 1-5 with filter 'stars'). */
export function fetchProductReviews(productId: string, filter: ReviewFilter, stars?: number, cursor?: string): Promise<ReviewPage> {
  return api.call(listProductReviews, { params: { productId }, query: { filter, ...(filter === 'stars' ? { stars } : {}), cursor, limit: REVIEWS_PAGE_SIZE } });
}

export function fetchOrderReviews(orderId: string): Promise<OrderReviews> {
  return api.call(listOrderReviews, { params: { orderId } });
}

export function fetchMyReviews(cursor?: string): Promise<MyReviewPage> {
  return api.call(listMyReviews, { query: { cursor, limit: REVIEWS_PAGE_SIZE } });
}

/** Uploads one photo (presigned PUT into the shopper's own prefix) and returns its key. */
export async function uploadReviewPhoto(file: PickedFile): Promise<string> {
  const type = (REVIEW_PHOTO_TYPES as readonly string[]).includes(file.type) ? (file.type as (typeof REVIEW_PHOTO_TYPES)[number]) : 'image/jpeg';
  const ticket = await api.call(createReviewUpload, { body: { contentType: type, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}

export function submitReview(orderId: string, input: CreateReviewInput): Promise<MyReview> {
  return api.call(createReview, { params: { orderId }, body: input });
}

export function submitFollowUp(reviewId: string, text: string, photoKeys: string[] = []): Promise<MyReview> {
  return api.call(addReviewFollowUp, { params: { reviewId }, body: { text, photoKeys } });
}

export function fetchStoreReviews(merchantId: string, cursor?: string): Promise<MerchantReviewPage> {
  return api.call(listMerchantReviews, { params: { merchantId }, query: { cursor, limit: REVIEWS_PAGE_SIZE } });
}

export function sendReply(merchantId: string, reviewId: string, text: string): Promise<MerchantReview> {
  return api.call(replyToReview, { params: { merchantId, reviewId }, body: { text } });
}
