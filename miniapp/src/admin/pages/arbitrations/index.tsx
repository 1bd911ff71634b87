import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchArbitrationQueue } from '../../../services/arbitration';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { usePaged } from '../../components/use-paged';
import '../admin.scss';
import '../arbitration/arbitration.scss';
import { CaseRow } from './case-row';

/** The arbitration queue (ADR 0059): escalated after-sale cases, the longest waiting first; a tap opens the case. */
export default function AdminArbitrationsPage() {
  const { t } = useI18n();
  usePageTitle('admin.arbitrations_title');
  const list = usePaged((cursor) => fetchArbitrationQueue(cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading id="arbitrations-loading" />;
  else if (list.items.length === 0)
    body = <EmptyState id="arbitrations-empty" icon="cart" title={t('admin.arbitrations_empty')} body={t('admin.arbitrations_empty_body')} />;
  else
    body = (
      <View>
        <View id="arbitrations-list" className="card">
          {list.items.map((c) => (
            <CaseRow key={c.id} item={c} onClick={() => void Taro.navigateTo({ url: `/admin/pages/arbitration/index?id=${c.id}` })} />
          ))}
        </View>
        <ListFooter id="arbitrations-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:after_sale:arbitrate" pageId="page-admin-arbitrations">
      <View className="admin__bar">
        <View className="admin__bar-note admin__bar-note--alone">{t('admin.arbitrations_oldest_first')}</View>
      </View>
      {body}
    </AdminGuard>
  );
}
