import '../../components/after-sales/messages';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Order } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { afterSaleUrls } from '../lib/urls';

const REQUESTABLE: readonly Order['status'][] = ['paid', 'partly_shipped', 'shipped', 'delivered', 'completed'];
/** The API's default after-sale window after receipt (AFTER_SALE_WINDOW_S); the API decides, this only hides the button. */
const WINDOW_MS = 7 * 86400 * 1000;

/** Whether the shopper may ask for an after-sale on this order now (paid, and within the window after receipt). */
export function canRequestAfterSale(o: Pick<Order, 'status' | 'completedAt'>, now = Date.now()): boolean {
  if (!REQUESTABLE.includes(o.status)) return false;
  return o.status !== 'completed' || !o.completedAt || Date.parse(o.completedAt) + WINDOW_MS > now;
}

/** The order page's after-sale block: ask for one (per line or for the order) and this order's cases. */
export function AfterSaleCard({ order, cases }: { order: Order; cases: number }) {
  const { t } = useI18n();
  const can = canRequestAfterSale(order);
  if (!can && cases === 0) return null;
  return (
    <View id="order-after-sale-card" className="card o-section">
      <View className="o-section__head">
        <Text className="o-section__title">{t('after_sale.title')}</Text>
        {cases > 0 ? (
          <Text id="order-after-sales-link" className="o-link" onClick={() => void Taro.navigateTo({ url: afterSaleUrls.list(order.id) })}>
            {t('after_sale.order_cases', { n: cases })} ›
          </Text>
        ) : null}
      </View>
      {can
        ? order.lines.map((l) => (
            <View key={l.skuId} className="o-kv">
              <Text className="o-muted">{l.title}</Text>
              <Text
                id={`order-after-sale-line-${l.skuId}`}
                className="o-link"
                onClick={() => void Taro.navigateTo({ url: afterSaleUrls.request(order.id, l.skuId) })}
              >
                {t('after_sale.apply')}
              </Text>
            </View>
          ))
        : null}
      {can ? (
        <Button id="order-after-sale" className="btn btn--ghost btn--small" onClick={() => void Taro.navigateTo({ url: afterSaleUrls.request(order.id) })}>
          {t('after_sale.apply')}
        </Button>
      ) : null}
    </View>
  );
}
