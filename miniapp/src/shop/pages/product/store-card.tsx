import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import type { ProductDetail } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { go, shopUrls } from '../../../services/browse';

/** The selling store: logo, name, a link to its page; a note when it is not selling. */
export function StoreCard({ store }: { store: ProductDetail['store'] }) {
  const { t } = useI18n();
  const selling = store.status === 'open' || store.status === 'warned';
  return (
    <View id="product-store" className="card product__store" onClick={() => go(shopUrls.store(store.id))}>
      {store.logoUrl ? (
        <Picture alt="" className="product__store-logo" src={store.logoUrl} mode="aspectFill" />
      ) : (
        <View className="product__store-logo product__store-logo--letter">{Array.from(store.name)[0] ?? '·'}</View>
      )}
      <View className="product__store-main">
        <Text id="product-store-name" className="product__store-name">
          {store.name}
        </Text>
        {!selling ? <Text className="product__store-note">{t('shop.store_not_selling')}</Text> : null}
      </View>
      <Text id="product-store-link" className="product__store-link">
        {t('shop.visit_store')} ›
      </Text>
    </View>
  );
}
