import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { Order } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { platformOrderConfirm } from '../../platform/order-confirm';
import { platformPay } from '../../platform/pay';
import { cancelOrder, confirmOrderReceipt, fetchMyOrder } from '../../services/orders';
import { beginPayment } from '../../services/checkout';
import { errorCode, toast, toastError } from '../../services/request';
import { CancelSheet } from '../components/cancel-sheet';
import { ConfirmSheet } from '../components/confirm-sheet';

/** The pay result page of the checkout subpackage: it waits for (and syncs) the payment. */
export const payResultUrl = (checkoutId: string): string => `/checkout/pages/pay-result/index?checkoutId=${encodeURIComponent(checkoutId)}`;

/**
 * Pay, cancel (with a reason) and confirm receipt of an order, from a list row or the detail page.
 * `onChanged` gets the order as the server answered it after a cancel or a confirm.
 */
export function useOrderActions(onChanged: (order: Order) => void): {
  pay: (order: Order) => Promise<void>;
  askCancel: (order: Order) => void;
  askConfirm: (order: Order) => Promise<void>;
  paying: string | null;
  sheets: ReactNode;
} {
  const { t } = useI18n();
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const [confirming, setConfirming] = useState<Order | null>(null);
  const [busy, setBusy] = useState(false);
  const [paying, setPaying] = useState<string | null>(null);

  const pay = async (order: Order) => {
    if (paying) return;
    setPaying(order.id);
    try {
      const url = payResultUrl(order.checkoutId);
      const started = await beginPayment(order.checkoutId, platformPay.channel, platformPay.returnUrl(order.checkoutId));
      const outcome = await platformPay.complete(started);
      if (outcome === 'done') await Taro.navigateTo({ url });
    } catch (e) {
      // 404: no payment route on this server (yet); 409: the checkout is no longer pending (the list refreshes).
      if (errorCode(e) === 'not_found') toast(t('orders.pay_unavailable'));
      else toastError(e);
    } finally {
      setPaying(null);
    }
  };

  const cancel = async (reason: string) => {
    if (!cancelling) return;
    setBusy(true);
    try {
      const order = await cancelOrder(cancelling.id, reason);
      setCancelling(null);
      toast(t('orders.cancelled_toast'));
      onChanged(order);
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirmInApp = async () => {
    if (!confirming) return;
    setBusy(true);
    try {
      const order = await confirmOrderReceipt(confirming.id);
      setConfirming(null);
      toast(t('orders.confirmed_toast'));
      onChanged(order);
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  const askConfirm = async (order: Order) => {
    // WeChat's own confirm page where WeChat manages the order; the app's confirm elsewhere.
    const where = await platformOrderConfirm.confirm({ outTradeNo: order.outTradeNo, subMchid: order.subMchid }).catch(() => 'unavailable' as const);
    if (where === 'unavailable') {
      setConfirming(order);
      return;
    }
    try {
      onChanged(await fetchMyOrder(order.id));
    } catch (e) {
      toastError(e);
    }
  };

  const sheets = (
    <>
      {cancelling ? <CancelSheet busy={busy} onCancel={(r) => void cancel(r)} onClose={() => !busy && setCancelling(null)} /> : null}
      {confirming ? <ConfirmSheet busy={busy} onConfirm={() => void confirmInApp()} onClose={() => !busy && setConfirming(null)} /> : null}
    </>
  );

  return { pay, askCancel: setCancelling, askConfirm, paying, sheets };
}
