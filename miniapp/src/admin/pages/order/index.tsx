import '../../messages';
import '../../../orders/messages';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchOrderForAdmin } from '../../../services/orders';
import { getSession } from '../../../services/session';
import { OrderView } from '../../../orders/components/order-view';
import '../../../orders/pages/orders.scss';
import { AdminGuard, LoadError } from '../../components/guard';
import '../admin.scss';

/** One order for the platform, read only (the shopper's view plus the shopper's account). */
export default function AdminOrderPage() {
  const { t } = useI18n();
  usePageTitle('admin.order_title');
  const id = useRouter().params.id ?? '';
  const [order, load] = useRemote(() => fetchOrderForAdmin(id));

  useDidShow(() => {
    if (getSession() && id) void load();
  });

  let body;
  if (order.status === 'error') body = <LoadError error={order.error} onRetry={() => void load()} />;
  else if (order.status !== 'ok') body = <Loading id="admin-order-loading" />;
  else if (!order.data) body = <EmptyState id="admin-order-missing" icon="cart" title={t('admin.order_not_found')} />;
  else
    body = (
      <OrderView
        order={order.data}
        extra={
          <View className="o-kv">
            <Text className="o-muted">{t('admin.order_shopper')}</Text>
            <Text id="admin-order-shopper" className="o-mono">
              {order.data.userId}
            </Text>
          </View>
        }
      />
    );

  return (
    <AdminGuard permission="platform:order:read" pageId="page-admin-order">
      {body}
    </AdminGuard>
  );
}
