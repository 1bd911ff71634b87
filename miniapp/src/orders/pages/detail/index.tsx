import '../../messages';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { Order } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { go, shopUrls } from '../../../services/browse';
import { fetchMyOrder } from '../../../services/orders';
import { getSession, useSession } from '../../../services/session';
import { OrderView } from '../../components/order-view';
import { ReviewLines } from '../../components/review-lines';
import { AfterSaleCard } from '../../components/after-sale-card';
import { fetchMyAfterSales } from '../../../services/after-sales';
import { actionsOf } from '../../lib/format';
import { useOrderActions } from '../../lib/use-order-actions';
import '../orders.scss';

/** One order of the shopper: status and what comes next, address, store, lines, amounts, parcels and tracking, history, actions. */
export default function OrderDetailPage() {
  const { t } = useI18n();
  usePageTitle('orders.detail_title');
  const session = useSession();
  const orderId = useRouter().params.orderId ?? '';
  const [remote, load] = useRemote(() => fetchMyOrder(orderId));
  // This order's after-sale cases (a count for the link; one page is plenty for one order).
  const [cases, loadCases] = useRemote(() => fetchMyAfterSales(undefined, orderId));
  // The order as an action answered it, until the next load.
  const [changed, setChanged] = useState<Order | null>(null);
  const actions = useOrderActions(setChanged);
  const reload = async () => {
    void loadCases();
    await load();
    setChanged(null);
  };

  useDidShow(() => {
    if (getSession() && orderId) void reload();
  });
  usePullDownRefresh(() => void (getSession() && orderId ? reload() : Promise.resolve()).finally(() => void Taro.stopPullDownRefresh()));

  const order = changed ?? (remote.status === 'ok' || remote.status === 'loading' || remote.status === 'error' ? remote.data : undefined);
  let body;
  if (!session) body = <SignInRequired id="order-signin" />;
  else if (!orderId) body = <EmptyState id="order-missing" icon="cart" title={t('common.error_title')} body={t('orders.missing_id')} />;
  else if (remote.status === 'error' && !order) body = <ErrorState id="order-error" error={remote.error} onRetry={() => void reload()} />;
  else if (!order) body = <Loading id="order-loading" />;
  else {
    const can = actionsOf(order.status);
    body = (
      <View>
        <OrderView order={order} onStore={() => go(shopUrls.store(order.merchantId))} />
        {order.status === 'completed' ? <ReviewLines order={order} /> : null}
        <AfterSaleCard order={order} cases={cases.status === 'ok' ? cases.data.items.length : 0} />
        {can.pay || can.cancel || can.confirm ? (
          <View id="order-actions" className="o-bar">
            {can.cancel ? (
              <Button id="order-cancel" className="btn btn--ghost btn--small o-btn-quiet" onClick={() => actions.askCancel(order)}>
                {t('orders.cancel')}
              </Button>
            ) : null}
            {can.pay && Date.parse(order.payBy) > Date.now() ? (
              <Button
                id="order-pay"
                className="btn btn--primary btn--small"
                loading={actions.paying === order.id || undefined}
                disabled={actions.paying === order.id || undefined}
                onClick={() => void actions.pay(order)}
              >
                {t('orders.pay')}
              </Button>
            ) : null}
            {can.confirm ? (
              <Button id="order-confirm" className="btn btn--primary btn--small" onClick={() => void actions.askConfirm(order)}>
                {t('orders.confirm')}
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>
    );
  }

  const can = order ? actionsOf(order.status) : null;
  const hasBar = !!session && !!can && (can.pay || can.cancel || can.confirm);
  return (
    <View id="page-order-detail" className={`page o-page ${hasBar ? 'o-page--bar' : ''}`}>
      {body}
      {actions.sheets}
    </View>
  );
}
