import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatMoney, type Order } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { actionsOf, cancelReasonOf, itemCount } from '../lib/format';
import { PayCountdown } from './pay-countdown';

const SHOWN_LINES = 2;

/** One order in the list: store, status, the first lines, total, countdown and the actions it allows now. */
export function OrderCard({
  order,
  paying,
  onOpen,
  onPay,
  onCancel,
  onConfirm,
}: {
  order: Order;
  paying: boolean;
  onOpen: () => void;
  onPay: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { lang, t } = useI18n();
  const [expired, setExpired] = useState(false);
  const can = actionsOf(order.status);
  const rest = order.lines.length - SHOWN_LINES;
  const why = cancelReasonOf(order);
  return (
    <View id={`order-${order.id}`} className="card o-card">
      <View className="o-card__head" onClick={onOpen}>
        <Text className="o-card__store">{order.storeName}</Text>
        <Text id={`order-status-${order.id}`} className={`o-status o-status--${order.status}`}>
          {t(`orders.status.${order.status}`)}
        </Text>
      </View>
      <View className="o-card__lines" onClick={onOpen}>
        {order.lines.slice(0, SHOWN_LINES).map((l) => (
          <View key={l.skuId} className="o-line">
            <View className="o-line__text">
              <Text className="o-line__title">{l.title}</Text>
              {l.specValues.length ? <Text className="o-muted">{l.specValues.join(' / ')}</Text> : null}
            </View>
            <View className="o-line__figures">
              <Text>{formatMoney(l.unitPrice, lang)}</Text>
              <Text className="o-muted">×{l.quantity}</Text>
            </View>
          </View>
        ))}
        {rest > 0 ? <Text className="o-muted o-card__more">{t('orders.more_lines', { count: rest })}</Text> : null}
      </View>
      <View className="o-card__sum">
        <Text className="o-muted">{t('orders.item_count', { count: itemCount(order) })}</Text>
        <Text id={`order-total-${order.id}`} className="o-card__total">
          {t('orders.total_is', { amount: formatMoney(order.total, lang) })}
        </Text>
      </View>
      {why ? (
        <Text id={`order-cancel-reason-${order.id}`} className="o-muted o-card__reason">
          {t('orders.cancelled_because', { reason: why.unpaid ? t('orders.cancel_reason.not_paid_in_time') : why.reason })}
        </Text>
      ) : null}
      {can.pay || can.confirm ? (
        <View className="o-card__foot">
          {can.pay ? <PayCountdown id={`order-countdown-${order.id}`} payBy={order.payBy} onExpired={() => setExpired(true)} /> : <View />}
          <View className="o-actions">
            {can.cancel ? (
              <Button id={`order-cancel-${order.id}`} className="btn btn--ghost btn--small o-btn-quiet" onClick={onCancel}>
                {t('orders.cancel')}
              </Button>
            ) : null}
            {can.pay && !expired ? (
              <Button
                id={`order-pay-${order.id}`}
                className="btn btn--primary btn--small"
                loading={paying || undefined}
                disabled={paying || undefined}
                onClick={onPay}
              >
                {t('orders.pay')}
              </Button>
            ) : null}
            {can.confirm ? (
              <Button id={`order-confirm-${order.id}`} className="btn btn--primary btn--small" onClick={onConfirm}>
                {t('orders.confirm')}
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  );
}
