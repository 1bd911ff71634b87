import { useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ProductCard, SearchResult } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { getProductLayout, getRecentSearches, saveRecentSearches, searchCatalog, setProductLayout, type ProductLayout } from '../../../services/browse';
import { ProductFeed } from '../../components/product-feed';
import { SortBar } from '../../components/sort-bar';
import { useParams, useShopTitle } from '../../lib/params';
import { addRecent, normalizeQuery } from '../../lib/recent-searches';
import type { Sort } from '../../lib/sort';
import { usePages } from '../../lib/use-pages';
import { countFilters, FilterPanel, NO_FILTERS, type Filters } from './filter-panel';
import { RecentSearches } from './recent-searches';
import { SearchBox } from './search-box';
import '../../components/shop.scss';
import './index.scss';

/**
 * Search (GET /search): keywords in any language, recent searches on the device, filters (category,
 * price range in yuan sent as fen, in stock, this store when opened from one), sorts, paged cards.
 */
export default function SearchPage() {
  const { t } = useI18n();
  useShopTitle('shop.search_title');
  const params = useParams();
  const merchantId = params.merchantId;
  const storeName = merchantId ? (params.store ?? t('shop.store')) : undefined;
  const [text, setText] = useState(params.q ?? '');
  const [q, setQ] = useState(normalizeQuery(params.q ?? ''));
  const [recent, setRecent] = useState<string[]>(getRecentSearches);
  const [sort, setSort] = useState<Sort>('relevance');
  const [layout, setLayout] = useState<ProductLayout>(getProductLayout);
  const [filters, setFilters] = useState<Filters>({ ...NO_FILTERS, storeOnly: !!merchantId });
  const [panelOpen, setPanelOpen] = useState(false);

  const { state, reload, loadMore } = usePages<ProductCard, SearchResult>((cursor) =>
    searchCatalog({
      q,
      sort,
      cursor,
      categoryId: filters.categoryId,
      minPrice: filters.minPrice,
      maxPrice: filters.maxPrice,
      inStock: filters.inStock ? 'true' : undefined,
      merchantId: filters.storeOnly ? merchantId : undefined,
    }),
  );

  useEffect(() => {
    if (q) void reload();
  }, [q, sort, filters, reload]);

  useEffect(() => {
    if (q) {
      const next = addRecent(getRecentSearches(), q);
      setRecent(next);
      saveRecentSearches(next);
    }
  }, [q]);

  useReachBottom(() => void loadMore());

  const submit = (value = text) => {
    const query = normalizeQuery(value);
    if (!query) return;
    setText(query);
    setPanelOpen(false);
    if (query === q) void reload();
    else setQ(query);
  };

  const clearRecent = () => {
    setRecent([]);
    saveRecentSearches([]);
  };

  const changeLayout = (next: ProductLayout) => {
    setLayout(next);
    setProductLayout(next);
  };

  return (
    <View id="page-search" className="page search">
      <View className="shop__sticky">
        <SearchBox value={text} onInput={setText} onSubmit={() => submit()} />
        {storeName && filters.storeOnly ? (
          <Text id="search-store-scope" className="search__scope">
            {t('shop.search_in_store', { store: storeName })}
          </Text>
        ) : null}
        {q ? (
          <SortBar
            sort={sort}
            onSort={setSort}
            layout={layout}
            onLayout={changeLayout}
            filters={{ count: countFilters(filters, !!merchantId), open: panelOpen, onToggle: () => setPanelOpen((o) => !o) }}
          />
        ) : null}
      </View>
      {q && panelOpen ? (
        <FilterPanel
          applied={filters}
          storeName={storeName}
          onApply={(next) => {
            setFilters(next);
            setPanelOpen(false);
          }}
        />
      ) : null}
      {!q ? (
        <RecentSearches
          items={recent}
          onPick={(query) => {
            setText(query);
            submit(query);
          }}
          onClear={clearRecent}
        />
      ) : (
        <View>
          {state.status === 'ok' && state.first && state.items.length > 0 ? (
            <Text id="search-count" className="shop__note search__count">
              {t('shop.search_results', { count: state.first.total })}
            </Text>
          ) : null}
          <ProductFeed
            id="search"
            state={state}
            layout={layout}
            onRetry={() => void reload()}
            onMore={() => void loadMore()}
            empty={{ title: t('shop.search_empty_title', { q }), body: t('shop.search_empty_body') }}
          />
        </View>
      )}
    </View>
  );
}
