import { Text, View } from '@tarojs/components';
import type { Address } from '../../services/addresses';
import { useI18n } from '../../i18n';

/** An address as the shopper reads it: recipient and phone, region names and the street. */
export function AddressText({ address }: { address: Address }) {
  const { t } = useI18n();
  const { region } = address;
  const place = [region.province, region.city === region.province ? null : region.city, region.district].filter(Boolean).join(' ');
  return (
    <View className="co-address">
      <View className="co-address__who">
        <Text className="co-address__name">{address.recipient}</Text>
        <Text className="co-address__phone">{address.phone}</Text>
        {address.isDefault ? <Text className="co-tag">{t('checkout.address_default')}</Text> : null}
        {address.label ? <Text className="co-tag co-tag--plain">{address.label}</Text> : null}
      </View>
      <Text className="co-address__where">
        {place} {address.detail}
      </Text>
    </View>
  );
}
