import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { localize } from '@wxshop/shared';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchCategories } from '../../../services/browse';
import { errorText } from '../../../services/request';
import { formatAmount, parsePriceRange } from '../../lib/price-input';

/** Filters applied to the search: prices in minor units (fen). */
export interface Filters {
  categoryId?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  /** Only the store the shopper came from (when there is one). */
  storeOnly: boolean;
}

export const NO_FILTERS: Filters = { inStock: false, storeOnly: false };

export function countFilters(f: Filters, hasStore: boolean): number {
  return [f.categoryId, f.minPrice !== undefined || f.maxPrice !== undefined, f.inStock, hasStore && f.storeOnly].filter(Boolean).length;
}

interface Props {
  applied: Filters;
  storeName?: string;
  onApply: (filters: Filters) => void;
}

/** Category (top level, then its children), price range in yuan, in stock, this store. */
export function FilterPanel({ applied, storeName, onApply }: Props) {
  const { lang, t } = useI18n();
  const [categories, loadCategories] = useRemote(fetchCategories);
  const [categoryId, setCategoryId] = useState(applied.categoryId);
  const [minText, setMinText] = useState(applied.minPrice === undefined ? '' : formatAmount(applied.minPrice));
  const [maxText, setMaxText] = useState(applied.maxPrice === undefined ? '' : formatAmount(applied.maxPrice));
  const [inStock, setInStock] = useState(applied.inStock);
  const [storeOnly, setStoreOnly] = useState(applied.storeOnly);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadCategories();
  }, [loadCategories]);

  const roots = ('data' in categories ? categories.data : undefined) ?? [];
  // The chosen category may be a top-level one or one of its children.
  const root = roots.find((r) => r.id === categoryId || r.children.some((c) => c.id === categoryId));

  const apply = () => {
    const range = parsePriceRange(minText, maxText);
    if (!range.ok) {
      setError(range.error === 'order' ? t('shop.filter_price_order') : t('shop.filter_price_invalid'));
      return;
    }
    setError(null);
    onApply({ categoryId, minPrice: range.minPrice, maxPrice: range.maxPrice, inStock, storeOnly });
  };

  const reset = () => {
    setCategoryId(undefined);
    setMinText('');
    setMaxText('');
    setInStock(false);
    setStoreOnly(false);
    setError(null);
    onApply(storeName ? { ...NO_FILTERS, storeOnly: true } : NO_FILTERS);
  };

  return (
    <View id="search-filters" className="filters">
      <Text className="filters__label">{t('shop.filter_category')}</Text>
      {categories.status === 'error' ? (
        <Text id="filter-category-error" className="filters__error" onClick={() => void loadCategories()}>
          {errorText(categories.error)} {t('common.retry')}
        </Text>
      ) : categories.status !== 'ok' ? (
        <Text className="filters__muted">{t('common.loading')}</Text>
      ) : (
        <View>
          <View className="chips">
            <View id="filter-category-all" className={`chip ${!categoryId ? 'chip--active' : ''}`} onClick={() => setCategoryId(undefined)}>
              {t('shop.filter_any_category')}
            </View>
            {roots.map((r) => (
              <View key={r.id} id={`filter-category-${r.id}`} className={`chip ${root?.id === r.id ? 'chip--active' : ''}`} onClick={() => setCategoryId(r.id)}>
                {localize(r.name, lang)}
              </View>
            ))}
          </View>
          {root && root.children.length > 0 ? (
            <View className="chips filters__sub">
              {root.children.map((c) => (
                <View
                  key={c.id}
                  id={`filter-category-${c.id}`}
                  className={`chip ${categoryId === c.id ? 'chip--active' : ''}`}
                  onClick={() => setCategoryId(categoryId === c.id ? root.id : c.id)}
                >
                  {localize(c.name, lang)}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}

      <Text className="filters__label">{t('shop.filter_price')}</Text>
      <View className="filters__range">
        <Input
          id="filter-min-price"
          className="filters__input"
          type="digit"
          value={minText}
          placeholder={t('shop.filter_min')}
          onInput={(e) => setMinText(e.detail.value)}
        />
        <Text className="filters__dash">—</Text>
        <Input
          id="filter-max-price"
          className="filters__input"
          type="digit"
          value={maxText}
          placeholder={t('shop.filter_max')}
          onInput={(e) => setMaxText(e.detail.value)}
        />
      </View>

      <View className="filters__switch">
        <Text>{t('shop.filter_in_stock')}</Text>
        <Switch id="filter-in-stock" checked={inStock} color="#c81e24" onChange={(e) => setInStock(e.detail.value)} />
      </View>
      {storeName ? (
        <View className="filters__switch">
          <Text>
            {t('shop.filter_store')} · {storeName}
          </Text>
          <Switch id="filter-store" checked={storeOnly} color="#c81e24" onChange={(e) => setStoreOnly(e.detail.value)} />
        </View>
      ) : null}

      {error ? (
        <Text id="filter-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <View className="filters__actions">
        <Button id="filter-reset" className="btn btn--ghost filters__action" onClick={reset}>
          {t('shop.filter_reset')}
        </Button>
        <Button id="filter-apply" className="btn btn--primary filters__action" onClick={apply}>
          {t('shop.filter_apply')}
        </Button>
      </View>
    </View>
  );
}
