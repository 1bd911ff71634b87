import { Text, View } from '@tarojs/components';
import type { ProductLayout } from '../../services/browse';
import { useI18n } from '../../i18n';
import { nextSort, SORT_TABS, tabOf, type Sort } from '../lib/sort';

interface Props {
  sort: Sort;
  onSort: (sort: Sort) => void;
  layout: ProductLayout;
  onLayout: (layout: ProductLayout) => void;
  /** A filter button at the end (search); its number of active filters. */
  filters?: { count: number; open: boolean; onToggle: () => void };
}

/** Sort tabs (price flips up/down), the grid/list toggle and, on search, the filter button. */
export function SortBar({ sort, onSort, layout, onLayout, filters }: Props) {
  const { t } = useI18n();
  const activeTab = tabOf(sort);
  return (
    <View id="sort-bar" className="sort-bar">
      {SORT_TABS.map((tab) => (
        <View
          key={tab}
          id={`sort-${tab}`}
          className={`sort-bar__tab ${tab === activeTab ? 'sort-bar__tab--active' : ''}`}
          data-sort={tab === activeTab ? sort : undefined}
          onClick={() => onSort(nextSort(sort, tab))}
        >
          <Text>{t(`shop.sort_${tab}`)}</Text>
          {tab === 'price' ? (
            <View className="sort-bar__arrows">
              <Text className={`sort-bar__arrow ${sort === 'price_asc' ? 'sort-bar__arrow--on' : ''}`}>▲</Text>
              <Text className={`sort-bar__arrow ${sort === 'price_desc' ? 'sort-bar__arrow--on' : ''}`}>▼</Text>
            </View>
          ) : null}
        </View>
      ))}
      <View
        id="view-toggle"
        className="sort-bar__icon"
        data-layout={layout}
        aria-label={layout === 'grid' ? t('shop.view_list') : t('shop.view_grid')}
        onClick={() => onLayout(layout === 'grid' ? 'list' : 'grid')}
      >
        <Text>{layout === 'grid' ? '☰' : '▦'}</Text>
      </View>
      {filters ? (
        <View
          id="search-filter-toggle"
          className={`sort-bar__filter ${filters.open || filters.count > 0 ? 'sort-bar__tab--active' : ''}`}
          onClick={filters.onToggle}
        >
          <Text>{t('shop.filters')}</Text>
          {filters.count > 0 ? <Text className="sort-bar__count">{filters.count}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
