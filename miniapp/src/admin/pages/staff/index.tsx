import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { platformCan } from '@wxshop/shared';
import { EmptyState, ErrorState, ListFooter, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchStaff, type PlatformStaff } from '../../../services/admin';
import { errorCode, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import '../admin.scss';
import { StaffRow } from './staff-row';

/** Platform staff (GET /admin/staff), a page at a time. */
export default function AdminStaffPage() {
  const { t } = useI18n();
  usePageTitle('admin.staff_title');
  const session = useSession();
  const [first, load] = useRemote(() => fetchStaff());
  const [more, setMore] = useState<{ items: PlatformStaff[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useDidShow(() => {
    if (!getSession()) return;
    setMore(null);
    void load();
  });

  if (!session) return <SignInRequired id="admin-signin" />;

  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    try {
      const page = await fetchStaff(cursor);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (e) {
      toastError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  let body;
  if (first.status === 'error') {
    const code = errorCode(first.error);
    body =
      code === 'forbidden' ? (
        <EmptyState id="admin-no-access" icon="lock" title={t('admin.no_access_title')} body={t('admin.no_access_body')} />
      ) : (
        <ErrorState error={first.error} onRetry={() => void load()} />
      );
  } else if (first.status !== 'ok') body = <Loading />;
  else {
    const items = [...first.data.items, ...(more?.items ?? [])];
    const cursor = more ? more.nextCursor : first.data.nextCursor;
    body =
      items.length === 0 ? (
        <EmptyState id="admin-staff-empty" icon="me" title={t('admin.staff_empty')} />
      ) : (
        <View>
          <View id="admin-staff-list" className="card">
            {items.map((s) => (
              <StaffRow key={s.userId} staff={s} />
            ))}
          </View>
          <ListFooter
            id="admin-staff-more"
            hasMore={Boolean(cursor)}
            loading={loadingMore}
            onMore={() => {
              if (cursor) void loadMore(cursor);
            }}
          />
        </View>
      );
  }

  const canWrite = platformCan(session.profile.roles, 'platform:staff:write');
  return (
    <View id="page-admin-staff" className="page">
      {canWrite && first.status === 'ok' ? (
        <View className="admin__toolbar">
          <Button id="admin-staff-add" className="btn btn--primary btn--small" onClick={() => void Taro.navigateTo({ url: '/admin/pages/staff-new/index' })}>
            {t('admin.staff_add')}
          </Button>
        </View>
      ) : null}
      {body}
    </View>
  );
}
