/**
 * Showing and hiding a review: its listing entries (AP106), the store's list (AP108) and the product's
 * rating summary change in ONE transaction with the review item (ADR 0057), so concurrent reviews of a
 * product are never lost or counted twice, and a review hidden later leaves the summary exactly.
 */
import { keys } from '../lib/keys';
import { tableName } from '../lib/table';
import type { TxItem } from '../lib/table-ops';
import type { ReviewItem } from './items';

const withPhotos = (r: Pick<ReviewItem, 'photoKeys' | 'video'>): boolean => r.photoKeys.length > 0 || r.video !== null;

/** The table item of a review: its keys, and the store's listing key only while it is shown. */
export function reviewRecord(r: ReviewItem): Record<string, unknown> {
  return {
    ...keys.review(r.id),
    ...keys.authorReviewsGsi2(r.userId, r.createdAt, r.id),
    ...(r.status === 'visible' ? keys.storeReviewsGsi1(r.merchantId, r.createdAt, r.id) : {}),
    ...r,
  };
}

/** A Put of the review that holds only if nobody changed it since `readVersion` (none: it must be new). */
export function putReview(r: ReviewItem, readVersion: number | null): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: reviewRecord(r),
      ...(readVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': readVersion } }),
    },
  };
}

function summaryDelta(r: ReviewItem, d: 1 | -1): TxItem {
  const star = `s${r.stars.product}`;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.ratingSummary(r.productId),
      UpdateExpression: 'SET #e = :e, #p = :p ADD #count :d, #sum :sum, #star :d, #photos :photos',
      ExpressionAttributeNames: { '#e': 'entity', '#p': 'productId', '#count': 'count', '#sum': 'sum', '#star': star, '#photos': 'withPhotos' },
      ExpressionAttributeValues: { ':e': 'RatingSummary', ':p': r.productId, ':d': d, ':sum': d * r.stars.product, ':photos': withPhotos(r) ? d : 0 },
    },
  };
}

const entrySks = (r: ReviewItem): string[] => keys.productReviewEntrySks(r.stars.product, withPhotos(r), r.createdAt, r.id);

/** What goes with a review becoming shown: its listing entries and +1 on the summary. */
export function showItems(r: ReviewItem): TxItem[] {
  return [
    ...entrySks(r).map(
      (sk): TxItem => ({
        Put: { TableName: tableName(), Item: { ...keys.productReviewEntry(r.productId, sk), entity: 'ProductReviewEntry', reviewId: r.id } },
      }),
    ),
    summaryDelta(r, 1),
  ];
}

/** What goes with a shown review being hidden: its entries leave and -1 on the summary. */
export function hideItems(r: ReviewItem): TxItem[] {
  return [...entrySks(r).map((sk): TxItem => ({ Delete: { TableName: tableName(), Key: keys.productReviewEntry(r.productId, sk) } })), summaryDelta(r, -1)];
}
