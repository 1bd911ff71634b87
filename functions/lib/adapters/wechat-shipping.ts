/**
 * WeChat mini-program order shipping management (小程序发货信息管理服务): tells WeChat what was shipped for
 * a paid order so it releases the money, and reminds the shopper to confirm receipt.
 * Orders are keyed by WeChat Pay transaction_id (one per store's sub-order of a combine payment).
 *
 * NOTE: the caller retries failures (ExternalServiceError) until accepted: a repeated identical upload
 * is accepted again, so retrying is safe.
 */
import { z } from 'zod';
import { postWithAccessToken } from './wechat';

export { WechatApiError } from './wechat';

/** 1 express, 2 same-city delivery, 3 virtual goods, 4 pickup by the shopper. */
export type LogisticsType = 'EXPRESS' | 'SAME_CITY' | 'VIRTUAL' | 'SELF_PICKUP';
const LOGISTICS: Record<LogisticsType, 1 | 2 | 3 | 4> = { EXPRESS: 1, SAME_CITY: 2, VIRTUAL: 3, SELF_PICKUP: 4 };

export interface Parcel {
  /** WeChat's carrier code (shared/src/carriers.ts `wechatCode`), e.g. SF, ZTO. */
  expressCompany: string;
  trackingNo: string;
  /** What is in the parcel, e.g. "茶叶 x2" (1-120 chars). */
  itemDesc: string;
  /** The receiver's phone; masked here (SF requires it). */
  receiverPhone?: string;
}

export interface OrderShipment {
  /** WeChat Pay transaction_id of the store's (sub-)order. */
  transactionId: string;
  logistics: LogisticsType;
  /** Express: one or more parcels (at most 10 per upload); other kinds: one item description. */
  parcels: Parcel[];
  /** Only for split delivery: is this the last upload for the order? */
  split?: { allDelivered: boolean };
  /** For non-express kinds, what was delivered. */
  itemDesc?: string;
}

/** `18912341234` -> `189****1234` (WeChat accepts only masked contacts). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.length < 8 ? '****' : `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
}

function deliveryBody(shipment: OrderShipment): Record<string, unknown> {
  const shippingList =
    shipment.logistics === 'EXPRESS'
      ? shipment.parcels.map((p) => ({
          tracking_no: p.trackingNo,
          express_company: p.expressCompany,
          item_desc: p.itemDesc,
          ...(p.receiverPhone ? { contact: { receiver_contact: maskPhone(p.receiverPhone) } } : {}),
        }))
      : [{ item_desc: shipment.itemDesc ?? shipment.parcels[0]?.itemDesc ?? '商品' }];
  if (shippingList.length > 10) throw new RangeError('WeChat accepts at most 10 parcels per upload');
  return {
    logistics_type: LOGISTICS[shipment.logistics],
    delivery_mode: shipment.split ? 2 : 1,
    ...(shipment.split ? { is_all_delivered: shipment.split.allDelivered } : {}),
    shipping_list: shippingList,
  };
}

/** RFC 3339 in Beijing time, as WeChat wants `upload_time`. */
const uploadTime = (at = new Date()): string => `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

const Ok = z.object({ errcode: z.number().optional() });

/**
 * Uploads the shipping information of one paid order (upload_shipping_info).
 * @throws WechatApiError e.g. 10060001 unknown transaction, 10060003 already fully shipped, 10060019 SF without contact
 */
export async function uploadShippingInfo(shipment: OrderShipment & { payerOpenid: string }): Promise<void> {
  await postWithAccessToken(
    '/wxa/sec/order/upload_shipping_info',
    {
      order_key: { order_number_type: 2, transaction_id: shipment.transactionId },
      ...deliveryBody(shipment),
      upload_time: uploadTime(),
      payer: { openid: shipment.payerOpenid },
    },
    Ok,
  );
}

/**
 * Uploads the shipping information of sub-orders of a combine payment (upload_combined_shipping_info).
 * @param input.platformMchid the platform's mchid; input.combineOutTradeNo our checkout number
 */
export async function uploadCombinedShippingInfo(input: {
  platformMchid: string;
  combineOutTradeNo: string;
  payerOpenid: string;
  subOrders: OrderShipment[];
}): Promise<void> {
  await postWithAccessToken(
    '/wxa/sec/order/upload_combined_shipping_info',
    {
      order_key: { order_number_type: 1, mchid: input.platformMchid, out_trade_no: input.combineOutTradeNo },
      sub_orders: input.subOrders.map((s) => ({ order_key: { order_number_type: 2, transaction_id: s.transactionId }, ...deliveryBody(s) })),
      upload_time: uploadTime(),
      payer: { openid: input.payerOpenid },
    },
    Ok,
  );
}

/**
 * Tells WeChat the parcel was received (after delivery is known, or our automatic confirmation).
 * @throws WechatApiError 10060023 when WeChat has no shipping information for it yet
 */
export async function notifyConfirmReceive(input: { transactionId: string; receivedAt: Date }): Promise<void> {
  await postWithAccessToken(
    '/wxa/sec/order/notify_confirm_receive',
    { transaction_id: input.transactionId, received_time: Math.floor(input.receivedAt.getTime() / 1000) },
    Ok,
  );
}

/** 1 to ship, 2 shipped, 3 receipt confirmed, 4 completed, 5 refunded (WeChat's order_state). */
export async function getShippingOrderState(transactionId: string): Promise<{ orderState: number }> {
  const answer = await postWithAccessToken(
    '/wxa/sec/order/get_order',
    { transaction_id: transactionId },
    z.object({ order: z.object({ order_state: z.number().int() }) }),
  );
  return { orderState: answer.order.order_state };
}
