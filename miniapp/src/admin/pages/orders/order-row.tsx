import { Text, View } from '@tarojs/components';
import { formatMoney, type Order } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

/** A found order: number, store, status, total, when placed. */
export function OrderRow({ order, onClick }: { order: Order; onClick: () => void }) {
  const { lang, t } = useI18n();
  return (
    <View id={`admin-order-${order.id}`} className="row admin-order-row" onClick={onClick}>
      <View className="admin-order-row__main">
        <Text className="admin-order-row__id">{order.id}</Text>
        <Text className="admin-order-row__meta">
          {order.storeName} · {shortDateTime(order.createdAt)}
        </Text>
      </View>
      <View className="admin-order-row__side">
        <Text id={`admin-order-status-${order.id}`}>{t(`orders.status.${order.status}`)}</Text>
        <Text className="admin-order-row__meta">{formatMoney(order.total, lang)}</Text>
      </View>
      <Text className="row__chevron">›</Text>
    </View>
  );
}
