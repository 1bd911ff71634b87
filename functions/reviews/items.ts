import { z } from 'zod';
import { Rejection, ReviewStars, ReviewStatus } from '@wxshop/shared/reviews';

/** The verdict of one content check of a review's media: `review` (a human should look) is not shown either. */
export const CheckVerdict = z.enum(['pending', 'pass', 'review', 'risky']);
export type CheckVerdict = z.infer<typeof CheckVerdict>;

export const MediaCheckState = z.object({
  part: z.enum(['review', 'followUp']),
  verdict: CheckVerdict,
  label: z.number().int().nullable(),
  /** Set once media_check_async accepted it (AP110 item written). */
  traceId: z.string().nullable(),
});
export type MediaCheckState = z.infer<typeof MediaCheckState>;

export const FollowUpItem = z.object({
  text: z.string(),
  photoKeys: z.array(z.string()),
  status: ReviewStatus,
  createdAt: z.string(),
  fingerprint: z.string(),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;

/** AP105: one review of one order line. */
export const ReviewItem = z.object({
  entity: z.literal('Review'),
  id: z.string(),
  orderId: z.string(),
  productId: z.string(),
  skuId: z.string(),
  merchantId: z.string(),
  userId: z.string(),
  productTitle: z.string(),
  specValues: z.array(z.string()),
  stars: ReviewStars,
  text: z.string(),
  photoKeys: z.array(z.string()),
  video: z.object({ key: z.string(), coverKey: z.string() }).nullable(),
  anonymous: z.boolean(),
  /** The author's nickname when written (never shown for anonymous reviews). */
  authorName: z.string().nullable(),
  status: ReviewStatus,
  rejection: Rejection.nullable(),
  /** Media checks by upload key. */
  checks: z.record(z.string(), MediaCheckState),
  followUp: FollowUpItem.nullable(),
  reply: z.object({ text: z.string(), at: z.string(), by: z.string() }).nullable(),
  createdAt: z.string(),
  /** A digest of what was asked: a repeat of the same create answers the review, another is refused. */
  fingerprint: z.string(),
  /** Bumped by every change: writes condition on the version read. */
  version: z.number().int(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** AP110: a media check WeChat is doing for a review. */
export const MediaCheckItem = z.object({
  entity: z.literal('MediaCheck'),
  traceId: z.string(),
  reviewId: z.string(),
  mediaKey: z.string(),
  startedAt: z.string(),
  verdict: CheckVerdict.optional(),
  appliedAt: z.string().optional(),
});
export type MediaCheckItem = z.infer<typeof MediaCheckItem>;

/** AP106 summary: counts of shown reviews of a product, changed only with their listing entries. */
export const RatingSummaryItem = z.object({
  entity: z.literal('RatingSummary'),
  productId: z.string(),
  count: z.number().int().default(0),
  sum: z.number().int().default(0),
  s1: z.number().int().default(0),
  s2: z.number().int().default(0),
  s3: z.number().int().default(0),
  s4: z.number().int().default(0),
  s5: z.number().int().default(0),
  withPhotos: z.number().int().default(0),
});
export type RatingSummaryItem = z.infer<typeof RatingSummaryItem>;
