import { z } from 'zod';

/**
 * Starting a payment for a checkout. The amount is never sent: the server pays the checkout's total,
 * one sub-order per store (WeChat Pay combine order; Alipay 直付通 merged trade).
 * - `wechat_jsapi`: inside the WeChat mini-program; answers the `wx.requestPayment` arguments.
 * - `wechat_h5`: a browser outside WeChat; answers the cashier URL (`h5Url`) to send the shopper to.
 * - `alipay`: the Alipay mini-program; answers the merged trade's `preOrderNo` for `my.tradePay`.
 */
export const PAYMENT_CHANNELS = ['wechat_jsapi', 'wechat_h5', 'alipay'] as const;
export const PaymentChannel = z.enum(PAYMENT_CHANNELS);
export type PaymentChannel = z.infer<typeof PaymentChannel>;

export const StartPaymentInput = z
  .object({
    channel: PaymentChannel,
    /** H5 only: where the cashier sends the shopper afterwards; must be on our own origin (checked server-side). */
    returnUrl: z.string().url().max(512).optional(),
  })
  .strict();
export type StartPaymentInput = z.infer<typeof StartPaymentInput>;

export const WechatRequestPayment = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type WechatRequestPayment = z.infer<typeof WechatRequestPayment>;

export const StartPaymentResult = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('wechat_jsapi'), checkoutId: z.string(), payBy: z.string(), requestPayment: WechatRequestPayment }),
  z.object({ channel: z.literal('wechat_h5'), checkoutId: z.string(), payBy: z.string(), h5Url: z.string() }),
  z.object({ channel: z.literal('alipay'), checkoutId: z.string(), payBy: z.string(), preOrderNo: z.string() }),
]);
export type StartPaymentResult = z.infer<typeof StartPaymentResult>;
