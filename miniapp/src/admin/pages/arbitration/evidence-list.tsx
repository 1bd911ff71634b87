import { Text, View } from '@tarojs/components';
import type { ArbitrationEvidence } from '@wxshop/shared/after-sales';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';
import { Photos } from './case-summary';

/** Both sides' evidence, oldest first. */
export function EvidenceList({ evidence }: { evidence: ArbitrationEvidence[] }) {
  const { t } = useI18n();
  return (
    <View id="arbitration-evidence" className="card">
      <View className="card__header">{t('admin.arbitration_evidence', { count: evidence.length })}</View>
      {evidence.length === 0 ? (
        <Text id="arbitration-no-evidence" className="admin__muted">
          {t('admin.arbitration_no_evidence')}
        </Text>
      ) : (
        evidence.map((e) => (
          <View key={e.id} id={`arbitration-evidence-${e.id}`} className="admin__history">
            <Text className="admin__history-title">
              {t(`admin.arbitration_actor.${e.side}`)} · {shortDateTime(e.createdAt)}
            </Text>
            <Text className="admin__item-sub">{e.text}</Text>
            <Photos idPrefix={`arbitration-evidence-${e.id}-photo`} urls={e.photoUrls} />
          </View>
        ))
      )}
    </View>
  );
}
