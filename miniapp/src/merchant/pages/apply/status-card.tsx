import { Button, Text, View } from '@tarojs/components';
import type { Application, CategoryRoot } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { categoryLabel } from '../../lib/categories';
import { shortDateTime } from '../../lib/schedule';

interface Props {
  application: Application;
  tree: readonly CategoryRoot[];
  busy: boolean;
  onReapply: () => void;
  onDashboard: (merchantId: string) => void;
}

/** Where an application stands: under review, rejected with the platform's reason, or approved. */
export function ApplicationStatusCard({ application: a, tree, busy, onReapply, onDashboard }: Props) {
  const { lang, t } = useI18n();
  return (
    <View id="apply-status" className={`card m-status m-status--${a.status}`}>
      <View className="m-status__head">
        <Text className="m-status__icon">{a.status === 'approved' ? '✓' : a.status === 'rejected' ? '!' : '…'}</Text>
        <Text id="apply-status-title" className="m-status__title">
          {t(`merchant.apply.status.${a.status}`)}
        </Text>
        <Text className="m-status__body">{t(`merchant.apply.status_body.${a.status}`)}</Text>
      </View>
      {a.status === 'rejected' ? (
        <View id="apply-reject-reason" className="m-reason">
          <Text className="m-reason__label">{t('merchant.apply.reject_reason')}</Text>
          <Text className="m-reason__text">{a.rejectReason ?? '—'}</Text>
        </View>
      ) : null}
      <View className="m-kv">
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.apply.store_name')}</Text>
          <Text id="apply-status-store" className="m-kv__v">
            {a.storeName}
          </Text>
        </View>
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.apply.business_type')}</Text>
          <Text className="m-kv__v">{t(`merchant.apply.type.${a.businessType}`)}</Text>
        </View>
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.apply.category')}</Text>
          <Text className="m-kv__v">{categoryLabel(tree, a.categoryId, lang) || '—'}</Text>
        </View>
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.apply.submitted_at')}</Text>
          <Text className="m-kv__v">
            {shortDateTime(a.submittedAt)}
            {a.version > 1 ? ` · ${t('merchant.apply.version', { n: a.version })}` : ''}
          </Text>
        </View>
      </View>
      {a.status === 'rejected' ? (
        <Button id="apply-edit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={onReapply}>
          {t('merchant.apply.edit_reapply')}
        </Button>
      ) : null}
      {a.status === 'approved' && a.merchantId ? (
        <Button id="apply-dashboard" className="btn btn--primary" onClick={() => onDashboard(a.merchantId!)}>
          {t('merchant.apply.go_dashboard')}
        </Button>
      ) : null}
    </View>
  );
}
