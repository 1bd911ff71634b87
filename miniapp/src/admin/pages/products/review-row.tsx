import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { formatMoney, localize, type MerchantProductRow } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { shortDateTime } from '../../lib/format';

export function ReviewRow({ product: p, onClick }: { product: MerchantProductRow; onClick: () => void }) {
  const { lang, t } = useI18n();
  const price = p.minPrice.amount === p.maxPrice.amount ? formatMoney(p.minPrice, lang) : `${formatMoney(p.minPrice, lang)} – ${formatMoney(p.maxPrice, lang)}`;
  return (
    <View id={`review-item-${p.id}`} className="row admin__item" onClick={onClick}>
      {p.imageUrl ? (
        <Picture alt={localize(p.title, lang)} className="admin__thumb" src={p.imageUrl} mode="aspectFill" />
      ) : (
        <View className="admin__thumb admin__thumb--empty" />
      )}
      <View className="admin__item-main">
        <Text className="admin__item-title">{localize(p.title, lang)}</Text>
        <Text className="admin__item-price">{price}</Text>
        <Text className="admin__item-sub">
          {t('admin.submitted_at', { time: shortDateTime(p.submittedAt ?? p.updatedAt) })}
          {p.version > 1 ? ` · ${t('admin.product_version', { version: p.version })}` : ''}
        </Text>
      </View>
      <Text className="row__chevron">›</Text>
    </View>
  );
}
