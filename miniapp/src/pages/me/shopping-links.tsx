import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { go, shopUrls } from '../../services/browse';

/** Favourites, browsing history, points, addresses and share to earn (each asks to sign in when signed out). */
export function ShoppingLinks() {
  const { t } = useI18n();
  return (
    <View id="me-shopping" className="card">
      <View className="card__header">{t('shop.me_shopping')}</View>
      <View id="me-favourites-link" className="row" onClick={() => go(shopUrls.favourites())}>
        <Text>{t('shop.me_favourites')}</Text>
        <Text className="row__chevron">›</Text>
      </View>
      <View id="me-history-link" className="row" onClick={() => go(shopUrls.history())}>
        <Text>{t('shop.me_history')}</Text>
        <Text className="row__chevron">›</Text>
      </View>
      <View id="me-points-link" className="row" onClick={() => go('/points/pages/centre/index')}>
        <Text>{t('shop.me_points')}</Text>
        <Text className="row__chevron">›</Text>
      </View>
      <View id="me-addresses-link" className="row" onClick={() => go('/checkout/pages/addresses/index')}>
        <Text>{t('shop.me_addresses')}</Text>
        <Text className="row__chevron">›</Text>
      </View>
      <View id="me-distribution-link" className="row" onClick={() => go('/share/pages/join/index')}>
        <Text>{t('shop.me_distribution')}</Text>
        <Text className="row__chevron">›</Text>
      </View>
    </View>
  );
}
