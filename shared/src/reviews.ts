import { z } from 'zod';
import { Id } from './catalog';

/**
 * Reviews of order lines (ADR 0057): stars, text, photos and a video, checked by WeChat's content
 * security before anyone else sees them; one follow-up and one merchant reply each.
 */

export const REVIEW_LIMITS = { text: 500, followUpText: 500, replyText: 300, photos: 9 } as const;

/** Upload limits: photos (png/jpeg/webp) <= 5 MiB, the one mp4 video <= 30 MiB. */
export const REVIEW_UPLOAD_LIMITS = {
  'image/png': 5 * 1024 * 1024,
  'image/jpeg': 5 * 1024 * 1024,
  'image/webp': 5 * 1024 * 1024,
  'video/mp4': 30 * 1024 * 1024,
} as const;
export type ReviewUploadType = keyof typeof REVIEW_UPLOAD_LIMITS;

export const ReviewUploadInput = z
  .object({
    contentType: z.enum(Object.keys(REVIEW_UPLOAD_LIMITS) as [ReviewUploadType, ...ReviewUploadType[]]),
    size: z.number().int().positive(),
  })
  .strict()
  .refine((v) => v.size <= REVIEW_UPLOAD_LIMITS[v.contentType], { message: 'too large for its type', path: ['size'] });
export type ReviewUploadInput = z.input<typeof ReviewUploadInput>;

/** An upload key of the review uploads (`reviews/<uid>/<ulid>.<ext>`): the service checks the uid is the caller's. */
export const ReviewMediaKey = z
  .string()
  .max(120)
  .regex(/^reviews\/[0-9A-HJKMNP-TV-Z]{26}\/[0-9A-HJKMNP-TV-Z]{26}\.(png|jpg|webp|mp4)$/, 'a review upload key');

const Star = z.number().int().min(1).max(5);
export const ReviewStars = z.object({ product: Star, service: Star, delivery: Star }).strict();
export type ReviewStars = z.infer<typeof ReviewStars>;

const Photos = z.array(ReviewMediaKey).max(REVIEW_LIMITS.photos);

/** `POST /me/orders/{orderId}/reviews`: a review of one line of a completed order. */
export const CreateReviewInput = z
  .object({
    skuId: Id,
    stars: ReviewStars,
    text: z.string().trim().min(1).max(REVIEW_LIMITS.text),
    photoKeys: Photos.default([]),
    /** One short video with its cover image (WeChat's media check looks at images: the cover is checked). */
    video: z.object({ key: ReviewMediaKey, coverKey: ReviewMediaKey }).strict().optional(),
    anonymous: z.boolean().default(false),
  })
  .strict()
  .refine((v) => new Set(v.photoKeys).size === v.photoKeys.length, { message: 'a photo is given twice', path: ['photoKeys'] })
  .refine((v) => !v.video || (v.video.key.endsWith('.mp4') && !v.video.coverKey.endsWith('.mp4')), {
    message: 'the video is an mp4 and its cover an image',
    path: ['video'],
  })
  .refine((v) => v.photoKeys.every((k) => !k.endsWith('.mp4')), { message: 'photos are images', path: ['photoKeys'] });
export type CreateReviewInput = z.input<typeof CreateReviewInput>;

/** `POST /me/reviews/{reviewId}/follow-up`: once, after the review is shown. */
export const FollowUpInput = z
  .object({
    text: z.string().trim().min(1).max(REVIEW_LIMITS.followUpText),
    photoKeys: Photos.default([]),
  })
  .strict()
  .refine((v) => new Set(v.photoKeys).size === v.photoKeys.length, { message: 'a photo is given twice', path: ['photoKeys'] })
  .refine((v) => v.photoKeys.every((k) => !k.endsWith('.mp4')), { message: 'photos are images', path: ['photoKeys'] });
export type FollowUpInput = z.input<typeof FollowUpInput>;

/** `POST /merchants/{merchantId}/reviews/{reviewId}/reply`: once per review. */
export const ReplyInput = z.object({ text: z.string().trim().min(1).max(REVIEW_LIMITS.replyText) }).strict();
export type ReplyInput = z.input<typeof ReplyInput>;

/**
 * checking: a content check is still out (hidden from everyone but its author); visible: every check
 * passed; hidden: a check failed (its `rejection` says which and why).
 */
export const REVIEW_STATUSES = ['checking', 'visible', 'hidden'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const REJECTION_REASONS = ['text_risky', 'media_risky', 'follow_up_text_risky', 'follow_up_media_risky'] as const;
export const Rejection = z.object({
  reason: z.enum(REJECTION_REASONS),
  /** WeChat's label: 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 10001 ads, ... */
  label: z.number().int(),
  at: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

export const ReviewPhoto = z.object({ key: z.string(), url: z.string() });
export const ReviewVideo = z.object({ url: z.string(), coverUrl: z.string() });

export const ReviewFollowUp = z.object({
  text: z.string(),
  photos: z.array(ReviewPhoto),
  status: ReviewStatus,
  createdAt: z.string(),
});

export const ReviewReply = z.object({ text: z.string(), at: z.string() });

/** A review as everyone sees it (only visible ones; an anonymous author has no name). */
export const ReviewView = z.object({
  id: z.string(),
  productId: z.string(),
  skuId: z.string(),
  specValues: z.array(z.string()),
  stars: ReviewStars,
  text: z.string(),
  photos: z.array(ReviewPhoto),
  video: ReviewVideo.nullable(),
  author: z.object({ anonymous: z.boolean(), name: z.string().nullable() }),
  createdAt: z.string(),
  /** Shown once its own checks passed. */
  followUp: ReviewFollowUp.omit({ status: true }).nullable(),
  reply: ReviewReply.nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

/** A review as its author sees it: every state, the reason when hidden. */
export const MyReview = ReviewView.omit({ followUp: true }).extend({
  orderId: z.string(),
  productTitle: z.string(),
  status: ReviewStatus,
  rejection: Rejection.nullable(),
  followUp: ReviewFollowUp.nullable(),
});
export type MyReview = z.infer<typeof MyReview>;

/** A review as the store sees it (visible ones: the ones it can answer). */
export const MerchantReview = ReviewView.extend({ orderId: z.string(), productTitle: z.string() });
export type MerchantReview = z.infer<typeof MerchantReview>;

export const REVIEW_FILTERS = ['all', 'photos', 'stars'] as const;
export const ReviewFilter = z.enum(REVIEW_FILTERS);
export type ReviewFilter = z.infer<typeof ReviewFilter>;

export const ListProductReviewsQuery = z
  .object({
    filter: ReviewFilter.default('all'),
    /** With filter=stars: the product stars to show. */
    stars: z.coerce.number().int().min(1).max(5).optional(),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(30).optional(),
  })
  .strict()
  .refine((q) => (q.filter === 'stars') === (q.stars !== undefined), { message: 'give stars with filter=stars (only then)', path: ['stars'] });
export type ListProductReviewsQuery = z.input<typeof ListProductReviewsQuery>;

export const ReviewPageQuery = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(30).optional() }).strict();

export const ReviewPage = z.object({ items: z.array(ReviewView), nextCursor: z.string().nullable() });
export type ReviewPage = z.infer<typeof ReviewPage>;
export const MyReviewPage = z.object({ items: z.array(MyReview), nextCursor: z.string().nullable() });
export type MyReviewPage = z.infer<typeof MyReviewPage>;
export const MerchantReviewPage = z.object({ items: z.array(MerchantReview), nextCursor: z.string().nullable() });
export type MerchantReviewPage = z.infer<typeof MerchantReviewPage>;
export const OrderReviews = z.object({ items: z.array(MyReview) });
export type OrderReviews = z.infer<typeof OrderReviews>;

/** The product's rating summary: shown reviews only, product stars. */
export const RatingSummary = z.object({
  productId: z.string(),
  count: z.number().int(),
  /** Mean product stars, one decimal; 0 without reviews. */
  average: z.number(),
  /** Reviews per product star, index 0 = 1 star. */
  perStar: z.array(z.number().int()).length(5),
  withPhotos: z.number().int(),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

export const ProductReviewsOverview = z.object({ summary: RatingSummary, topPhotoReviews: z.array(ReviewView) });
export type ProductReviewsOverview = z.infer<typeof ProductReviewsOverview>;

export const ReviewParams = z.object({ reviewId: Id }).strict();
export const ProductReviewParams = z.object({ productId: Id }).strict();
export const OrderReviewParams = z.object({ orderId: Id }).strict();
export const MerchantReviewParams = z.object({ merchantId: Id, reviewId: Id }).strict();

/** The mean of a summary's stars, one decimal. */
export const averageOf = (sum: number, count: number): number => (count === 0 ? 0 : Math.round((sum / count) * 10) / 10);
