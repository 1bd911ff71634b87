import { Text, View } from '@tarojs/components';
import type { ProductCard } from '@wxshop/shared';
import { ProductCards } from '../../components/product-card';
import { useI18n } from '../../i18n';
import { go } from '../../services/browse';

interface Props {
  id: string;
  title: string;
  items: readonly ProductCard[];
  moreUrl: string;
}

/** A titled row of product cards with a "see all" link to the full sorted list. */
export function ProductSection({ id, title, items, moreUrl }: Props) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <View id={id} className="home__section">
      <View className="home__section-head">
        <Text className="home__section-title">{title}</Text>
        <Text id={`${id}-more`} className="home__section-more" onClick={() => go(moreUrl)}>
          {t('shop.see_all')} ›
        </Text>
      </View>
      <ProductCards items={items} layout="grid" />
    </View>
  );
}
