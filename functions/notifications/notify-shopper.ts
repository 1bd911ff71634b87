/**
 * Order news to the shopper (ADR 0049): OrderPaid, OrderShipped and OrderDelivered events, an automatic
 * receipt confirmation (OrderCompleted by the system; inbox only), and parcel
 * tracking changes worth telling (out for delivery, signed, a problem), become an inbox message (AP84)
 * and, when the shopper has a WeChat openid and a consent left for the topic (AP86), a subscribe
 * message. Once per event: the message id is the event's id; the consent is taken in the same write that
 * moves the message's delivery to `consented`, so a retry sends without taking a second one.
 */
import { z } from 'zod';
import type { ShopperMessageKind, SubscribeTopic } from '@wxshop/shared/inbox';
import type { TrackingState } from '@wxshop/shared/orders';
import { carrierByCode, type CarrierCode } from '@wxshop/shared/carriers';
import { stream } from '../lib/stream';
import { logger } from '../lib/logger';
import { WechatApiError, sendSubscribeMessage } from '../lib/adapters/wechat';
import { OrderEventItem } from '../orders/items';
import { readOrder } from '../orders/orders';
import { ParcelTrackedItem } from '../delivery/items';
import { wechatOpenid } from './recipients';
import { postShopperMessage, setWechatDelivery, templateIdOf, type ShopperMessageItem } from './shopper-inbox';

const ORDER_KINDS: Partial<Record<OrderEventItem['type'], ShopperMessageKind>> = {
  OrderPaid: 'order_paid',
  OrderShipped: 'order_shipped',
  OrderDelivered: 'order_delivered',
};
const PARCEL_KINDS: Partial<Record<TrackingState, ShopperMessageKind>> = {
  delivering: 'parcel_delivering',
  signed: 'parcel_signed',
  difficult: 'parcel_difficult',
};
const TOPIC: Record<ShopperMessageKind, SubscribeTopic | null> = {
  order_paid: 'order_paid',
  order_shipped: 'order_shipped',
  order_delivered: 'order_delivered',
  order_completed: null,
  parcel_delivering: 'parcel_update',
  parcel_signed: 'parcel_update',
  parcel_difficult: 'parcel_update',
  after_sale: null,
};
const STATE_ZH: Partial<Record<TrackingState, string>> = { delivering: '派送中', signed: '已签收', difficult: '疑难件' };

/** WeChat `thing` values are at most 20 characters; `time` is Beijing `YYYY-MM-DD HH:mm`. */
const thing = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s);
const beijing = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

const Event = z.discriminatedUnion('entity', [OrderEventItem, ParcelTrackedItem]);
type Event = z.infer<typeof Event>;

/** The inbox message of an event and its subscribe-message fields, or undefined when the event is not news. */
async function compose(e: Event): Promise<{ message: ShopperMessageItem; data: Record<string, string> } | undefined> {
  if (e.entity === 'ParcelTracked') {
    const kind = PARCEL_KINDS[e.to];
    if (!kind || e.from === e.to) return undefined;
    const message: ShopperMessageItem = {
      entity: 'ShopperMessage',
      id: e.id,
      userId: e.userId,
      kind,
      orderId: e.orderId,
      storeName: e.storeName,
      parcel: { id: e.parcelId, carrierCode: e.carrierCode, trackingNumber: e.trackingNumber, state: e.to, description: e.description },
      read: false,
      createdAt: e.at,
      wechat: 'pending',
    };
    const data = {
      character_string1: e.trackingNumber.slice(0, 32),
      phrase2: STATE_ZH[e.to] ?? e.to,
      thing3: thing(e.description ?? e.storeName),
      time4: beijing(e.at),
    };
    return { message, data };
  }
  // a completion is news only when the shopper did not confirm it themselves (the automatic confirmation)
  const kind = e.type === 'OrderCompleted' ? (e.actor.kind === 'shopper' ? undefined : 'order_completed') : ORDER_KINDS[e.type];
  if (!kind) return undefined;
  const order = await readOrder(e.orderId);
  const latest = order.parcels.filter((p) => p.shippedAt === e.at);
  const message: ShopperMessageItem = {
    entity: 'ShopperMessage',
    id: e.id,
    userId: e.userId,
    kind,
    orderId: e.orderId,
    storeName: order.storeName,
    parcel: null,
    read: false,
    createdAt: e.at,
    wechat: 'pending',
  };
  const base = { character_string1: order.id, thing2: thing(order.storeName) };
  const data =
    kind === 'order_paid'
      ? { ...base, amount3: yuan(order.total.amount), time4: beijing(e.at) }
      : kind === 'order_shipped'
        ? {
            ...base,
            thing3: thing(
              latest.map((p) => `${carrierByCode(p.carrierCode as CarrierCode).name.zh} ${p.trackingNumber}`).join(', ') ||
                (order.virtual ? '虚拟商品' : '已发货'),
            ),
            time4: beijing(e.at),
          }
        : { ...base, time3: beijing(e.at) };
  return { message, data };
}

/** Sends the message's subscribe message unless it was sent, refused or had nowhere to go. */
async function deliverWechat(m: ShopperMessageItem, data: Record<string, string>): Promise<void> {
  if (m.wechat !== 'pending' && m.wechat !== 'consented') return;
  const topic = TOPIC[m.kind];
  const templateId = topic && templateIdOf(topic);
  const openid = await wechatOpenid(m.userId);
  if (m.wechat === 'pending') {
    if (!topic || !templateId || !openid) {
      await setWechatDelivery(m.userId, m.id, 'pending', 'none');
      return;
    }
    // the consent is taken with the move: no consent left, the message stays in the inbox only
    if (!(await setWechatDelivery(m.userId, m.id, 'pending', 'consented', topic))) {
      await setWechatDelivery(m.userId, m.id, 'pending', 'none');
      return;
    }
  }
  if (!templateId || !openid) {
    await setWechatDelivery(m.userId, m.id, 'consented', 'none');
    return;
  }
  try {
    await sendSubscribeMessage({ touser: openid, templateId, page: `orders/pages/detail/index?orderId=${m.orderId}`, data });
  } catch (err) {
    // a refusal (43101: no subscription at WeChat's end, 47003: bad data) will not change on retry
    if (!(err instanceof WechatApiError)) throw err;
    logger.warn('order subscribe message refused', { errcode: err.errcode, orderId: m.orderId });
    await setWechatDelivery(m.userId, m.id, 'consented', 'failed');
    return;
  }
  await setWechatDelivery(m.userId, m.id, 'consented', 'sent');
}

export const handler = stream({ name: 'notify-shopper', events: ['INSERT'], item: Event }).handler(async ({ item }) => {
  const composed = await compose(item);
  if (!composed) return;
  const { message } = await postShopperMessage(composed.message);
  await deliverWechat(message, composed.data);
});
