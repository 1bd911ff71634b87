import type { MerchantReview, MyReview, ReviewView } from '@wxshop/shared/reviews';
import { publicImageUrl } from '../merchants/uploads';
import type { ReviewItem } from './items';

const url = (key: string): string => publicImageUrl(key) ?? key;
const photos = (ks: string[]) => ks.map((key) => ({ key, url: url(key) }));

/** A shown review as everyone sees it: no author name when anonymous, the follow-up once it is shown. */
export function toView(r: ReviewItem): ReviewView {
  return {
    id: r.id,
    productId: r.productId,
    skuId: r.skuId,
    specValues: r.specValues,
    stars: r.stars,
    text: r.text,
    photos: photos(r.photoKeys),
    video: r.video ? { url: url(r.video.key), coverUrl: url(r.video.coverKey) } : null,
    author: { anonymous: r.anonymous, name: r.anonymous ? null : r.authorName },
    createdAt: r.createdAt,
    followUp:
      r.followUp && r.followUp.status === 'visible' ? { text: r.followUp.text, photos: photos(r.followUp.photoKeys), createdAt: r.followUp.createdAt } : null,
    reply: r.reply ? { text: r.reply.text, at: r.reply.at } : null,
  };
}

/** The author's own view: every state, and why it is hidden. */
export function toMine(r: ReviewItem): MyReview {
  return {
    ...toView(r),
    author: { anonymous: r.anonymous, name: r.authorName },
    orderId: r.orderId,
    productTitle: r.productTitle,
    status: r.status,
    rejection: r.rejection,
    followUp: r.followUp ? { text: r.followUp.text, photos: photos(r.followUp.photoKeys), status: r.followUp.status, createdAt: r.followUp.createdAt } : null,
  };
}

export const toMerchantView = (r: ReviewItem): MerchantReview => ({ ...toView(r), orderId: r.orderId, productTitle: r.productTitle });
