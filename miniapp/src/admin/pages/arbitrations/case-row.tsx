import { Text, View } from '@tarojs/components';
import { formatMoney } from '@wxshop/shared';
import type { AfterSale } from '@wxshop/shared/after-sales';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

/** One escalated case of the queue: store, kind and amount, why, since when. */
export function CaseRow({ item: c, onClick }: { item: AfterSale; onClick: () => void }) {
  const { t, lang } = useI18n();
  return (
    <View id={`arbitration-item-${c.id}`} className="row admin__item" onClick={onClick}>
      <View className="admin__item-main">
        <Text className="admin__item-title">{c.storeName}</Text>
        <Text className="admin__item-sub">
          {t(`admin.arbitration_kind.${c.kind}`)} · {formatMoney(c.total, lang)} · {t(`admin.arbitration_reason.${c.reason}`)}
        </Text>
        <Text className="admin__item-sub">{t('admin.arbitrations_escalated_at', { time: shortDateTime(c.escalation?.at ?? c.updatedAt) })}</Text>
        {c.escalation?.text ? <Text className="admin__item-reason">{c.escalation.text}</Text> : null}
      </View>
      <Text className="row__chevron">›</Text>
    </View>
  );
}
