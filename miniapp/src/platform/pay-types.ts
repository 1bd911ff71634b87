import type { PaymentChannel, StartPaymentResult } from '@wxshop/shared';

/** How the platform the app runs on pays a started payment. */
export interface PlatformPay {
  channel: PaymentChannel;
  /** H5: the absolute URL of an app path for the cashier to send the shopper back to; elsewhere undefined. */
  returnUrl(path: string): string | undefined;
  /** Runs the provider's step; 'redirected' when the page is leaving (H5 cashier). */
  complete(started: StartPaymentResult): Promise<'paid' | 'cancelled' | 'redirected'>;
}
