import { defineRoute } from './route';
import { MerchantId } from './params';
import { UploadTicket } from '../users';
import {
  CreateReviewInput,
  FollowUpInput,
  ListProductReviewsQuery,
  MerchantReview,
  MerchantReviewPage,
  MerchantReviewParams,
  MyReview,
  MyReviewPage,
  OrderReviewParams,
  OrderReviews,
  ReviewPageQuery,
  ProductReviewParams,
  ProductReviewsOverview,
  ReplyInput,
  ReviewPage,
  ReviewParams,
  ReviewUploadInput,
} from '../reviews';
import { z } from 'zod';

/** Reviews of order lines, their content checks, the merchant's reply and the product's rating summary (ADR 0057). */

export const createReviewUpload = defineRoute({
  id: 'create-review-upload',
  method: 'POST',
  path: '/me/review-uploads',
  summary: "A presigned PUT for one review photo or video, under the shopper's own prefix",
  tag: 'reviews',
  auth: 'user',
  body: ReviewUploadInput,
  response: UploadTicket,
  status: 201,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const createReview = defineRoute({
  id: 'create-review',
  method: 'POST',
  path: '/me/orders/{orderId}/reviews',
  summary: 'Reviews one line of a completed order (once); shown when its text and media checks pass. A repeat of the same review answers it again',
  tag: 'reviews',
  auth: 'user',
  params: OrderReviewParams,
  body: CreateReviewInput,
  response: MyReview,
  status: 201,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const listOrderReviews = defineRoute({
  id: 'list-order-reviews',
  method: 'GET',
  path: '/me/orders/{orderId}/reviews',
  summary: "The caller's reviews of one of their orders (which lines are reviewed)",
  tag: 'reviews',
  auth: 'user',
  params: OrderReviewParams,
  response: OrderReviews,
});

export const addReviewFollowUp = defineRoute({
  id: 'add-review-follow-up',
  method: 'POST',
  path: '/me/reviews/{reviewId}/follow-up',
  summary: 'Adds the one follow-up to a shown review of the caller; shown when its checks pass',
  tag: 'reviews',
  auth: 'user',
  params: ReviewParams,
  body: FollowUpInput,
  response: MyReview,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const listMyReviews = defineRoute({
  id: 'list-my-reviews',
  method: 'GET',
  path: '/me/reviews',
  summary: "The caller's reviews, newest first, with their check state and why one is hidden",
  tag: 'reviews',
  auth: 'user',
  query: ReviewPageQuery,
  response: MyReviewPage,
});

export const listProductReviews = defineRoute({
  id: 'list-product-reviews',
  method: 'GET',
  path: '/products/{productId}/reviews',
  summary: "A product's shown reviews: all (photo reviews first), with photos, or by product stars; newest first",
  tag: 'reviews',
  auth: 'public',
  params: ProductReviewParams,
  query: ListProductReviewsQuery,
  response: ReviewPage,
});

export const getProductReviewsOverview = defineRoute({
  id: 'get-product-reviews-overview',
  method: 'GET',
  path: '/products/{productId}/review-summary',
  summary: "A product's rating summary (average, per star, with photos) and its newest photo reviews",
  tag: 'reviews',
  auth: 'public',
  params: ProductReviewParams,
  response: ProductReviewsOverview,
});

export const listMerchantReviews = defineRoute({
  id: 'list-merchant-reviews',
  method: 'GET',
  path: '/merchants/{merchantId}/reviews',
  summary: "The store's shown reviews, newest first, with its replies",
  tag: 'reviews',
  auth: { merchant: 'merchant:customer:read' },
  params: z.object({ merchantId: MerchantId }).strict(),
  query: ReviewPageQuery,
  response: MerchantReviewPage,
});

export const replyToReview = defineRoute({
  id: 'reply-to-review',
  method: 'POST',
  path: '/merchants/{merchantId}/reviews/{reviewId}/reply',
  summary: "The store's one reply to a shown review of its products (checked like shoppers' text)",
  tag: 'reviews',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantReviewParams,
  body: ReplyInput,
  response: MerchantReview,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});
