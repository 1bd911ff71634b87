import '../../messages';
import Taro from '@tarojs/taro';
// NutUI imported per component (its own path and stylesheet): only this subpackage pays for it.
import CountDown from '@nutui/nutui-react-taro/dist/es/packages/countdown';
import '@nutui/nutui-react-taro/dist/es/packages/countdown/style/css';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { formatMoney } from '@wxshop/shared';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { platformPay } from '../../../platform/pay';
import { beginPayment, fetchCheckout } from '../../../services/checkout';
import { errorCode, errorText, isApiError, toast } from '../../../services/request';
import { useSession } from '../../../services/session';
import { useParams } from '../../../shop/lib/params';
import '../checkout.scss';

const resultUrl = (id: string) => `/checkout/pages/result/index?id=${encodeURIComponent(id)}`;

/** "yyyy-mm-dd hh:mm" in the shopper's time zone. */
const clock = (iso: string): string => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/**
 * Paying a placed checkout (`?id=`): the total, the stores it pays, when it expires, and one button
 * that starts the payment on this platform (WeChat pay sheet, Alipay cashier, or the H5 cashier page).
 */
export default function PayPage() {
  const { lang, t } = useI18n();
  usePageTitle('checkout.pay_title');
  const { id = '' } = useParams();
  const userId = useSession()?.profile.id;
  const [remote, load] = useRemote(() => fetchCheckout(id));
  const [busy, setBusy] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);

  useEffect(() => {
    if (userId && id) void load();
  }, [userId, id, load]);

  const result = remote.status === 'ok' ? remote.data : null;
  useEffect(() => {
    if (result && result.checkout.status !== 'pending_payment') void Taro.redirectTo({ url: resultUrl(id) });
  }, [result, id]);

  const pay = async () => {
    setBusy(true);
    setPayError(null);
    try {
      const started = await beginPayment(id, platformPay.channel, platformPay.returnUrl(id));
      const outcome = await platformPay.complete(started);
      if (outcome === 'done') void Taro.redirectTo({ url: resultUrl(id) });
      else if (outcome === 'cancelled') toast(t('checkout.pay_cancelled'));
    } catch (e) {
      // 409: no longer pending (paid meanwhile, or cancelled): the result page says which.
      if (errorCode(e) === 'conflict' || errorCode(e) === 'invalid_transition') return void Taro.redirectTo({ url: resultUrl(id) });
      setPayError(isApiError(e) && e.status === 404 ? t('checkout.pay_unavailable') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (!userId)
    return (
      <View id="page-pay" className="page">
        <SignInRequired id="pay-signin" />
      </View>
    );
  if (remote.status === 'error' && !result)
    return (
      <View id="page-pay" className="page">
        <ErrorState id="pay-load-error" error={remote.error} onRetry={() => void load()} />
      </View>
    );
  if (!result)
    return (
      <View id="page-pay" className="page">
        <Loading id="pay-loading" />
      </View>
    );

  const { checkout, orders } = result;
  return (
    <View id="page-pay" className="page co" data-status={checkout.status}>
      <View className="card co-card co-pay">
        <Text className="co-pay__label">{t('checkout.pay_amount')}</Text>
        <Text id="pay-total" className="co-pay__total">
          {formatMoney(checkout.total, lang)}
        </Text>
        <View id="pay-countdown" className="co-pay__countdown">
          <Text>{t('checkout.pay_time_left')}</Text>
          <CountDown endTime={Date.parse(checkout.payBy)} format="HH:mm:ss" type="text" onEnd={() => void load()} />
        </View>
        <Text id="pay-by" className="co-pay__by">
          {t('checkout.pay_by', { time: clock(checkout.payBy) })}
        </Text>
      </View>
      <View id="pay-orders" className="card co-card">
        <Text className="co-card__title">{t('checkout.pay_orders', { count: orders.length })}</Text>
        {orders.map((o) => (
          <View key={o.id} id={`pay-order-${o.id}`} className="co-row">
            <Text>{o.storeName}</Text>
            <Text>{formatMoney(o.total, lang)}</Text>
          </View>
        ))}
      </View>
      <View className="co-actions">
        {payError ? (
          <Text id="pay-error" className="form-error">
            {payError}
          </Text>
        ) : null}
        <Button id="pay-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void pay()}>
          {t(platformPay.channel === 'alipay' ? 'checkout.pay_alipay' : 'checkout.pay_wechat')}
        </Button>
        <Button id="pay-later" className="btn btn--ghost co-gap" onClick={() => void Taro.redirectTo({ url: resultUrl(id) })}>
          {t('checkout.pay_later')}
        </Button>
      </View>
    </View>
  );
}
