import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatMoney, type Order } from '@wxshop/shared';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchMerchantOrder } from '../../../services/merchant-orders';
import { toast } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { addressLine, canShip, carrierName } from '../../lib/order-view';
import { shortDateTime } from '../../lib/schedule';
import { remainingToShip } from '../../lib/ship-form';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../fulfilment.scss';

/** One order of the store: lines (and what is left to ship), address to copy, shopper's note, amounts, parcels, history; the way to ship it. */
export default function MerchantOrderPage() {
  usePageTitle('merchant.order.title');
  const { merchantId, can } = useMerchant();
  const orderId = useRouter().params.orderId ?? '';
  const [order, load] = useRemote(() => fetchMerchantOrder(merchantId, orderId));

  useDidShow(() => {
    if (getSession()) void load();
  });

  return (
    <MerchantScreen id="page-merchant-order" state={order} onRetry={() => void load()}>
      {() => (order.status === 'ok' ? <OrderView order={order.data} writable={can('merchant:order:write')} merchantId={merchantId} /> : null)}
    </MerchantScreen>
  );
}

function OrderView({ order: o, writable, merchantId }: { order: Order; writable: boolean; merchantId: string }) {
  const { lang, t } = useI18n();
  const left = remainingToShip(o);
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: addressLine(o.address) });
      toast(t('merchant.order.copied'));
    } catch {
      toast(t('merchant.order.copy_failed'));
    }
  };
  return (
    <View className="f-detail">
      <View className="card m-section">
        <View className="f-order__head">
          <Text id="order-status" className={`f-status f-status--${o.status}`}>
            {t(`merchant.orders.status.${o.status}`)}
          </Text>
          <Text className="m-muted">{shortDateTime(o.createdAt)}</Text>
        </View>
        <Text id="order-id" className="f-mono">
          {t('merchant.orders.no')} {o.id}
        </Text>
        {o.status === 'pending_payment' ? <Text className="m-help">{t('merchant.order.pay_by', { at: shortDateTime(o.payBy) })}</Text> : null}
        {o.autoConfirmAt && o.status === 'shipped' ? (
          <Text className="m-help">{t('merchant.order.auto_confirm', { at: shortDateTime(o.autoConfirmAt) })}</Text>
        ) : null}
      </View>

      <View id="order-address" className="card m-section">
        <View className="m-section__head">
          <Text className="m-section__title">{t('merchant.order.address')}</Text>
          <Text id="order-copy-address" className="m-link" onClick={() => void copy()}>
            {t('merchant.order.copy')}
          </Text>
        </View>
        <Text id="order-recipient" className="f-strong">
          {o.address.recipient} {o.address.phone}
        </Text>
        <Text className="f-block">{addressLine(o.address).replace(`${o.address.recipient} ${o.address.phone} `, '')}</Text>
        {o.note ? (
          <View id="order-note" className="m-reason">
            <Text className="m-reason__label">{t('merchant.order.note')}</Text>
            <Text className="m-reason__text">{o.note}</Text>
          </View>
        ) : null}
      </View>

      <View id="order-lines" className="card m-section">
        <Text className="m-section__title">{o.storeName}</Text>
        {o.lines.map((l) => {
          const open = left.get(l.skuId) ?? 0;
          return (
            <View key={l.skuId} id={`order-line-${l.skuId}`} className="f-line">
              <View className="f-line__main">
                <Text className="f-line__title">{l.title}</Text>
                {l.specValues.length ? <Text className="m-muted">{l.specValues.join(' / ')}</Text> : null}
                {o.status !== 'pending_payment' && o.status !== 'cancelled' && !o.virtual ? (
                  <Text className={open > 0 ? 'f-warn' : 'm-muted'}>
                    {open > 0 ? t('merchant.order.left_to_ship', { n: open }) : t('merchant.order.all_shipped')}
                  </Text>
                ) : null}
              </View>
              <View className="f-line__side">
                <Text>{formatMoney(l.unitPrice, lang)}</Text>
                <Text className="m-muted">×{l.quantity}</Text>
              </View>
            </View>
          );
        })}
        <View className="m-kv f-amounts">
          <View className="m-kv__row">
            <Text className="m-kv__k">{t('merchant.order.subtotal')}</Text>
            <Text className="m-kv__v">{formatMoney(o.subtotal, lang)}</Text>
          </View>
          <View className="m-kv__row">
            <Text className="m-kv__k">{t('merchant.order.shipping')}</Text>
            <Text className="m-kv__v">{formatMoney(o.shipping, lang)}</Text>
          </View>
          {o.adjustments.map((a) => (
            <View key={a.rule} className="m-kv__row">
              <Text className="m-kv__k">{a.label}</Text>
              <Text className="m-kv__v">{formatMoney(a.amount, lang)}</Text>
            </View>
          ))}
          <View className="m-kv__row">
            <Text className="m-kv__k f-strong">{t('merchant.order.total')}</Text>
            <Text id="order-total" className="m-kv__v f-strong">
              {formatMoney(o.total, lang)}
            </Text>
          </View>
        </View>
      </View>

      <View id="order-parcels" className="card m-section">
        <Text className="m-section__title">{t('merchant.order.parcels', { n: o.parcels.length })}</Text>
        {o.virtual ? <Text className="m-help">{t('merchant.order.virtual_delivered')}</Text> : null}
        {o.parcels.length === 0 && !o.virtual ? <Text className="m-muted">{t('merchant.order.no_parcels')}</Text> : null}
        {o.parcels.map((p, i) => (
          <View key={p.id} id={`order-parcel-${i}`} className="f-parcel">
            <View className="f-order__head">
              <Text className="f-strong">
                {carrierName(p.carrierCode, lang)} <Text className="f-mono">{p.trackingNumber}</Text>
              </Text>
              <Text className="m-muted">{shortDateTime(p.shippedAt)}</Text>
            </View>
            <Text className="m-muted">
              {p.lines.map((pl) => `${o.lines.find((l) => l.skuId === pl.skuId)?.title ?? pl.skuId} ×${pl.quantity}`).join(lang.startsWith('zh') ? '，' : ', ')}
            </Text>
            <Text className="m-muted">
              {p.tracking
                ? `${t(`merchant.order.tracking.${p.tracking.state}`)}${p.tracking.events.at(-1) ? ` · ${p.tracking.events.at(-1)!.description}` : ''}`
                : t('merchant.order.tracking_none')}
            </Text>
          </View>
        ))}
      </View>

      {o.status !== 'pending_payment' && o.status !== 'cancelled' ? (
        <View
          id="order-after-sales"
          className="card m-section m-section__head"
          onClick={() => void Taro.navigateTo({ url: merchantUrl('after-sales', merchantId) })}
        >
          <Text className="m-section__title">{t('after_sale.m.open_queue')}</Text>
          <Text className="m-link">›</Text>
        </View>
      ) : null}

      <View id="order-history" className="card m-section">
        <Text className="m-section__title">{t('merchant.order.history')}</Text>
        {[...o.history].reverse().map((h, i) => (
          <View key={`${h.at}-${i}`} className="f-history">
            <Text className="f-history__dot" />
            <View className="f-history__body">
              <Text className="f-strong">{t(`merchant.orders.status.${h.to}`)}</Text>
              <Text className="m-muted">
                {shortDateTime(h.at)} · {t(`merchant.order.actor.${h.actor.kind}`)}
                {h.reason ? ` · ${h.reason}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>

      {writable && canShip(o) ? (
        <View className="m-bottom-bar">
          <Button
            id="order-ship"
            className="btn btn--primary"
            onClick={() => void Taro.navigateTo({ url: merchantUrl('ship', merchantId, { orderId: o.id }) })}
          >
            {t('merchant.order.ship')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
