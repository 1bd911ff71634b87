import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ProductCard } from '@wxshop/shared';
import { ProductCards, ProductCardsSkeleton } from '../../components/product-card';
import { EmptyState, ErrorState } from '../../components/states';
import { useI18n } from '../../i18n';
import type { ProductLayout } from '../../services/browse';
import { errorText } from '../../services/request';
import type { PagedState } from '../lib/use-pages';

interface Props {
  /** Prefix of the ids: `#<id>-items`, `#<id>-loading`, `#<id>-empty`, `#<id>-more`, `#<id>-end`. */
  id: string;
  state: PagedState<ProductCard, { items: ProductCard[]; nextCursor: string | null }>;
  layout: ProductLayout;
  onRetry: () => void;
  onMore: () => void;
  empty: { title: string; body?: string; action?: ReactNode };
}

/** A paged product list with its loading skeleton, error, empty state and "load more" footer. */
export function ProductFeed({ id, state, layout, onRetry, onMore, empty }: Props) {
  if (state.status === 'loading') return <ProductCardsSkeleton id={`${id}-loading`} layout={layout} count={layout === 'grid' ? 6 : 4} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={onRetry} />;
  if (state.items.length === 0)
    return (
      <EmptyState id={`${id}-empty`} icon="category" title={empty.title} body={empty.body}>
        {empty.action}
      </EmptyState>
    );
  return (
    <View>
      <ProductCards id={`${id}-items`} items={state.items} layout={layout} />
      <PageFooter id={id} state={state} onMore={onMore} />
    </View>
  );
}

/** "Load more" while there is a next page, the end line after the last one, the error of a failed page. */
export function PageFooter({
  id,
  state,
  onMore,
}: {
  id: string;
  state: { nextCursor: string | null; loadingMore: boolean; moreError: unknown };
  onMore: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="shop__footer">
      {state.moreError ? (
        <Text id={`${id}-more-error`} className="shop__footer-error">
          {errorText(state.moreError)}
        </Text>
      ) : null}
      {state.nextCursor ? (
        <Button
          id={`${id}-more`}
          className="btn btn--ghost"
          loading={state.loadingMore || undefined}
          disabled={state.loadingMore || undefined}
          onClick={onMore}
        >
          {state.moreError ? t('common.retry') : t('common.load_more')}
        </Button>
      ) : (
        <Text id={`${id}-end`} className="shop__end">
          {t('common.no_more')}
        </Text>
      )}
    </View>
  );
}
