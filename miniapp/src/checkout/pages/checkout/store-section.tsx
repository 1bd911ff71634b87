import { Input, Text, View } from '@tarojs/components';
import { formatMoney, type PricedStore } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';

interface Props {
  store: PricedStore;
  note: string;
  onNote: (value: string) => void;
}

/** One store's part of the checkout (`#checkout-store-<merchantId>`): its lines, shipping, a note and its total. */
export function StoreSection({ store, note, onNote }: Props) {
  const { lang, t } = useI18n();
  return (
    <View id={`checkout-store-${store.merchantId}`} className="card co-card co-store">
      <Text className="co-store__name">{store.storeName}</Text>
      {store.lines.map((line) => (
        <View key={line.skuId} id={`checkout-line-${line.skuId}`} className="co-line">
          <View className="co-line__main">
            <Text className="co-line__title">{line.title}</Text>
            {line.specValues.length ? <Text className="co-line__specs">{line.specValues.join(' / ')}</Text> : null}
          </View>
          <View className="co-line__side">
            <Text className="co-line__price">{formatMoney(line.unitPrice, lang)}</Text>
            <Text className="co-line__qty">×{line.quantity}</Text>
          </View>
        </View>
      ))}
      <View className="co-row">
        <Text>{t('checkout.shipping')}</Text>
        <Text id={`checkout-shipping-${store.merchantId}`}>{store.shipping.amount === 0 ? t('checkout.free') : formatMoney(store.shipping, lang)}</Text>
      </View>
      {store.adjustments.map((a) => (
        <View key={a.rule} className="co-row">
          <Text>{a.label}</Text>
          <Text>{formatMoney(a.amount, lang)}</Text>
        </View>
      ))}
      <View className="co-row co-row--note">
        <Text className="co-row__label">{t('checkout.note')}</Text>
        <Input
          id={`checkout-note-${store.merchantId}`}
          className="co-note"
          maxlength={200}
          placeholder={t('checkout.note_hint')}
          value={note}
          onInput={(e) => onNote(e.detail.value)}
          {...fieldLabel(t('checkout.note'))}
        />
      </View>
      <View className="co-row co-row--total">
        <Text>{t('checkout.store_total')}</Text>
        <Text id={`checkout-store-total-${store.merchantId}`} className="co-store__total">
          {formatMoney(store.total, lang)}
        </Text>
      </View>
    </View>
  );
}
