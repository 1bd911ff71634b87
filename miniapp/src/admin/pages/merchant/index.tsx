import '../../messages';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchMerchant, type MerchantAdminView } from '../../../services/admin-merchants';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError, useCan } from '../../components/guard';
import { DetailRow } from '../../components/detail-row';
import { shortDateTime } from '../../lib/format';
import '../admin.scss';
import { StatusForm } from './status-form';

/** One store as the platform sees it, and (for reviewers) its status actions with a required reason. */
export default function AdminMerchantPage() {
  const { t } = useI18n();
  usePageTitle('admin.merchant_title');
  const id = useRouter().params.id ?? '';
  const [merchant, load] = useRemote(() => fetchMerchant(id));
  const canChange = useCan('platform:merchant:review');

  useDidShow(() => {
    if (getSession()) void load();
  });

  let body;
  if (merchant.status === 'error') body = <LoadError error={merchant.error} onRetry={() => void load()} />;
  else if (merchant.status !== 'ok' && !('data' in merchant && merchant.data)) body = <Loading />;
  else {
    const m = merchant.data as MerchantAdminView;
    body = (
      <View>
        <View className="card">
          <View className="admin__detail-head">
            {m.logoUrl ? <Picture alt="" className="admin__logo" src={m.logoUrl} mode="aspectFill" /> : null}
            <Text id="admin-merchant-name" className="admin__detail-title">
              {m.name}
            </Text>
            <Text id="admin-merchant-status" className={`admin__status admin__status--${m.status}`}>
              {t(`merchant.status.${m.status}`)}
            </Text>
          </View>
          {m.statusReason ? (
            <View id="admin-merchant-reason" className={`admin__note admin__note--${m.status}`}>
              {t('admin.status_reason_shown', { reason: m.statusReason, time: shortDateTime(m.statusChangedAt) })}
            </View>
          ) : null}
          <DetailRow label={t('admin.merchant_id')}>{m.id}</DetailRow>
          <DetailRow label={t('admin.owner_id')}>{m.ownerId}</DetailRow>
          <DetailRow label={t('admin.currency')}>{m.currency}</DetailRow>
          <DetailRow label={t('admin.opened')}>{shortDateTime(m.createdAt)}</DetailRow>
        </View>
        {m.status === 'closed' ? (
          <View id="admin-merchant-closed-final" className="admin__end">
            {t('admin.closed_is_final')}
          </View>
        ) : canChange ? (
          <StatusForm merchant={m} onChanged={() => void load()} />
        ) : (
          <View id="admin-merchant-read-only" className="admin__end">
            {t('admin.status_read_only')}
          </View>
        )}
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:merchant:read" pageId="page-admin-merchant">
      {body}
    </AdminGuard>
  );
}
