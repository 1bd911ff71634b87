import '../../messages';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatMoney, type CheckoutResult } from '@wxshop/shared';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchCheckout, syncCheckoutPayment } from '../../../services/checkout';
import { useSession } from '../../../services/session';
import { useParams } from '../../../shop/lib/params';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import '../checkout.scss';

/** How often the page asks while the payment is pending, when it asks the provider itself, and when it stops. */
const POLL_MS = 1500;
const SYNC_AFTER_MS = 4000;
const GIVE_UP_MS = 30000;

/** The orders list of the orders subpackage (another page set). */
const ORDERS_URL = '/orders/pages/list/index';
const payUrl = (id: string) => `/checkout/pages/pay/index?id=${encodeURIComponent(id)}`;

/**
 * After paying (`?id=`): polls the checkout until it is paid or cancelled; if it is still pending
 * after a few seconds, asks the server once to query the provider (the notification may be late);
 * after 30 s says it is still pending, with "check again" and "pay".
 */
export default function PayResultPage() {
  const { lang, t } = useI18n();
  usePageTitle('checkout.result_title');
  const { id = '' } = useParams();
  const userId = useSession()?.profile.id;
  const [result, setResult] = useState<CheckoutResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [waiting, setWaiting] = useState(true);
  const round = useRef(0);

  const poll = useCallback(async () => {
    const mine = ++round.current;
    const started = Date.now();
    let synced = false;
    setWaiting(true);
    setError(null);
    while (mine === round.current) {
      try {
        let next = await fetchCheckout(id);
        if (next.checkout.status === 'pending_payment' && !synced && Date.now() - started >= SYNC_AFTER_MS) {
          synced = true;
          next = await syncCheckoutPayment(id).catch(() => next);
        }
        if (mine !== round.current) return;
        setResult(next);
        if (next.checkout.status !== 'pending_payment') break;
      } catch (e) {
        if (mine === round.current) setError(e);
        break;
      }
      if (Date.now() - started >= GIVE_UP_MS) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (mine === round.current) setWaiting(false);
  }, [id]);

  useEffect(() => {
    if (userId && id) void poll();
    return () => {
      round.current += 1;
    };
  }, [userId, id, poll]);

  if (!userId)
    return (
      <View id="page-pay-result" className="page">
        <SignInRequired id="result-signin" />
      </View>
    );
  if (error && !result)
    return (
      <View id="page-pay-result" className="page">
        <ErrorState id="result-error" error={error} onRetry={() => void poll()} />
      </View>
    );
  if (!result)
    return (
      <View id="page-pay-result" className="page">
        <Loading id="result-loading" />
      </View>
    );

  const { checkout, orders } = result;
  const status = checkout.status;
  const heading =
    status === 'paid'
      ? t('checkout.result_paid')
      : status === 'cancelled'
        ? t('checkout.result_cancelled')
        : waiting
          ? t('checkout.result_checking')
          : t('checkout.result_pending');
  const body =
    status === 'paid'
      ? t('checkout.result_paid_body', { count: orders.length })
      : status === 'cancelled'
        ? t('checkout.result_cancelled_body')
        : waiting
          ? t('checkout.result_checking_body')
          : t('checkout.result_pending_body');
  return (
    <View id="page-pay-result" className="page co" data-status={status}>
      <View id={`result-${status === 'pending_payment' ? 'pending' : status}`} className="card co-card co-result">
        <View className={`co-result__icon co-result__icon--${status}`} aria-hidden>
          {status === 'paid' ? '✓' : status === 'cancelled' ? '×' : '…'}
        </View>
        <Text id="result-title" className="co-result__title">
          {heading}
        </Text>
        <Text className="co-result__body">{body}</Text>
        <Text id="result-total" className="co-result__total">
          {formatMoney(checkout.total, lang)}
        </Text>
      </View>
      {status === 'paid' ? <SubscribePrompt /> : null}
      <View id="result-orders-list" className="card co-card">
        {orders.map((o) => (
          <View key={o.id} id={`result-order-${o.id}`} className="co-row" data-status={o.status}>
            <Text>{o.storeName}</Text>
            <Text>{formatMoney(o.total, lang)}</Text>
          </View>
        ))}
      </View>
      <View className="co-actions">
        {error ? (
          <Text id="result-poll-error" className="form-error">
            {t('checkout.result_poll_failed')}
          </Text>
        ) : null}
        {status === 'pending_payment' && !waiting ? (
          <>
            <Button id="result-pay" className="btn btn--primary" onClick={() => void Taro.redirectTo({ url: payUrl(id) })}>
              {t('checkout.result_pay')}
            </Button>
            <Button id="result-refresh" className="btn btn--ghost co-gap" onClick={() => void poll()}>
              {t('checkout.result_refresh')}
            </Button>
          </>
        ) : null}
        <Button
          id="result-orders"
          className={`btn ${status === 'paid' ? 'btn--primary' : 'btn--ghost'} co-gap`}
          onClick={() => void Taro.navigateTo({ url: ORDERS_URL }).catch(() => undefined)}
        >
          {t('checkout.result_orders')}
        </Button>
        <Button id="result-home" className="btn btn--ghost co-gap" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('checkout.result_home')}
        </Button>
      </View>
    </View>
  );
}
