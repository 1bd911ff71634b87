import { Text, View } from '@tarojs/components';
import type { ProductDetail } from '@wxshop/shared';
import { useI18n } from '../../../i18n';

/** Brand, origin, material and the merchant's attributes; then the description. */
export function ProductInfo({ product }: { product: ProductDetail }) {
  const { t } = useI18n();
  const rows = [
    ...(product.brand ? [{ name: t('shop.brand'), value: product.brand }] : []),
    ...(product.origin ? [{ name: t('shop.origin'), value: product.origin }] : []),
    ...(product.material ? [{ name: t('shop.material'), value: product.material }] : []),
    ...product.attributes,
  ];
  return (
    <View>
      {rows.length > 0 ? (
        <View id="product-attributes" className="card product__section">
          <Text className="product__section-title">{t('shop.details')}</Text>
          {rows.map((r, i) => (
            <View key={`${i}:${r.name}`} className="product__attr">
              <Text className="product__attr-name">{r.name}</Text>
              <Text className="product__attr-value">{r.value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View id="product-description" className="card product__section">
        <Text className="product__section-title">{t('shop.description')}</Text>
        <Text className={`product__description ${product.description ? '' : 'product__description--none'}`} userSelect>
          {product.description || t('shop.no_description')}
        </Text>
      </View>
    </View>
  );
}
