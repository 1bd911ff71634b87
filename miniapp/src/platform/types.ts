import type { StartPaymentResult } from '@wxshop/shared';

/** What the login page needs from the platform it runs on. */
export interface PlatformLogin {
  /** The platform's one-tap sign-in (WeChat, Alipay), or null where there is none (H5). */
  native: null | {
    provider: 'wechat' | 'alipay';
    /** A single-use code for the server to exchange (wx.login code / my.getAuthCode authCode). */
    getCode(): Promise<string>;
  };
  /** Offer phone + SMS code and email + password forms. */
  forms: boolean;
}

/** How a checkout is paid on this platform (checkout subpackage; `platform/pay.*.ts`). */
export interface PlatformPay {
  channel: 'wechat_jsapi' | 'wechat_h5' | 'alipay';
  /** Where the provider's page sends the shopper back to (H5 only). */
  returnUrl(checkoutId: string): string | undefined;
  /**
   * Hands the started payment to the platform: the WeChat pay sheet, Alipay's cashier, or (H5) a
   * redirect to the cashier page. `redirected` means this page is being left.
   */
  complete(started: StartPaymentResult): Promise<'done' | 'cancelled' | 'redirected'>;
}
