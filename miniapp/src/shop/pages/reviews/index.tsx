import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReviewFilter, ReviewView } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { ReviewCard } from '../../../components/reviews/review-card';
import { RatingSummaryView } from '../../../components/reviews/rating-summary';
import { useI18n } from '../../../i18n';
import { fetchProductReviews, fetchReviewsOverview, type RatingSummary } from '../../../services/reviews';
import { useParams, useShopTitle } from '../../lib/params';
import '../../components/shop.scss';
import '../../../components/reviews/reviews.scss';

type Chip = { filter: ReviewFilter; stars?: number };
const CHIPS: Chip[] = [{ filter: 'all' }, { filter: 'photos' }, ...[5, 4, 3, 2, 1].map((stars) => ({ filter: 'stars' as const, stars }))];
const chipId = (c: Chip) => `reviews-filter-${c.filter}${c.stars ?? ''}`;

type State = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; items: ReviewView[]; next: string | null; more: boolean };

/** A product's reviews with filters: all (photo reviews first), with photos, by stars; paged. */
export default function ReviewsPage() {
  const { t, lang } = useI18n();
  useShopTitle('reviews.title');
  const { id = '', filter: initial } = useParams();
  const [chip, setChip] = useState<Chip>(initial === 'photos' ? { filter: 'photos' } : { filter: 'all' });
  const [state, setState] = useState<State>({ status: 'loading' });
  const [summary, setSummary] = useState<RatingSummary | null>(null);

  const load = async (c: Chip, cursor?: string) => {
    if (!cursor) setState({ status: 'loading' });
    else setState((s) => (s.status === 'ok' ? { ...s, more: true } : s));
    try {
      const page = await fetchProductReviews(id, c.filter, c.stars, cursor);
      setState((s) => ({
        status: 'ok',
        items: cursor && s.status === 'ok' ? [...s.items, ...page.items] : page.items,
        next: page.nextCursor,
        more: false,
      }));
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  useEffect(() => {
    if (!id) return;
    void load(chip);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload on the chip and the language only
  }, [id, chip, lang]);
  useEffect(() => {
    if (id)
      void fetchReviewsOverview(id).then(
        (o) => setSummary(o.summary),
        () => undefined,
      );
  }, [id]);

  const label = (c: Chip) =>
    c.filter === 'all'
      ? t('reviews.filter.all')
      : c.filter === 'photos'
        ? `${t('reviews.filter.photos')}${summary ? ` ${summary.withPhotos}` : ''}`
        : t('reviews.filter.stars', { n: c.stars ?? 0 });

  let body;
  if (!id) body = <EmptyState id="reviews-missing" title={t('reviews.none_title')} body={t('reviews.missing')} />;
  else if (state.status === 'loading') body = <Loading id="reviews-loading" />;
  else if (state.status === 'error') body = <ErrorState id="reviews-error" error={state.error} onRetry={() => void load(chip)} />;
  else if (state.items.length === 0) body = <EmptyState id="reviews-empty" title={t('reviews.none_title')} body={t('reviews.none_body')} />;
  else
    body = (
      <View id="reviews-list">
        {state.items.map((r) => (
          <ReviewCard key={r.id} review={r} />
        ))}
        {state.next ? (
          <Button id="reviews-more" className="btn btn--ghost" disabled={state.more} onClick={() => void load(chip, state.next ?? undefined)}>
            {t('reviews.load_more')}
          </Button>
        ) : null}
      </View>
    );

  return (
    <View id="page-reviews" className="page reviews-page">
      {summary && summary.count > 0 ? (
        <View className="card product__section">
          <RatingSummaryView summary={summary} />
        </View>
      ) : null}
      <View className="review-filters" role="tablist" aria-label={t('reviews.filters_label')}>
        {CHIPS.map((c) => {
          const on = c.filter === chip.filter && c.stars === chip.stars;
          return (
            <View
              key={chipId(c)}
              id={chipId(c)}
              role="tab"
              aria-selected={on}
              className={`review-filter${on ? ' review-filter--on' : ''}`}
              onClick={() => setChip(c)}
            >
              {label(c)}
            </View>
          );
        })}
      </View>
      {body}
    </View>
  );
}
