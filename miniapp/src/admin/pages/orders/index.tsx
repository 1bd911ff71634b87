import '../../messages';
import '../../../orders/messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { ORDER_STATUSES, type Order } from '@wxshop/shared';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { fetchMerchants } from '../../../services/admin-merchants';
import { searchAllOrders, type OrderSearch } from '../../../services/orders';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { usePaged } from '../../components/use-paged';
import '../admin.scss';
import { OrderRow } from './order-row';
import { EMPTY_FORM, searchQuery, type SearchForm } from './search';

/** Order search across stores: by order number, store, shopper, status and placing dates; a tap opens the order read only. */
export default function AdminOrdersPage() {
  const { t } = useI18n();
  usePageTitle('admin.orders_title');
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM);
  const [problem, setProblem] = useState<'admin.orders_need_one' | 'admin.orders_bad_id' | null>(null);
  const [searched, setSearched] = useState(false);
  const queryRef = useRef<OrderSearch>({});
  const list = usePaged((cursor) => searchAllOrders(queryRef.current, cursor));
  const [stores, loadStores] = useRemote(async () => (await fetchMerchants('open', undefined, 50)).items);

  useDidShow(() => {
    if (!getSession()) return;
    if (stores.status === 'idle') void loadStores();
    if (searched) void list.reload();
  });

  const patch = (p: Partial<SearchForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setProblem(null);
  };

  const search = () => {
    const q = searchQuery(form);
    if ('error' in q) return setProblem(q.error);
    queryRef.current = q.query;
    setSearched(true);
    void list.reload();
  };

  const storeList = stores.status === 'ok' ? stores.data : [];
  const storeNames = [t('admin.orders_any_store'), ...storeList.map((s) => s.name)];
  const storeIndex = Math.max(0, storeList.findIndex((s) => s.id === form.merchantId) + 1);
  const statusNames = [t('admin.orders_any_status'), ...ORDER_STATUSES.map((s) => t(`orders.status.${s}`))];
  const statusIndex = form.status ? ORDER_STATUSES.indexOf(form.status) + 1 : 0;

  let results;
  if (!searched) results = <EmptyState id="admin-orders-start" icon="cart" title={t('admin.orders_start_title')} body={t('admin.orders_start_body')} />;
  else if (list.first.status === 'error') results = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') results = <Loading id="admin-orders-loading" />;
  else if (list.items.length === 0)
    results = <EmptyState id="admin-orders-empty" icon="cart" title={t('admin.orders_empty')} body={t('admin.orders_empty_body')} />;
  else
    results = (
      <View>
        <Text id="admin-orders-count" className="admin__bar-note admin__bar-note--alone">
          {t('admin.orders_result_count', { count: list.cursor ? `${list.items.length}+` : list.items.length })}
        </Text>
        <View id="admin-orders-list" className="card">
          {list.items.map((o: Order) => (
            <OrderRow key={o.id} order={o} onClick={() => void Taro.navigateTo({ url: `/admin/pages/order/index?id=${o.id}` })} />
          ))}
        </View>
        <ListFooter id="admin-orders-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:order:read" pageId="page-admin-orders">
      <View id="admin-orders-form" className="card admin__form">
        <Text className="admin-orders__help">{t('admin.orders_help')}</Text>
        <View className="field admin-orders__field">
          <Text className="field__label">{t('admin.orders_order_id')}</Text>
          <Input
            {...fieldLabel(t('admin.orders_order_id'))}
            id="admin-orders-id"
            className="field__input"
            type="text"
            maxlength={26}
            value={form.orderId}
            onInput={(e) => patch({ orderId: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field__label">{t('admin.orders_store')}</Text>
          <Picker
            mode="selector"
            range={storeNames}
            value={storeIndex}
            onChange={(e) => patch({ merchantId: storeList[Number(e.detail.value) - 1]?.id ?? '' })}
          >
            <View id="admin-orders-store" className="field__input" role="button" aria-label={`${t('admin.orders_store')}: ${storeNames[storeIndex]}`}>
              {storeNames[storeIndex]}
            </View>
          </Picker>
        </View>
        <View className="field">
          <Text className="field__label">{t('admin.orders_user_id')}</Text>
          <Input
            {...fieldLabel(t('admin.orders_user_id'))}
            id="admin-orders-user"
            className="field__input"
            type="text"
            maxlength={26}
            value={form.userId}
            onInput={(e) => patch({ userId: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field__label">{t('admin.orders_status')}</Text>
          <Picker mode="selector" range={statusNames} value={statusIndex} onChange={(e) => patch({ status: ORDER_STATUSES[Number(e.detail.value) - 1] ?? '' })}>
            <View id="admin-orders-status" className="field__input" role="button" aria-label={`${t('admin.orders_status')}: ${statusNames[statusIndex]}`}>
              {statusNames[statusIndex]}
            </View>
          </Picker>
        </View>
        <View className="field__row admin-orders__dates">
          {(['from', 'to'] as const).map((k) => (
            <View key={k} className="field admin-orders__date">
              <Text className="field__label">{t(k === 'from' ? 'admin.orders_from' : 'admin.orders_to')}</Text>
              <Picker mode="date" value={form[k] || new Date().toISOString().slice(0, 10)} onChange={(e) => patch({ [k]: String(e.detail.value) })}>
                <View
                  id={`admin-orders-${k}`}
                  className="field__input"
                  role="button"
                  aria-label={`${t(k === 'from' ? 'admin.orders_from' : 'admin.orders_to')}: ${form[k] || t('admin.orders_any_date')}`}
                >
                  {form[k] || t('admin.orders_any_date')}
                </View>
              </Picker>
            </View>
          ))}
        </View>
        {problem ? (
          <Text id="admin-orders-problem" className="form-error">
            {t(problem)}
          </Text>
        ) : null}
        <View className="field__row admin-orders__buttons">
          <Button
            id="admin-orders-clear"
            className="btn btn--ghost"
            onClick={() => {
              setForm(EMPTY_FORM);
              setProblem(null);
            }}
          >
            {t('admin.orders_clear')}
          </Button>
          <Button id="admin-orders-search" className="btn btn--primary" onClick={search}>
            {t('admin.orders_search')}
          </Button>
        </View>
      </View>
      {results}
    </AdminGuard>
  );
}
