import { defineRoute } from './route';
import { CheckoutParams, CheckoutResult } from '../orders';
import { StartPaymentInput, StartPaymentResult } from '../payments';

/**
 * Paying a checkout. The provider's notifications (WeChat Pay, Alipay) are webhooks with their own
 * signatures, not routes of this typed API; they settle the checkout, and so does the scheduled query.
 */

export const startPayment = defineRoute({
  id: 'start-payment',
  method: 'POST',
  path: '/me/checkouts/{checkoutId}/pay',
  summary:
    'Start (or resume) paying a pending checkout: the wx.requestPayment arguments, the H5 cashier URL or the Alipay preOrderNo; 409 when the checkout is no longer pending',
  tag: 'checkout',
  auth: 'user',
  params: CheckoutParams,
  body: StartPaymentInput,
  response: StartPaymentResult,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const syncPayment = defineRoute({
  id: 'sync-payment',
  method: 'POST',
  path: '/me/checkouts/{checkoutId}/sync-payment',
  summary:
    'Ask the provider now whether the checkout was paid (the result page calls it when the notification has not arrived yet); answers the checkout as it stands',
  tag: 'checkout',
  auth: 'user',
  params: CheckoutParams,
  response: CheckoutResult,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});
