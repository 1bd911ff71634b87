/** Reading reviews: a product's (AP106, the summary), the author's (AP107), the store's (AP108), an order's (AP109). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  averageOf,
  type MerchantReviewPage,
  type MyReviewPage,
  type OrderReviews,
  type ProductReviewsOverview,
  type RatingSummary,
  type ReviewFilter,
  type ReviewPage,
} from '@wxshop/shared/reviews';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { batchGet, keyString, queryPage } from '../lib/table-ops';
import { NotFoundError } from '../lib/errors';
import { RatingSummaryItem, ReviewItem } from './items';
import { toMerchantView, toMine, toView } from './views';

const DEFAULT_LIMIT = 10;
/** Photo reviews on the product page. */
const TOP_PHOTO_REVIEWS = 3;

async function reviewsById(ids: string[]): Promise<ReviewItem[]> {
  const found = await batchGet(ids.map((id) => keys.review(id)));
  return ids.flatMap((id) => {
    const raw = found.get(keyString(keys.review(id)));
    return raw ? [ReviewItem.parse(raw)] : [];
  });
}

/** AP106: shown reviews of a product, newest first; `all` lists photo reviews first. */
export async function listProductReviews(productId: string, q: { filter: ReviewFilter; stars?: number; cursor?: string; limit?: number }): Promise<ReviewPage> {
  const { PK, SKPrefix } = keys.productReviewsPrefix(productId, q.filter, q.stars);
  const page = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': PK, ':p': SKPrefix },
      ScanIndexForward: false,
    },
    { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor, expected: { PK } },
  );
  const reviews = await reviewsById(page.items.map((i) => String(i.reviewId)));
  // an entry outlives its review's hiding by nothing (same transaction); the filter is a belt for stale reads
  return { items: reviews.filter((r) => r.status === 'visible').map(toView), nextCursor: page.nextCursor };
}

/** The summary of a product's shown reviews (zeros without any). */
export async function ratingSummary(productId: string): Promise<RatingSummary> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.ratingSummary(productId) }));
  const s = out.Item ? RatingSummaryItem.parse(out.Item) : RatingSummaryItem.parse({ entity: 'RatingSummary', productId });
  return { productId, count: s.count, average: averageOf(s.sum, s.count), perStar: [s.s1, s.s2, s.s3, s.s4, s.s5], withPhotos: s.withPhotos };
}

/** The product page's block: the summary and the newest photo reviews. */
export async function productReviewsOverview(productId: string): Promise<ProductReviewsOverview> {
  const [summary, photos] = await Promise.all([ratingSummary(productId), listProductReviews(productId, { filter: 'photos', limit: TOP_PHOTO_REVIEWS })]);
  return { summary, topPhotoReviews: photos.items };
}

/** AP107: the author's reviews, every state, newest first. */
export async function listMyReviews(userId: string, q: { cursor?: string; limit?: number }): Promise<MyReviewPage> {
  const { GSI2PK } = keys.authorReviewsIndex(userId);
  const page = await queryPage(
    { IndexName: INDEX.byStatus, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': GSI2PK }, ScanIndexForward: false },
    { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor, expected: { GSI2PK } },
  );
  return { items: page.items.map((i) => toMine(ReviewItem.parse(i))), nextCursor: page.nextCursor };
}

/** AP108: the store's shown reviews, newest first. */
export async function listStoreReviews(merchantId: string, q: { cursor?: string; limit?: number }): Promise<MerchantReviewPage> {
  const { GSI1PK } = keys.storeReviewsIndex(merchantId);
  const page = await queryPage(
    { IndexName: INDEX.byOwner, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': GSI1PK }, ScanIndexForward: false },
    { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor, expected: { GSI1PK } },
  );
  return { items: page.items.map((i) => toMerchantView(ReviewItem.parse(i))), nextCursor: page.nextCursor };
}

/** AP109: the caller's reviews of one of their orders (404 for anyone else's order). */
export async function listOrderReviews(userId: string, orderId: string): Promise<OrderReviews> {
  const order = await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(orderId), ProjectionExpression: 'userId' }));
  if (!order.Item || order.Item.userId !== userId) throw new NotFoundError('order');
  const { PK, SKPrefix } = keys.orderLineReviewsPrefix(orderId);
  const claims = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': PK, ':p': SKPrefix },
      ConsistentRead: true,
    }),
  );
  const reviews = await reviewsById((claims.Items ?? []).map((c) => String(c.reviewId)));
  return { items: reviews.filter((r) => r.userId === userId).map(toMine) };
}
