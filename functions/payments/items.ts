import { z } from 'zod';
import { PaymentChannel } from '@wxshop/shared/payments';

/**
 * The payment started for a checkout (entity `CheckoutPayment`, AP79): one combine order per checkout,
 * so the first channel chosen is the checkout's channel; the prepay is kept to re-sign it on a retry.
 */
export const CheckoutPaymentItem = z.object({
  entity: z.literal('CheckoutPayment'),
  checkoutId: z.string(),
  userId: z.string(),
  channel: PaymentChannel,
  startedAt: z.string(),
  /** wechat_jsapi: the prepay_id, re-signed for every wx.requestPayment. */
  prepayId: z.string().optional(),
  /** wechat_h5: the cashier URL without our redirect_url. */
  h5Url: z.string().optional(),
  /**
   * alipay: the merged trade exactly as placed (written before Alipay is called, so a retry places the
   * identical one): the payer, out_merge_no and one trade per store with its smid (ADR 0047).
   */
  alipay: z
    .object({
      outMergeNo: z.string(),
      buyerId: z.string(),
      trades: z.array(z.object({ orderId: z.string(), outTradeNo: z.string(), smid: z.string(), amountFen: z.number().int().positive(), subject: z.string() })),
    })
    .optional(),
  /** alipay: the merged trade's pre_order_no for my.tradePay. */
  preOrderNo: z.string().optional(),
});
export type CheckoutPaymentItem = z.infer<typeof CheckoutPaymentItem>;

/**
 * A verified payment we could not apply: it names no checkout of ours, or not its sub-orders, amounts or
 * sub-merchants (entity `PaymentAnomaly`, AP81). Nothing changed; the ops team looks at each one.
 */
export const PaymentAnomalyItem = z.object({
  entity: z.literal('PaymentAnomaly'),
  source: z.enum(['wechatpay_notify', 'wechatpay_query', 'alipay_notify', 'alipay_query']),
  ref: z.string(),
  checkoutId: z.string(),
  reason: z.string(),
  /** What the provider said, as it said it (numbers, amounts, states): no personal data. */
  payment: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
});
export type PaymentAnomalyItem = z.infer<typeof PaymentAnomalyItem>;

/**
 * One store's Alipay trade of a checkout, paid (entity `AlipayPaidTrade`, AP87): written once per trade
 * (put if absent) from its notification or a query; the checkout is paid when every trade has one.
 */
export const AlipayPaidTradeItem = z.object({
  entity: z.literal('AlipayPaidTrade'),
  checkoutId: z.string(),
  outTradeNo: z.string(),
  tradeNo: z.string(),
  smid: z.string(),
  amountFen: z.number().int(),
  source: z.enum(['alipay_notify', 'alipay_query']),
  recordedAt: z.string(),
});
export type AlipayPaidTradeItem = z.infer<typeof AlipayPaidTradeItem>;
