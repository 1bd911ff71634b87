import { Text, View } from '@tarojs/components';
import type { ProductDetail } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { chipState, matchingSkus, selectedSku, stockOf, type Selection } from '../../lib/sku';

interface Props {
  product: ProductDetail;
  selection: Selection;
  onTap: (dim: number, value: number) => void;
}

/**
 * One row of value chips per spec dimension (`#sku-chip-<dimension index>-<value index>`); chips that
 * no in-stock SKU matches together with the other choices are disabled. Below: the chosen SKU's
 * stock (`#sku-stock`) and what is still to choose.
 */
export function SkuSelector({ product, selection, onTap }: Props) {
  const { t } = useI18n();
  const sku = selectedSku(product.skus, selection);
  const missing = product.specs.filter((_, d) => selection[d] === null).map((s) => s.name);
  const chosen = product.specs.map((s, d) => (selection[d] === null ? null : s.values[selection[d]!])).filter((v): v is string => !!v);
  const stock = sku ? (sku.soldOut ? 0 : sku.stock) : stockOf(matchingSkus(product.skus, selection));

  return (
    <View id="sku-selector" className="card product__skus">
      {product.specs.map((dim, d) => (
        <View key={`${d}:${dim.name}`} id={`sku-dim-${d}`} className="product__dim">
          <Text className="product__dim-name">{dim.name}</Text>
          <View className="chips">
            {dim.values.map((value, v) => {
              const state = chipState(product.skus, selection, d, v);
              const disabled = state === 'sold_out' || state === 'unavailable';
              return (
                <View
                  key={`${v}:${value}`}
                  id={`sku-chip-${d}-${v}`}
                  className={`chip ${state === 'selected' ? 'chip--active' : ''} ${disabled ? 'chip--disabled' : ''}`}
                  data-state={state}
                  aria-disabled={disabled || undefined}
                  onClick={() => onTap(d, v)}
                >
                  {value}
                </View>
              );
            })}
          </View>
        </View>
      ))}
      <View className="product__sku-status">
        <Text id="sku-selected" className="product__sku-choice">
          {missing.length > 0
            ? t('shop.choose_specs', { names: missing.join(' / ') })
            : chosen.length > 0
              ? t('shop.selected_specs', { values: chosen.join(' / ') })
              : ''}
        </Text>
        <Text id="sku-stock" className={`product__stock ${stock === 0 ? 'product__stock--out' : ''}`} data-stock={stock}>
          {stock === 0 ? t('shop.sold_out') : sku ? t('shop.stock', { count: stock }) : t('shop.stock_total', { count: stock })}
        </Text>
      </View>
    </View>
  );
}
