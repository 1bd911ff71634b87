import { z } from 'zod';
import { TrackingState } from './orders';

/**
 * The shopper's inbox: messages about their orders (paid, shipped, delivered, parcel news), newest
 * first. The client renders each from `kind` and `data` through i18n (`inbox.kind.<kind>`), so a message
 * reads in the shopper's language whenever it is shown.
 */
export const SHOPPER_MESSAGE_KINDS = [
  'order_paid',
  'order_shipped',
  'order_delivered',
  'order_completed',
  'parcel_delivering',
  'parcel_signed',
  'parcel_difficult',
  'after_sale',
] as const;
export const ShopperMessageKind = z.enum(SHOPPER_MESSAGE_KINDS);
export type ShopperMessageKind = z.infer<typeof ShopperMessageKind>;

export const ShopperMessage = z.object({
  id: z.string(),
  kind: ShopperMessageKind,
  orderId: z.string(),
  storeName: z.string(),
  /** Parcel messages: which parcel, its carrier and waybill, the tracking state and the carrier's last words. */
  parcel: z
    .object({ id: z.string(), carrierCode: z.string(), trackingNumber: z.string(), state: TrackingState, description: z.string().nullable() })
    .nullable(),
  /** After-sale messages: the case, the status it moved to, and what it refunds (fen). */
  afterSale: z.object({ id: z.string(), status: z.string(), amount: z.number().int() }).nullable().optional(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type ShopperMessage = z.infer<typeof ShopperMessage>;

export const ShopperInboxQuery = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() }).strict();
export const ShopperInboxPage = z.object({ items: z.array(ShopperMessage), nextCursor: z.string().nullable(), unread: z.number().int() });
export type ShopperInboxPage = z.infer<typeof ShopperInboxPage>;

/** `POST /me/inbox/read`: these messages (or, with `all`, every message) are read. */
export const MarkInboxReadInput = z
  .object({
    ids: z
      .array(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/))
      .min(1)
      .max(50)
      .optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => (v.ids ? 1 : 0) + (v.all ? 1 : 0) === 1, { message: 'give ids, or all: true', path: ['ids'] });
export type MarkInboxReadInput = z.input<typeof MarkInboxReadInput>;
export const MarkInboxReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });

/**
 * WeChat subscribe messages (一次性订阅消息): each acceptance in `wx.requestSubscribeMessage` allows one
 * message of that template. The mini-program reports what the shopper accepted; the server sends at
 * most that many and skips the message otherwise.
 */
export const SUBSCRIBE_TOPICS = ['order_paid', 'order_shipped', 'order_delivered', 'parcel_update'] as const;
export const SubscribeTopic = z.enum(SUBSCRIBE_TOPICS);
export type SubscribeTopic = z.infer<typeof SubscribeTopic>;

/** `GET /me/message-subscriptions`: the template id of each topic (for wx.requestSubscribeMessage) and the messages still allowed. */
export const MessageSubscriptions = z.object({
  topics: z.array(z.object({ topic: SubscribeTopic, templateId: z.string().nullable(), remaining: z.number().int() })),
});
export type MessageSubscriptions = z.infer<typeof MessageSubscriptions>;

/** `POST /me/message-subscriptions`: the topics the shopper accepted (a topic twice = two messages allowed). */
export const AcceptSubscriptionsInput = z.object({ accepted: z.array(SubscribeTopic).min(1).max(20) }).strict();
export type AcceptSubscriptionsInput = z.input<typeof AcceptSubscriptionsInput>;
