import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import type { MerchantAdminView } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

export function MerchantRow({ merchant: m, onClick }: { merchant: MerchantAdminView; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <View id={`admin-merchant-item-${m.id}`} className="row admin__item" onClick={onClick}>
      {m.logoUrl ? (
        <Picture alt="" className="admin__logo" src={m.logoUrl} mode="aspectFill" />
      ) : (
        <View className="admin__logo admin__logo--empty">{[...m.name][0]}</View>
      )}
      <View className="admin__item-main">
        <Text className="admin__item-title">{m.name}</Text>
        <Text className="admin__item-sub">
          {t('admin.opened_on', { date: shortDateTime(m.createdAt).slice(0, 10) })} · {m.currency}
        </Text>
        {m.statusReason ? <Text className="admin__item-reason">{m.statusReason}</Text> : null}
      </View>
      <Text className={`admin__status admin__status--${m.status}`}>{t(`merchant.status.${m.status}`)}</Text>
    </View>
  );
}
