import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchDashboard } from '../../../services/merchant';
import { errorCode } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import '../merchant.scss';

/** A shop's home figures (GET /merchants/{merchantId}/dashboard); staff of other shops see "no access". */
export default function MerchantDashboardPage() {
  const { t } = useI18n();
  usePageTitle('merchant.dashboard_title');
  const merchantId = useRouter().params.merchantId ?? '';
  const session = useSession();
  const [dashboard, load] = useRemote(() => fetchDashboard(merchantId));

  useDidShow(() => {
    if (getSession()) void load();
  });

  if (!session) return <SignInRequired id="merchant-signin" />;

  let body;
  if (dashboard.status === 'error') {
    const code = errorCode(dashboard.error);
    body =
      code === 'forbidden' || code === 'not_found' || code === 'validation_failed' ? (
        <EmptyState id="merchant-dashboard-no-access" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.dashboard_no_access')} />
      ) : (
        <ErrorState error={dashboard.error} onRetry={() => void load()} />
      );
  } else if (dashboard.status !== 'ok') body = <Loading />;
  else {
    const { merchant, staffCount } = dashboard.data;
    body = (
      <View>
        <View className="merchant__hero">
          <Text id="merchant-name" className="merchant__hero-name">
            {merchant.name}
          </Text>
          <Text id="merchant-status" className={`merchant__status merchant__status--${merchant.status}`}>
            {t(`merchant.status.${merchant.status}`)}
          </Text>
        </View>
        <View className="merchant__stats">
          <View className="merchant__stat">
            <Text id="merchant-staff-count" className="merchant__stat-value">
              {staffCount}
            </Text>
            <Text className="merchant__stat-label">{t('merchant.staff_count')}</Text>
          </View>
          <View className="merchant__stat">
            <Text id="merchant-role" className="merchant__stat-value merchant__stat-value--text">
              {t(`role.merchant.${merchant.role}`)}
            </Text>
            <Text className="merchant__stat-label">{t('merchant.role')}</Text>
          </View>
        </View>
      </View>
    );
  }

  return (
    <View id="page-merchant-dashboard" className="page">
      {body}
    </View>
  );
}
