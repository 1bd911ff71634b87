import { Text, View } from '@tarojs/components';
import type { ApplicationVersion } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

/** Earlier submissions and their decisions (shown once the application was resubmitted). */
export function Versions({ versions }: { versions: ApplicationVersion[] }) {
  const { t } = useI18n();
  const earlier = versions.filter((v) => v.decision !== null);
  if (earlier.length === 0) return null;
  return (
    <View id="application-versions" className="card">
      <View className="card__header">{t('admin.history')}</View>
      {[...earlier].reverse().map((v) => (
        <View key={v.version} id={`application-version-${v.version}`} className="admin__history">
          <Text className="admin__history-title">
            {t('admin.application_version', { version: v.version })} · {v.storeName} · {t(`admin.application_status.${v.decision ?? 'submitted'}`)}
          </Text>
          <Text className="admin__item-sub">{shortDateTime(v.reviewedAt ?? v.submittedAt)}</Text>
          {v.reason ? <Text className="admin__item-reason">{v.reason}</Text> : null}
        </View>
      ))}
    </View>
  );
}
