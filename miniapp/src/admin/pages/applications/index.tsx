import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@wxshop/shared';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchApplications } from '../../../services/admin-merchants';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { Tabs } from '../../components/tabs';
import { usePaged } from '../../components/use-paged';
import '../admin.scss';
import { ApplicationRow } from './application-row';

/** Store applications by status; "submitted" is the review queue, oldest submission first. */
export default function AdminApplicationsPage() {
  const { t } = useI18n();
  usePageTitle('admin.applications_title');
  const [status, setStatus] = useState<ApplicationStatus>('submitted');
  // The loader reads the tab from a ref: a tab change reloads at once, before the re-render.
  const statusRef = useRef(status);
  const list = usePaged((cursor) => fetchApplications(statusRef.current, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  const changeStatus = (next: ApplicationStatus) => {
    statusRef.current = next;
    setStatus(next);
    void list.reload();
  };

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading />;
  else if (list.items.length === 0)
    body = (
      <EmptyState
        id="applications-empty"
        icon="me"
        title={t(status === 'submitted' ? 'admin.applications_empty_queue' : 'admin.applications_empty')}
        body={status === 'submitted' ? t('admin.applications_empty_queue_body') : undefined}
      />
    );
  else
    body = (
      <View>
        <View id="applications-list" className="card">
          {list.items.map((a) => (
            <ApplicationRow key={a.id} application={a} onClick={() => void Taro.navigateTo({ url: `/admin/pages/application/index?id=${a.id}` })} />
          ))}
        </View>
        <ListFooter id="applications-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:merchant:review" pageId="page-admin-applications">
      <View className="admin__bar">
        <Tabs
          idPrefix="applications-tab"
          options={APPLICATION_STATUSES}
          value={status}
          label={(s) => t(`admin.application_status.${s}`)}
          onChange={changeStatus}
        />
        {status === 'submitted' ? <View className="admin__bar-note">{t('admin.applications_oldest_first')}</View> : null}
      </View>
      {body}
    </AdminGuard>
  );
}
