import { Text, View } from '@tarojs/components';
import type { Parcel } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { carrierName, dateTime } from '../lib/format';
import { CopyButton } from './copy-button';

/** A parcel: carrier, tracking number (copy), when it left, and the carrier's events newest first. */
export function ParcelCard({ parcel, n }: { parcel: Parcel; n: number }) {
  const { lang, t } = useI18n();
  const tracking = parcel.tracking;
  const events = tracking ? [...tracking.events].reverse() : [];
  const count = parcel.lines.reduce((sum, l) => sum + l.quantity, 0);
  return (
    <View id={`parcel-${parcel.id}`} className="o-parcel">
      <View className="o-parcel__head">
        <Text className="o-parcel__title">
          {t('orders.parcel_n', { n })} · <Text id={`parcel-carrier-${parcel.id}`}>{carrierName(parcel.carrierCode, lang)}</Text>
        </Text>
        {tracking ? (
          <Text id={`parcel-state-${parcel.id}`} className={`o-tag ${tracking.signed ? 'o-tag--done' : ''}`}>
            {t(`orders.tracking_state.${tracking.state}`)}
          </Text>
        ) : null}
      </View>
      <View className="o-kv">
        <Text className="o-muted">{t('orders.tracking_number')}</Text>
        <View className="o-kv__value">
          <Text id={`parcel-number-${parcel.id}`} className="o-mono" selectable>
            {parcel.trackingNumber}
          </Text>
          <CopyButton id={`parcel-copy-${parcel.id}`} text={parcel.trackingNumber} what={t('orders.tracking_number')} />
        </View>
      </View>
      <Text className="o-muted o-parcel__meta">
        {t('orders.shipped_on', { time: dateTime(parcel.shippedAt) })} · {t('orders.parcel_lines', { count })}
      </Text>
      {events.length === 0 ? (
        <Text id={`parcel-waiting-${parcel.id}`} className="o-parcel__waiting">
          {t('orders.tracking_waiting')}
        </Text>
      ) : (
        <View id={`parcel-timeline-${parcel.id}`} className="o-timeline" role="list" aria-label={t('orders.tracking_timeline')}>
          {events.map((e, i) => (
            <View key={`${e.at}-${i}`} className={`o-timeline__step ${i === 0 ? 'o-timeline__step--now' : ''}`} role="listitem">
              <View className="o-timeline__dot" />
              <View className="o-timeline__body">
                <Text className="o-timeline__text">{e.description}</Text>
                <Text className="o-muted">
                  {dateTime(e.at)}
                  {e.area ? ` · ${e.area}` : ''} · {t(`orders.tracking_state.${e.state}`)}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
