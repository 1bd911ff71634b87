import { Text, View } from '@tarojs/components';
import type { AfterSaleHistoryEntry } from '@wxshop/shared/after-sales';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

/** Every step of the case: who, when, why; newest first. */
export function CaseHistory({ history }: { history: AfterSaleHistoryEntry[] }) {
  const { t } = useI18n();
  return (
    <View id="arbitration-history" className="card">
      <View className="card__header">{t('admin.arbitration_history')}</View>
      {[...history].reverse().map((h, i) => {
        const actor = t(`admin.arbitration_actor.${h.actor.kind}`);
        const title =
          h.event === 'AfterSaleEvidenceAdded'
            ? t('admin.arbitration_evidence_step', { actor })
            : t('admin.arbitration_step', { actor, status: t(`admin.arbitration_status.${h.to}`) });
        return (
          <View key={`${h.at}-${i}`} className="admin__history">
            <Text className="admin__history-title">{title}</Text>
            <Text className="admin__item-sub">{shortDateTime(h.at)}</Text>
            {h.reason && h.event !== 'AfterSaleEvidenceAdded' ? <Text className="admin__item-reason">{h.reason}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
