import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatMoney, type Order } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { dateTime } from '../lib/format';
import { CopyButton } from './copy-button';
import { ParcelCard } from './parcel-card';
import { PayCountdown } from './pay-countdown';

/** What happens next, by status: pay by, packing, auto-confirm at, done, cancelled. */
function NextStep({ order }: { order: Order }) {
  const { t } = useI18n();
  switch (order.status) {
    case 'pending_payment':
      return <>{t('orders.next.pending_payment', { time: dateTime(order.payBy) })}</>;
    case 'paid':
      return <>{t('orders.next.paid')}</>;
    case 'partly_shipped':
      return <>{t('orders.next.partly_shipped')}</>;
    case 'shipped':
      return <>{order.autoConfirmAt ? t('orders.next.shipped', { time: dateTime(order.autoConfirmAt) }) : t('orders.next.shipped_plain')}</>;
    case 'delivered':
      return <>{order.autoConfirmAt ? t('orders.next.delivered', { time: dateTime(order.autoConfirmAt) }) : t('orders.next.shipped_plain')}</>;
    case 'completed':
      return <>{t('orders.next.completed', { time: dateTime(order.completedAt) })}</>;
    case 'cancelled':
      return <>{t('orders.next.cancelled', { time: dateTime(order.cancelledAt) })}</>;
  }
}

function Amount({ id, label, value, strong }: { id: string; label: string; value: string; strong?: boolean }) {
  return (
    <View className={`o-kv ${strong ? 'o-kv--strong' : ''}`}>
      <Text className={strong ? '' : 'o-muted'}>{label}</Text>
      <Text id={id}>{value}</Text>
    </View>
  );
}

/**
 * An order, read only: status and what happens next, address, store, lines, amounts, parcels with
 * their tracking, the order's facts and its history. `extra` goes under the facts (the admin's
 * shopper account); `onStore` makes the store a link.
 */
export function OrderView({ order, extra, onStore }: { order: Order; extra?: ReactNode; onStore?: () => void }) {
  const { lang, t } = useI18n();
  const a = order.address;
  const free = order.shipping.amount === 0;
  return (
    <View>
      <View id="order-header" className={`o-hero o-hero--${order.status}`}>
        <Text id="order-status" className="o-hero__status">
          {t(`orders.status.${order.status}`)}
        </Text>
        <Text id="order-next" className="o-hero__next">
          <NextStep order={order} />
        </Text>
        {order.status === 'pending_payment' ? <PayCountdown id="order-countdown" payBy={order.payBy} /> : null}
      </View>

      <View id="order-address" className="card o-section">
        <Text className="o-section__title">{t('orders.address')}</Text>
        <Text className="o-address__who">
          {a.recipient} {a.phone}
        </Text>
        <Text className="o-muted">
          {[a.region.province, a.region.city, a.region.district].filter(Boolean).join(' ')} {a.detail}
        </Text>
      </View>

      <View id="order-lines" className="card o-section">
        <View className="o-section__head" onClick={onStore}>
          <Text id="order-store" className="o-section__title o-section__title--store">
            {order.storeName}
          </Text>
          {onStore ? <Text className="o-link">{t('orders.open_store')} ›</Text> : null}
        </View>
        {order.lines.map((l) => (
          <View key={l.skuId} id={`order-line-${l.skuId}`} className="o-line">
            <View className="o-line__text">
              <Text className="o-line__title">{l.title}</Text>
              {l.specValues.length ? <Text className="o-muted">{l.specValues.join(' / ')}</Text> : null}
            </View>
            <View className="o-line__figures">
              <Text>{formatMoney(l.lineTotal, lang)}</Text>
              <Text className="o-muted">
                {formatMoney(l.unitPrice, lang)} ×{l.quantity}
              </Text>
            </View>
          </View>
        ))}
        <View className="o-amounts">
          <Amount id="order-subtotal" label={t('orders.subtotal')} value={formatMoney(order.subtotal, lang)} />
          <Amount id="order-shipping" label={t('orders.shipping')} value={free ? t('orders.shipping_free') : formatMoney(order.shipping, lang)} />
          {order.adjustments.map((adj) => (
            <Amount key={adj.rule} id={`order-adjustment-${adj.rule}`} label={adj.label} value={formatMoney(adj.amount, lang)} />
          ))}
          <Amount id="order-total" label={t('orders.total')} value={formatMoney(order.total, lang)} strong />
        </View>
        {order.note ? (
          <View className="o-kv">
            <Text className="o-muted">{t('orders.note')}</Text>
            <Text id="order-note">{order.note}</Text>
          </View>
        ) : null}
      </View>

      {order.virtual || order.parcels.length > 0 ? (
        <View id="order-parcels" className="card o-section">
          <Text className="o-section__title">{t('orders.parcels')}</Text>
          {order.virtual ? <Text className="o-muted">{t('orders.virtual')}</Text> : null}
          {order.parcels.map((p, i) => (
            <ParcelCard key={p.id} parcel={p} n={i + 1} />
          ))}
        </View>
      ) : null}

      <View id="order-info" className="card o-section">
        <Text className="o-section__title">{t('orders.info')}</Text>
        <View className="o-kv">
          <Text className="o-muted">{t('orders.order_id')}</Text>
          <View className="o-kv__value">
            <Text id="order-id" className="o-mono" selectable>
              {order.id}
            </Text>
            <CopyButton id="order-id-copy" text={order.id} what={t('orders.order_id')} />
          </View>
        </View>
        <View className="o-kv">
          <Text className="o-muted">{t('orders.created_at')}</Text>
          <Text>{dateTime(order.createdAt)}</Text>
        </View>
        {order.paidAt ? (
          <View className="o-kv">
            <Text className="o-muted">{t('orders.paid_at')}</Text>
            <Text>{dateTime(order.paidAt)}</Text>
          </View>
        ) : null}
        {extra}
      </View>

      <View id="order-history" className="card o-section">
        <Text className="o-section__title">{t('orders.history')}</Text>
        <View role="list">
          {[...order.history].reverse().map((h, i) => (
            <View key={`${h.at}-${i}`} className="o-history" role="listitem">
              <Text className="o-history__what">
                {t(`orders.status.${h.to}`)} · {t(`orders.actor.${h.actor.kind}`)}
              </Text>
              <Text className="o-muted">{dateTime(h.at)}</Text>
              {h.reason ? <Text className="o-history__reason">{h.reason}</Text> : null}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
