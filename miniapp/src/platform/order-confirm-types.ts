/** What an order confirm needs: the WeChat Pay sub-order (out_trade_no) and its sub-merchant. */
export interface ConfirmTarget {
  outTradeNo: string;
  subMchid: string;
}

export interface PlatformOrderConfirm {
  /**
   * Opens the platform's own confirm-receipt page where the order is managed by it (WeChat's order
   * management). 'opened': the shopper went there and came back (the server hears of a confirm
   * from WeChat; reload the order); 'unavailable': not here, or not for this order: confirm in the app.
   */
  confirm(target: ConfirmTarget): Promise<'opened' | 'unavailable'>;
}
