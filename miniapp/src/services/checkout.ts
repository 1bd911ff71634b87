import {
  getCheckout,
  previewCheckout,
  startPayment,
  submitCheckout,
  syncPayment,
  type CheckoutResult,
  type PaymentChannel,
  type Preview,
  type PreviewInput,
  type StartPaymentResult,
  type SubmitCheckoutInput,
} from '@wxshop/shared';
import { api } from './request';

export type { CheckoutResult, Preview, PreviewInput, StartPaymentResult, SubmitCheckoutInput };

export function fetchPreview(input: PreviewInput): Promise<Preview> {
  return api.call(previewCheckout, { body: input });
}

/** Places the orders. `idempotencyKey` is one per attempt: a retry of the same attempt sends the same key and gets the same checkout. */
export function placeOrders(input: SubmitCheckoutInput, idempotencyKey: string): Promise<CheckoutResult> {
  return api.call(submitCheckout, { body: input, idempotencyKey });
}

export function fetchCheckout(checkoutId: string): Promise<CheckoutResult> {
  return api.call(getCheckout, { params: { checkoutId } });
}

export function beginPayment(checkoutId: string, channel: PaymentChannel, returnUrl?: string): Promise<StartPaymentResult> {
  return api.call(startPayment, { params: { checkoutId }, body: { channel, ...(returnUrl ? { returnUrl } : {}) } });
}

/** Asks the server to query the provider now (the result page, when no notification came yet). */
export function syncCheckoutPayment(checkoutId: string): Promise<CheckoutResult> {
  return api.call(syncPayment, { params: { checkoutId } });
}
