import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';

const SHORTCUTS = [
  { tab: 'to_pay', label: 'me.orders_to_pay' },
  { tab: 'to_ship', label: 'me.orders_to_ship' },
  { tab: 'to_receive', label: 'me.orders_to_receive' },
  { tab: 'done', label: 'me.orders_done' },
] as const;

const listUrl = (tab?: string): string => (tab ? `/orders/pages/list/index?tab=${tab}` : '/orders/pages/list/index');

/** "My orders" with the four tab shortcuts and the after-sale cases (the list asks to sign in when signed out). */
export function OrderLinks() {
  const { t } = useI18n();
  return (
    <View id="me-orders" className="card">
      <View id="me-orders-link" className="row" onClick={() => void Taro.navigateTo({ url: listUrl() })}>
        <Text>{t('me.orders')}</Text>
        <Text className="row__value">
          {t('me.orders_all')}
          <Text className="row__chevron">›</Text>
        </Text>
      </View>
      <View className="me__order-tabs">
        {SHORTCUTS.map((s) => (
          <View key={s.tab} id={`me-orders-${s.tab}`} className="me__order-tab" onClick={() => void Taro.navigateTo({ url: listUrl(s.tab) })}>
            {t(s.label)}
          </View>
        ))}
        <View id="me-after-sales" className="me__order-tab" onClick={() => void Taro.navigateTo({ url: '/orders/pages/after-sales/index' })}>
          {t('me.orders_after_sale')}
        </View>
      </View>
    </View>
  );
}
