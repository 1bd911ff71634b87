import { Text, View } from '@tarojs/components';
import type { ProductDetail } from '@wxshop/shared';
import { countText, priceText } from '../../../components/product-card';
import { useI18n } from '../../../i18n';
import { matchingSkus, priceSpan, selectedSku, type Selection } from '../../lib/sku';

/** The price of the chosen SKU (`#sku-price`), else the range of the SKUs still possible; title and sales. */
export function PriceBlock({ product, selection }: { product: ProductDetail; selection: Selection }) {
  const { lang, t } = useI18n();
  const sku = selectedSku(product.skus, selection);
  const span = sku ? { min: sku.price, max: sku.price } : (priceSpan(matchingSkus(product.skus, selection)) ?? product.priceRange);
  const price = span.min.amount === span.max.amount ? priceText(span.min, lang) : `${priceText(span.min, lang)} – ${priceText(span.max, lang)}`;
  const market = sku?.marketPrice && sku.marketPrice.amount > sku.price.amount ? sku.marketPrice : null;
  return (
    <View className="product__head">
      <View className="product__prices">
        <Text id="sku-price" className="product__price" data-amount={sku ? sku.price.amount : undefined}>
          {price}
        </Text>
        {market ? (
          <Text id="sku-market-price" className="product__market">
            {priceText(market, lang)}
          </Text>
        ) : null}
        <Text id="product-sales" className="product__sales">
          {t('shop.sold', { count: countText(product.sales, lang) })}
        </Text>
      </View>
      <Text id="product-title" className="product__title">
        {product.title}
      </Text>
      {product.tags.length > 0 ? (
        <View id="product-tags" className="product__tags">
          {product.tags.map((tag) => (
            <Text key={tag} className="product__tag">
              {tag}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
