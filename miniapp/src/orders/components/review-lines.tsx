import '../../components/reviews/messages';
import '../../components/reviews/reviews.scss';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import type { Order } from '@wxshop/shared';
import { useRemote } from '../../hooks/use-remote';
import { useI18n } from '../../i18n';
import { fetchOrderReviews } from '../../services/reviews';

export const writeReviewUrl = (orderId: string, skuId: string) =>
  `/orders/pages/review/index?orderId=${encodeURIComponent(orderId)}&skuId=${encodeURIComponent(skuId)}`;

/** On a received order: per line, "write a review", or the review's state when written. */
export function ReviewLines({ order }: { order: Order }) {
  const { t } = useI18n();
  const [remote, load] = useRemote(() => fetchOrderReviews(order.id));
  useEffect(() => {
    void load();
  }, [order.id, load]);
  const reviews = remote.status === 'ok' ? remote.data.items : [];
  return (
    <View id="order-reviews" className="o-card">
      <Text className="o-card__title">{t('reviews.title')}</Text>
      {order.lines.map((l) => {
        const written = reviews.find((r) => r.skuId === l.skuId);
        return (
          <View key={l.skuId} id={`order-review-line-${l.skuId}`} className="o-review-line">
            <Text className="o-review-line__title">{l.title}</Text>
            {remote.status !== 'ok' ? null : written ? (
              <Text id={`order-reviewed-${l.skuId}`} className="o-review-line__state">
                {t('reviews.reviewed')} · {t(`reviews.status.${written.status}`)}
              </Text>
            ) : (
              <Button
                id={`order-write-review-${l.skuId}`}
                className="btn btn--ghost btn--small"
                onClick={() => void Taro.navigateTo({ url: writeReviewUrl(order.id, l.skuId) })}
              >
                {t('reviews.write')}
              </Button>
            )}
          </View>
        );
      })}
    </View>
  );
}
