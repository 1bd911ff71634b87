import '../../messages';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { Order } from '@wxshop/shared';
import { EmptyState, ErrorState, ListFooter, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { getSession, useSession } from '../../../services/session';
import { OrderCard } from '../../components/order-card';
import { tabOfStatus } from '../../lib/format';
import { useOrderActions } from '../../lib/use-order-actions';
import { isListTab, useOrderList, type ListTab } from '../../lib/use-order-list';
import { orderUrls } from '../../lib/urls';
import '../orders.scss';
import { OrderTabs } from './order-tabs';

/** The shopper's orders by tab (all, to pay, to ship, to receive, done), newest first, paged; pull to refresh. */
export default function OrdersPage() {
  const { t } = useI18n();
  usePageTitle('orders.title');
  const session = useSession();
  const initial = useRouter().params.tab;
  const [tab, setTab] = useState<ListTab>(isListTab(initial) ? initial : 'all');
  const tabRef = useRef(tab);
  const list = useOrderList();
  const actions = useOrderActions((order: Order) => list.replace(order, tabRef.current === 'all' || tabOfStatus(order.status) === tabRef.current));

  useDidShow(() => {
    if (getSession()) void list.reload(tabRef.current, { keepRows: true });
  });
  usePullDownRefresh(() => {
    if (!getSession()) return void Taro.stopPullDownRefresh();
    void list.reload(tabRef.current, { keepRows: true }).finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.more());

  const changeTab = (next: ListTab) => {
    tabRef.current = next;
    setTab(next);
    void list.reload(next);
  };

  const s = list.state;
  let body;
  if (!session) body = <SignInRequired id="orders-signin" />;
  else if (s.status === 'error') body = <ErrorState id="orders-error" error={s.error} onRetry={() => void list.reload(tab)} />;
  else if (s.status === 'loading') body = <Loading id="orders-loading" />;
  else if (s.items.length === 0)
    body = (
      <EmptyState id="orders-empty" icon="cart" title={t('orders.empty_title')} body={t(`orders.empty_body.${tab}`)}>
        <Button id="orders-browse" className="btn btn--primary state__action" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('orders.browse')}
        </Button>
      </EmptyState>
    );
  else
    body = (
      <View id="orders-list">
        {s.items.map((o) => (
          <OrderCard
            key={o.id}
            order={o}
            paying={actions.paying === o.id}
            onOpen={() => void Taro.navigateTo({ url: orderUrls.detail(o.id) })}
            onPay={() => void actions.pay(o)}
            onCancel={() => actions.askCancel(o)}
            onConfirm={() => void actions.askConfirm(o)}
          />
        ))}
        <ListFooter id="orders-more" endId="orders-end" hasMore={s.hasMore} loading={s.loadingMore} onMore={() => void list.more()} />
      </View>
    );

  return (
    <View id="page-orders" className="page o-page">
      {session ? <OrderTabs value={tab} onChange={changeTab} /> : null}
      {body}
      {actions.sheets}
    </View>
  );
}
