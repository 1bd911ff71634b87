import {
  startPayment as startPaymentRoute,
  syncPayment as syncPaymentRoute,
  type CheckoutResult,
  type PaymentChannel,
  type StartPaymentResult,
} from '@wxshop/shared';
import { api } from './request';

export type { PaymentChannel, StartPaymentResult };

/**
 * Starts (or resumes) paying a pending checkout on a channel: answers what the platform needs to
 * pay (wx.requestPayment arguments, the H5 cashier URL or Alipay's preOrderNo). 409 when the
 * checkout is no longer pending. `returnUrl` (H5 only) is where the cashier sends the shopper back.
 */
export function startPayment(checkoutId: string, channel: PaymentChannel, returnUrl?: string): Promise<StartPaymentResult> {
  return api.call(startPaymentRoute, { params: { checkoutId }, body: returnUrl ? { channel, returnUrl } : { channel } });
}

/** Asks the server to query the provider now; answers the checkout as it stands. */
export function syncPayment(checkoutId: string): Promise<CheckoutResult> {
  return api.call(syncPaymentRoute, { params: { checkoutId } });
}
