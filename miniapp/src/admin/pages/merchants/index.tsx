import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { MERCHANT_STATUSES, type MerchantStatus } from '@wxshop/shared';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchMerchants } from '../../../services/admin-merchants';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { Tabs } from '../../components/tabs';
import { usePaged } from '../../components/use-paged';
import '../admin.scss';
import { MerchantRow } from './merchant-row';

/** Every store by platform status (open, warned, suspended, closed), oldest first; a tap opens its status actions. */
export default function AdminMerchantsPage() {
  const { t } = useI18n();
  usePageTitle('admin.merchants_title');
  const [status, setStatus] = useState<MerchantStatus>('open');
  const statusRef = useRef(status);
  const list = usePaged((cursor) => fetchMerchants(statusRef.current, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  const changeStatus = (next: MerchantStatus) => {
    statusRef.current = next;
    setStatus(next);
    void list.reload();
  };

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading />;
  else if (list.items.length === 0)
    body = <EmptyState id="merchants-empty" icon="home" title={t('admin.merchants_empty', { status: t(`merchant.status.${status}`) })} />;
  else
    body = (
      <View>
        <View id="merchants-list" className="card">
          {list.items.map((m) => (
            <MerchantRow key={m.id} merchant={m} onClick={() => void Taro.navigateTo({ url: `/admin/pages/merchant/index?id=${m.id}` })} />
          ))}
        </View>
        <ListFooter id="merchants-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:merchant:read" pageId="page-admin-merchants">
      <View className="admin__bar">
        <Tabs idPrefix="merchants-tab" options={MERCHANT_STATUSES} value={status} label={(s) => t(`merchant.status.${s}`)} onChange={changeStatus} />
      </View>
      {body}
    </AdminGuard>
  );
}
