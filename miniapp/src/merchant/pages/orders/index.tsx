import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { formatMoney, type Order, type OrderStatus } from '@wxshop/shared';
import { EmptyState, ListFooter } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fieldLabel, scrollRegion } from '../../../platform/ui';
import { fetchMerchantOrders } from '../../../services/merchant-orders';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { isOrderStatus, itemCount, ORDER_TABS, shortId } from '../../lib/order-view';
import { shortDateTime } from '../../lib/schedule';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import { usePaged } from '../../lib/use-paged';
import '../merchant.scss';
import '../fulfilment.scss';

/** The store's orders by status tab (to ship first), newest first, a page at a time; search by order id, recipient or phone. */
export default function MerchantOrdersPage() {
  const { lang, t } = useI18n();
  usePageTitle('merchant.orders.title');
  const { merchantId } = useMerchant();
  const initial = useRouter().params.status;
  const [tab, setTab] = useState<OrderStatus>(isOrderStatus(initial) ? initial : 'paid');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = usePaged<Order>((cursor) => fetchMerchantOrders(merchantId, tab, q, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  // A new tab or search loads its first page (after the render that gave the loader the new values).
  const shown = useRef(`${tab}|${q}`);
  const { reload } = list;
  useEffect(() => {
    if (shown.current === `${tab}|${q}`) return;
    shown.current = `${tab}|${q}`;
    void reload();
  }, [tab, q, reload]);

  const search = () => setQ(typed.trim());
  const clear = () => {
    setTyped('');
    setQ('');
  };
  const open = (o: Order) => void Taro.navigateTo({ url: merchantUrl('order', merchantId, { orderId: o.id }) });
  const state = list.state;

  return (
    <MerchantScreen id="page-merchant-orders" state={state.status === 'error' ? state : { status: 'ok' }} onRetry={() => void list.reload()}>
      {() => (
        <View>
          <View className="f-search">
            <Input
              {...fieldLabel(t('merchant.orders.search_label'))}
              id="orders-search"
              className="field__input f-search__input"
              maxlength={40}
              confirmType="search"
              placeholder={t('merchant.orders.search_hint')}
              value={typed}
              onInput={(e) => setTyped(e.detail.value)}
              onConfirm={search}
            />
            <Button id="orders-search-submit" className="btn btn--primary btn--small f-search__btn" onClick={search}>
              {t('merchant.orders.search')}
            </Button>
          </View>
          {q ? (
            <View id="orders-search-active" className="f-filter">
              <Text>{t('merchant.orders.search_for', { q })}</Text>
              <Text id="orders-search-clear" className="m-link" onClick={clear}>
                {t('merchant.common.clear')}
              </Text>
            </View>
          ) : null}
          <View className="m-tabs" {...scrollRegion(t('merchant.orders.title'))}>
            {ORDER_TABS.map((s) => (
              <View key={s} id={`orders-tab-${s}`} className={`m-tabs__item ${s === tab ? 'm-tabs__item--active' : ''}`} onClick={() => setTab(s)}>
                {t(`merchant.orders.tab.${s}`)}
              </View>
            ))}
          </View>
          {state.status !== 'ok' ? (
            <View id="orders-loading" className="m-empty-line">
              {t('common.loading')}
            </View>
          ) : state.items.length === 0 ? (
            <EmptyState
              id="orders-empty"
              icon="cart"
              title={q ? t('merchant.orders.empty_search') : t('merchant.orders.empty')}
              body={q ? t('merchant.orders.empty_search_body') : t(`merchant.orders.empty_body.${tab}`)}
            />
          ) : (
            <View id="orders-list">
              {state.items.map((o) => (
                <View key={o.id} id={`order-${o.id}`} className="card f-order" onClick={() => open(o)}>
                  <View className="f-order__head">
                    <Text className="f-order__no">
                      {t('merchant.orders.no')} …{shortId(o.id)}
                    </Text>
                    <Text className={`f-status f-status--${o.status}`}>{t(`merchant.orders.status.${o.status}`)}</Text>
                  </View>
                  <Text className="f-order__title">{o.lines.map((l) => `${l.title} ×${l.quantity}`).join(lang.startsWith('zh') ? '，' : ', ')}</Text>
                  <View className="f-order__foot">
                    <Text className="m-muted">
                      {o.address.recipient} · {shortDateTime(o.createdAt)}
                    </Text>
                    <Text id={`order-total-${o.id}`} className="f-order__total">
                      {t('merchant.orders.items', { n: itemCount(o) })} {formatMoney(o.total, lang)}
                    </Text>
                  </View>
                </View>
              ))}
              <ListFooter id="orders-more" hasMore={Boolean(state.nextCursor)} loading={state.loadingMore} onMore={() => void list.more()} />
            </View>
          )}
        </View>
      )}
    </MerchantScreen>
  );
}
