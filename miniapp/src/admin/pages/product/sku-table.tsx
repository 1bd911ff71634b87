import { Text, View } from '@tarojs/components';
import { formatMoney, type MerchantProductView } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { reviewSkus, skuLabel } from '../../lib/sku';

/** Every SKU with its combination, code, price (store currency) and stock; disabled and removed ones marked. */
export function SkuTable({ product: p }: { product: MerchantProductView }) {
  const { lang, t } = useI18n();
  return (
    <View id="product-sku-table" className="card">
      <View className="card__header">{t('admin.product_skus', { count: p.skus.length })}</View>
      <View className="admin__table-head">
        <Text className="admin__cell admin__cell--wide">{t('admin.sku_spec')}</Text>
        <Text className="admin__cell admin__cell--num">{t('admin.sku_price')}</Text>
        <Text className="admin__cell admin__cell--num">{t('admin.sku_stock')}</Text>
      </View>
      {reviewSkus(p.skus).map((sku) => (
        <View key={sku.id} id={`product-sku-${sku.id}`} className={`admin__table-row ${sku.removed || !sku.enabled ? 'admin__table-row--off' : ''}`}>
          <View className="admin__cell admin__cell--wide">
            <Text className="admin__sku-spec">{skuLabel(p.specs, sku, lang) || t('admin.sku_single')}</Text>
            <Text className="admin__item-sub">
              {sku.code}
              {sku.removed ? ` · ${t('admin.sku_removed')}` : !sku.enabled ? ` · ${t('admin.sku_disabled')}` : ''}
            </Text>
          </View>
          <View className="admin__cell admin__cell--num">
            <Text>{formatMoney(sku.price, lang)}</Text>
            {sku.marketPrice ? <Text className="admin__strike">{formatMoney(sku.marketPrice, lang)}</Text> : null}
          </View>
          <Text className="admin__cell admin__cell--num">{sku.stock}</Text>
        </View>
      ))}
    </View>
  );
}
