import { z } from 'zod';
import { Checkout, Order, OrderStatus, shopperTabOf } from '@wxshop/shared/orders';
import { Money } from '@wxshop/shared/money';

/** An order, one per store of a checkout (entity `Order`, AP74); GSI1 (AP75) and GSI2 (AP76) follow its status. */
export const OrderItem = Order.extend({
  entity: z.literal('Order'),
  /** Bumped by every change: writes condition on the version read. */
  version: z.number().int(),
  /**
   * WeChat Pay's transaction_id of this store's sub-order, set when the checkout is paid: the order's key
   * in WeChat's order shipping management (upload_shipping_info, notify_confirm_receive).
   */
  transactionId: z.string().nullable().optional(),
  /**
   * The platform's fee rate (basis points) in force when the order was placed (functions/settlement,
   * ADR 0061): the settlement takes this, never a rate changed since. Absent on older orders: the default.
   */
  feeBps: z.number().int().optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

/** What a checkout reserved and must release once if it is cancelled. */
export const Reservation = z.object({ orderId: z.string(), productId: z.string(), skuId: z.string(), quantity: z.number().int().positive() });
export type Reservation = z.infer<typeof Reservation>;

/**
 * A sub-order as the payment must match it. `storeName` is the order's own (a snapshot taken when it was
 * placed, never changed): the combine order's description, without reading the orders. Absent on
 * checkouts placed before it was written.
 */
export const SubOrderRef = z.object({
  orderId: z.string(),
  outTradeNo: z.string(),
  merchantId: z.string(),
  subMchid: z.string(),
  amount: Money,
  storeName: z.string().optional(),
});
export type SubOrderRef = z.infer<typeof SubOrderRef>;

/** A checkout (entity `Checkout`, AP73): one combine payment over its orders. */
export const CheckoutItem = Checkout.extend({
  entity: z.literal('Checkout'),
  subOrders: z.array(SubOrderRef),
  reservations: z.array(Reservation),
  /** The due item (AP77) that cancels it when unpaid. */
  dueKey: z.object({ PK: z.string(), SK: z.string() }),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type CheckoutItem = z.infer<typeof CheckoutItem>;

/** A payment that landed on a cancelled (or already paid) checkout: to be refunded (entity `LatePayment`). */
export const LatePaymentItem = z.object({
  entity: z.literal('LatePayment'),
  checkoutId: z.string(),
  transactionId: z.string(),
  reason: z.enum(['after_cancel', 'second_payment']),
  amount: Money,
  status: z.enum(['refund_pending', 'refunded']),
  subOrders: z.array(z.object({ outTradeNo: z.string(), amount: z.number().int(), currency: z.string(), subMchid: z.string(), transactionId: z.string() })),
  createdAt: z.string(),
  /** Absent: WeChat Pay. `alipay`: the sub-orders are Alipay trades (subMchid holds the smid), refunded with alipay.trade.refund. */
  channel: z.literal('alipay').optional(),
  /** Once refunded: one e-commerce refund per sub-order (functions/payments/refunds.ts). */
  refunds: z.array(z.object({ outTradeNo: z.string(), outRefundNo: z.string(), refundId: z.string(), amount: z.number().int() })).optional(),
  refundedAt: z.string().optional(),
});
export type LatePaymentItem = z.infer<typeof LatePaymentItem>;

/** A domain event, written in the same transaction as the change (entity `OrderEvent`); consumers read INSERTs from the stream. */
export const OrderEventItem = z.object({
  entity: z.literal('OrderEvent'),
  id: z.string(),
  type: z.enum(['OrderPlaced', 'OrderPaid', 'OrderCancelled', 'OrderShipped', 'OrderDelivered', 'OrderCompleted', 'OrderRefunded']),
  orderId: z.string(),
  checkoutId: z.string(),
  userId: z.string(),
  merchantId: z.string(),
  from: OrderStatus.nullable(),
  to: OrderStatus,
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  reason: z.string().nullable(),
  at: z.string(),
});
export type OrderEventItem = z.infer<typeof OrderEventItem>;

/** The shopper's tab an order shows under (shared with the order pages). */
export const tabOf = shopperTabOf;
