import { Text, View } from '@tarojs/components';
import type { Application } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

export function ApplicationRow({ application: a, onClick }: { application: Application; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <View id={`application-item-${a.id}`} className="row admin__item" onClick={onClick}>
      <View className="admin__item-main">
        <Text className="admin__item-title">{a.storeName}</Text>
        <Text className="admin__item-sub">
          {t(`admin.business_type.${a.businessType}`)} · {a.contactName}
        </Text>
        <Text className="admin__item-sub">
          {t('admin.submitted_at', { time: shortDateTime(a.submittedAt) })}
          {a.version > 1 ? ` · ${t('admin.application_version', { version: a.version })}` : ''}
        </Text>
        {a.status === 'rejected' && a.rejectReason ? <Text className="admin__item-reason">{a.rejectReason}</Text> : null}
      </View>
      <Text className="row__chevron">›</Text>
    </View>
  );
}
