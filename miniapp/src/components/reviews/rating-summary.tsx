import './messages';
import { Text, View } from '@tarojs/components';
import type { RatingSummary } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { Stars } from './review-card';

/** Average, a bar per star (5 to 1) and the with-photos count. */
export function RatingSummaryView({ summary }: { summary: RatingSummary }) {
  const { t } = useI18n();
  return (
    <View id="rating-summary" className="rating-summary">
      <View>
        <Text id="rating-average" className="rating-summary__score">
          {summary.average.toFixed(1)}
        </Text>
        <View>
          <Stars n={Math.round(summary.average)} />
        </View>
        <Text className="review-card__spec">{t('reviews.average', { average: summary.average.toFixed(1) })}</Text>
      </View>
      <View className="rating-summary__bars">
        {[5, 4, 3, 2, 1].map((n) => {
          const count = summary.perStar[n - 1] ?? 0;
          const pct = summary.count ? Math.round((count / summary.count) * 100) : 0;
          return (
            <View key={n} id={`rating-bar-${n}`} className="rating-bar">
              <Text>{t('reviews.star_row', { n })}</Text>
              <View className="rating-bar__track">
                <View className="rating-bar__fill" style={{ width: `${pct}%` }} />
              </View>
              <Text>{count}</Text>
            </View>
          );
        })}
        <Text id="rating-with-photos" className="review-card__spec">
          {t('reviews.with_photos', { count: summary.withPhotos })}
        </Text>
      </View>
    </View>
  );
}
