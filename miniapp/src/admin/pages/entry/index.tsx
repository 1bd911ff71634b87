import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { platformCan } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProfile } from '../../../services/me';
import { getSession, useSession } from '../../../services/session';
import { adminAccess } from '../access';
import '../admin.scss';

/** Platform admin entry: only accounts with a platform role (profile.roles.platform) get in. */
export default function AdminEntryPage() {
  const { t } = useI18n();
  usePageTitle('admin.entry_title');
  const session = useSession();
  const [fresh, load] = useRemote(fetchProfile);

  useDidShow(() => {
    if (getSession()) void load();
  });

  if (!session) return <SignInRequired id="admin-signin" />;

  const access = adminAccess(session.profile, fresh);
  const roles = session.profile.roles;
  let body;
  if (access === 'denied') body = <EmptyState id="admin-no-access" icon="lock" title={t('admin.no_access_title')} body={t('admin.no_access_body')} />;
  else if (access === 'error' && fresh.status === 'error') body = <ErrorState error={fresh.error} onRetry={() => void load()} />;
  else if (access !== 'granted' || !roles.platform) body = <Loading />;
  else
    body = (
      <View>
        <View className="admin__hero">
          <Text className="admin__hero-title">{t('admin.entry_title')}</Text>
          <Text id="admin-role" className="admin__hero-role">
            {t('admin.your_role', { role: t(`role.platform.${roles.platform}`) })}
          </Text>
        </View>
        <View className="card">
          {platformCan(roles, 'platform:staff:read') ? (
            <View id="admin-staff-link" className="row" onClick={() => void Taro.navigateTo({ url: '/admin/pages/staff/index' })}>
              <Text>{t('admin.staff_title')}</Text>
              <Text className="row__chevron">›</Text>
            </View>
          ) : null}
          {platformCan(roles, 'platform:staff:write') ? (
            <View id="admin-staff-new-link" className="row" onClick={() => void Taro.navigateTo({ url: '/admin/pages/staff-new/index' })}>
              <Text>{t('admin.staff_add')}</Text>
              <Text className="row__chevron">›</Text>
            </View>
          ) : null}
        </View>
      </View>
    );

  return (
    <View id="page-admin-entry" className="page">
      {body}
    </View>
  );
}
