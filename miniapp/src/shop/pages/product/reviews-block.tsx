import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { ErrorState, Loading } from '../../../components/states';
import { ReviewCard } from '../../../components/reviews/review-card';
import { RatingSummaryView } from '../../../components/reviews/rating-summary';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { go } from '../../../services/browse';
import { fetchReviewsOverview } from '../../../services/reviews';

export const reviewsUrl = (productId: string, filter = 'all') => `/shop/pages/reviews/index?id=${encodeURIComponent(productId)}&filter=${filter}`;

/** The product page's reviews: the rating summary and the newest photo reviews, with a way to all of them. */
export function ReviewsBlock({ productId }: { productId: string }) {
  const { t, lang } = useI18n();
  const [remote, load] = useRemote(() => fetchReviewsOverview(productId));
  useEffect(() => {
    void load();
  }, [productId, lang, load]);

  let body;
  if (remote.status === 'error' && !remote.data) body = <ErrorState id="product-reviews-error" error={remote.error} onRetry={() => void load()} />;
  else if (remote.status !== 'ok' && !('data' in remote && remote.data)) body = <Loading id="product-reviews-loading" />;
  else {
    const data = 'data' in remote ? remote.data! : undefined;
    if (!data) return null;
    body =
      data.summary.count === 0 ? (
        <View id="product-reviews-empty" className="review-card">
          <Text className="review-card__author">{t('reviews.none_title')}</Text>
          <Text className="review-card__spec">{t('reviews.none_body')}</Text>
        </View>
      ) : (
        <View>
          <RatingSummaryView summary={data.summary} />
          <View className="product-reviews__top">
            {data.topPhotoReviews.map((r) => (
              <ReviewCard key={r.id} review={r} />
            ))}
          </View>
          <Button id="product-reviews-all" className="btn btn--ghost btn--small" onClick={() => go(reviewsUrl(productId))}>
            {t('reviews.see_all')}
          </Button>
        </View>
      );
  }
  const count = remote.status === 'ok' ? remote.data.summary.count : 0;
  return (
    <View id="product-reviews" className="card product__section">
      <Text className="product__section-title">{t('reviews.summary_title', { count })}</Text>
      {body}
    </View>
  );
}
