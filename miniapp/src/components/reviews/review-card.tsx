import './messages';
import { Text, View } from '@tarojs/components';
import type { ReviewView } from '@wxshop/shared';
import { Picture } from '../picture';
import { useI18n } from '../../i18n';
import './reviews.scss';

/** 1-5 stars, read out as "n of 5 stars". */
export function Stars({ n, id }: { n: number; id?: string }) {
  const { t } = useI18n();
  return (
    <View id={id} className="stars" aria-label={t('reviews.stars_label', { n })} role="img">
      <Text aria-hidden>{'★'.repeat(n)}</Text>
      <Text className="stars__off" aria-hidden>
        {'★'.repeat(5 - n)}
      </Text>
    </View>
  );
}

/** One shown review: author, stars, text, photos, follow-up, the store's reply. */
export function ReviewCard({ review }: { review: ReviewView }) {
  const { t } = useI18n();
  const author = review.author.anonymous ? t('reviews.anonymous') : (review.author.name ?? t('reviews.shopper'));
  return (
    <View id={`review-${review.id}`} className="review-card">
      <View className="review-card__head">
        <Text className="review-card__author">{author}</Text>
        <Stars n={review.stars.product} />
      </View>
      {review.specValues.length ? <Text className="review-card__spec">{review.specValues.join(' / ')}</Text> : null}
      <Text className="review-card__text">{review.text}</Text>
      {review.photos.length ? (
        <View className="review-card__photos">
          {review.photos.map((p, i) => (
            <Picture key={p.key} className="review-card__photo review-photo" src={p.url} mode="aspectFill" alt={t('reviews.photo_alt', { n: i + 1 })} />
          ))}
        </View>
      ) : null}
      {review.followUp ? (
        <View className="review-card__follow">
          <Text className="review-card__label">{t('reviews.follow_up')}</Text>
          <Text className="review-card__text">{review.followUp.text}</Text>
        </View>
      ) : null}
      {review.reply ? (
        <View className="review-card__reply review-reply">
          <Text className="review-card__label">{t('reviews.store_reply')}</Text>
          <Text className="review-card__text">{review.reply.text}</Text>
        </View>
      ) : null}
    </View>
  );
}
