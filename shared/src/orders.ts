import { z } from 'zod';
import { CarrierCode } from './carriers';
import { Money } from './money';
import { Id } from './catalog';
import { RegionPath } from './addresses';

/** One checkout pays for at most this many stores (WeChat Pay combine orders take at most 50 sub-orders). */
export const MAX_CHECKOUT_STORES = 50;
export const MAX_CHECKOUT_LINES = 120;

/** What the shopper buys: SKUs and quantities, never prices. `productId` locates the SKU and is checked against it. */
/**
 * A line to price or place. `merchantId` (optional: the cart line carries it) lets the server read the
 * store and its shipping templates with the catalog in one call; the SKU's own store is what counts.
 */
export const CheckoutLineInput = z.object({ productId: Id, skuId: Id, quantity: z.number().int().min(1).max(999), merchantId: Id.optional() }).strict();
export type CheckoutLineInput = z.infer<typeof CheckoutLineInput>;

/** `POST /checkout/preview`. */
export const PreviewInput = z
  .object({
    addressId: Id,
    lines: z.array(CheckoutLineInput).min(1).max(MAX_CHECKOUT_LINES),
  })
  .strict();
export type PreviewInput = z.input<typeof PreviewInput>;

/** `POST /checkout` (with an Idempotency-Key): the preview's fingerprint, not its prices. */
export const SubmitCheckoutInput = PreviewInput.extend({
  fingerprint: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** A note per store, keyed by merchant id. */
  notes: z.record(Id, z.string().trim().max(200)).optional(),
}).strict();
export type SubmitCheckoutInput = z.input<typeof SubmitCheckoutInput>;

export const PREVIEW_PROBLEMS = ['off_shelf', 'insufficient_stock', 'not_deliverable', 'store_cannot_sell', 'currency_mismatch'] as const;
export const PreviewProblem = z.object({
  kind: z.enum(PREVIEW_PROBLEMS),
  skuId: z.string().nullable(),
  merchantId: z.string(),
  available: z.number().int().optional(),
});
export type PreviewProblem = z.infer<typeof PreviewProblem>;

/** A price adjustment by a pricing rule (promotions, member prices, points come here later). */
export const PriceAdjustment = z.object({ rule: z.string(), label: z.string(), amount: Money });
export type PriceAdjustment = z.infer<typeof PriceAdjustment>;

export const PricedLine = z.object({
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  specValues: z.array(z.string()),
  imageKey: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: Money,
  lineTotal: Money,
});
export type PricedLine = z.infer<typeof PricedLine>;

export const PricedStore = z.object({
  merchantId: z.string(),
  storeName: z.string(),
  lines: z.array(PricedLine),
  subtotal: Money,
  shipping: Money,
  adjustments: z.array(PriceAdjustment),
  total: Money,
});
export type PricedStore = z.infer<typeof PricedStore>;

export const Preview = z.object({
  stores: z.array(PricedStore),
  subtotal: Money,
  shipping: Money,
  total: Money,
  /** Lines or stores that cannot be bought as asked: submit refuses while any is present. */
  problems: z.array(PreviewProblem),
  /** A digest of every priced figure: submit answers 409 with a new preview when it changed. */
  fingerprint: z.string(),
});
export type Preview = z.infer<typeof Preview>;

export const ORDER_STATUSES = ['pending_payment', 'paid', 'partly_shipped', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const CHECKOUT_STATUSES = ['pending_payment', 'paid', 'cancelled'] as const;
export const CheckoutStatus = z.enum(CHECKOUT_STATUSES);
export type CheckoutStatus = z.infer<typeof CheckoutStatus>;

export const ActorKind = z.enum(['shopper', 'merchant', 'platform', 'system', 'payment']);
export const OrderHistoryEntry = z.object({
  from: OrderStatus.nullable(),
  to: OrderStatus,
  event: z.string(),
  actor: z.object({ kind: ActorKind, id: z.string().nullable() }),
  at: z.string(),
  reason: z.string().nullable(),
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;

export const OrderAddress = z.object({
  recipient: z.string(),
  phone: z.string(),
  country: z.string(),
  regionCode: z.string(),
  region: RegionPath,
  detail: z.string(),
  postalCode: z.string().nullable(),
});
export type OrderAddress = z.infer<typeof OrderAddress>;

/** The tracking aggregator's state of a parcel (Kuaidi100's states, named). */
export const TRACKING_STATES = [
  'in_transit',
  'collected',
  'difficult',
  'signed',
  'returned',
  'delivering',
  'returning',
  'customs',
  'rejected',
  'unknown',
] as const;
export const TrackingState = z.enum(TRACKING_STATES);
export type TrackingState = z.infer<typeof TrackingState>;

/** One event of a parcel's journey, as the carrier reported it (newest last). */
export const TrackingEventView = z.object({ at: z.string(), description: z.string(), state: TrackingState, area: z.string().nullable() });
export type TrackingEventView = z.infer<typeof TrackingEventView>;

export const ParcelTracking = z.object({
  state: TrackingState,
  signed: z.boolean(),
  updatedAt: z.string(),
  events: z.array(TrackingEventView),
});
export type ParcelTracking = z.infer<typeof ParcelTracking>;

export const Parcel = z.object({
  id: z.string(),
  carrierCode: z.string(),
  trackingNumber: z.string(),
  lines: z.array(z.object({ skuId: z.string(), quantity: z.number().int() })),
  shippedAt: z.string(),
  /** Null until the first push from the tracking aggregator. */
  tracking: ParcelTracking.nullable().default(null),
});
export type Parcel = z.infer<typeof Parcel>;

export const Order = z.object({
  id: z.string(),
  checkoutId: z.string(),
  userId: z.string(),
  merchantId: z.string(),
  storeName: z.string(),
  status: OrderStatus,
  /** The WeChat Pay sub-order number (out_trade_no) and the store's sub-merchant. */
  outTradeNo: z.string(),
  subMchid: z.string(),
  lines: z.array(PricedLine),
  subtotal: Money,
  shipping: Money,
  adjustments: z.array(PriceAdjustment),
  total: Money,
  address: OrderAddress,
  note: z.string().nullable(),
  parcels: z.array(Parcel),
  virtual: z.boolean(),
  history: z.array(OrderHistoryEntry),
  createdAt: z.string(),
  payBy: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** When the order confirms receipt by itself (shipped orders). */
  autoConfirmAt: z.string().nullable(),
});
export type Order = z.infer<typeof Order>;

export const Checkout = z.object({
  id: z.string(),
  userId: z.string(),
  status: CheckoutStatus,
  /** The WeChat Pay combine order number (combine_out_trade_no). */
  combineOutTradeNo: z.string(),
  orderIds: z.array(z.string()),
  total: Money,
  createdAt: z.string(),
  payBy: z.string(),
  transactionId: z.string().nullable(),
});
export type Checkout = z.infer<typeof Checkout>;

export const CheckoutResult = z.object({ checkout: Checkout, orders: z.array(Order) });
export type CheckoutResult = z.infer<typeof CheckoutResult>;

export const CheckoutParams = z.object({ checkoutId: Id }).strict();
export const OrderParams = z.object({ orderId: Id }).strict();
export const MerchantOrderParams = z.object({ merchantId: Id, orderId: Id }).strict();

export const SHOPPER_ORDER_TABS = ['to_pay', 'to_ship', 'to_receive', 'done', 'cancelled'] as const;
export const ShopperOrderTab = z.enum(SHOPPER_ORDER_TABS);
export type ShopperOrderTab = z.infer<typeof ShopperOrderTab>;

/** The shopper's tab an order shows under: the API files orders by it (AP75), the order pages follow it. */
export function shopperTabOf(status: OrderStatus): ShopperOrderTab {
  switch (status) {
    case 'pending_payment':
      return 'to_pay';
    case 'paid':
      return 'to_ship';
    case 'partly_shipped':
    case 'shipped':
    case 'delivered':
      return 'to_receive';
    case 'completed':
    case 'refunded': // refunded in full: closed, among the finished orders
      return 'done';
    case 'cancelled':
      return 'cancelled';
  }
}

export const ListMyOrdersQuery = z
  .object({ tab: ShopperOrderTab, cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() })
  .strict();
export const ListMerchantOrdersQuery = z
  .object({
    status: OrderStatus,
    /** An order id, or part of the recipient's name or phone. */
    q: z.string().trim().min(1).max(40).optional(),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
  })
  .strict();
export const SearchOrdersQuery = z
  .object({
    orderId: Id.optional(),
    userId: Id.optional(),
    merchantId: Id.optional(),
    status: OrderStatus.optional(),
    /** Placed at or after this instant (the admin's local midnight, as an ISO time). */
    from: z.iso.datetime().max(32).optional(),
    /** Placed before this instant. */
    to: z.iso.datetime().max(32).optional(),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
  })
  .strict()
  .refine((q) => q.orderId || q.userId || q.merchantId, { message: 'give orderId, userId or merchantId', path: ['orderId'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

export const OrderPage = z.object({ items: z.array(Order), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof OrderPage>;

/** Carriers a parcel can be sent with (Kuaidi100 codes). */

/** `POST /merchants/{merchantId}/orders/{orderId}/ship`: parcels (each the lines it holds; none: every line still to ship), or virtual goods delivered. */
export const ShipOrderInput = z
  .object({
    parcels: z
      .array(
        z
          .object({
            carrierCode: CarrierCode,
            trackingNumber: z.string().regex(/^[A-Za-z0-9-]{6,40}$/),
            lines: z
              .array(z.object({ skuId: Id, quantity: z.number().int().min(1).max(999) }).strict())
              .min(1)
              .max(MAX_CHECKOUT_LINES)
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .optional(),
    virtual: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => (v.parcels ? 1 : 0) + (v.virtual ? 1 : 0) === 1, { message: 'give parcels, or virtual: true', path: ['parcels'] });
export type ShipOrderInput = z.input<typeof ShipOrderInput>;

export const CancelInput = z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict();
