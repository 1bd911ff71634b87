import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import type { StoreProfile } from '../../../services/merchant';
import { shortDateTime } from '../../lib/schedule';

/** The platform's status of the store, with its reason: read-only for the merchant. */
export function StoreStatusCard({ store }: { store: StoreProfile }) {
  const { t } = useI18n();
  return (
    <View id="store-status" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.store.status')}</Text>
        <Text id="store-status-value" className={`merchant__status merchant__status--${store.status}`}>
          {t(`merchant.status.${store.status}`)}
        </Text>
      </View>
      <Text id="store-selling" className="m-help">
        {store.selling ? t('merchant.store.selling') : t('merchant.store.not_selling')}
      </Text>
      {store.statusReason ? (
        <View id="store-status-reason" className="m-reason">
          <Text className="m-reason__label">
            {t('merchant.store.platform_reason')}
            {store.statusChangedAt ? ` · ${shortDateTime(store.statusChangedAt)}` : ''}
          </Text>
          <Text className="m-reason__text">{store.statusReason}</Text>
        </View>
      ) : null}
    </View>
  );
}
