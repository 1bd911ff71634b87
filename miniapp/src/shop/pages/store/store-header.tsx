import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { localize, type PublicStore } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { go, shopUrls } from '../../../services/browse';

/** Banner, logo, name, intro in the shopper's language, search in this store; a notice when not selling. */
export function StoreHeader({ store }: { store: PublicStore }) {
  const { lang, t } = useI18n();
  return (
    <View id="store-header" className="store__header">
      {store.bannerUrl ? (
        <Picture alt="" id="store-banner" className="store__banner" src={store.bannerUrl} mode="aspectFill" />
      ) : (
        <View className="store__banner store__banner--plain" />
      )}
      <View className="store__profile">
        {store.logoUrl ? (
          <Picture alt={store.name} id="store-logo" className="store__logo" src={store.logoUrl} mode="aspectFill" />
        ) : (
          <View id="store-logo" className="store__logo store__logo--letter">
            {Array.from(store.name)[0] ?? '·'}
          </View>
        )}
        <View className="store__names">
          <Text id="store-name" className="store__name">
            {store.name}
          </Text>
          {store.intro ? (
            <Text id="store-intro" className="store__intro">
              {localize(store.intro, lang)}
            </Text>
          ) : null}
        </View>
      </View>
      <View id="store-search" className="store__search" onClick={() => go(shopUrls.search({ merchantId: store.id, store: store.name }))}>
        <Text className="store__search-icon">⌕</Text>
        <Text>{t('shop.store_search')}</Text>
      </View>
      {!store.selling ? (
        <View id="store-not-selling" className="banner store__notice">
          <Text>{t('shop.store_not_selling')}</Text>
        </View>
      ) : null}
    </View>
  );
}
