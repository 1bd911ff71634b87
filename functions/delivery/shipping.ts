/**
 * Shipping information to WeChat (order shipping management) and parcels to Kuaidi100, from the order's
 * domain events (see sync-shipping.ts). Each step records what the provider accepted on the order's
 * WECHAT_SHIPPING item only after it accepted, so a redelivered or retried event redoes exactly what is
 * missing and nothing twice:
 * 1. upload_shipping_info for the parcels WeChat does not have yet (unified delivery for one parcel of a
 *    whole order, else split delivery with is_all_delivered on the last upload; virtual goods = VIRTUAL);
 * 2. each parcel's waybill (AP83) written, then subscribed at Kuaidi100 (a repeat counts as success);
 * 3. on completion, notify_confirm_receive with the received time, once per order.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { carrierByCode, type CarrierCode } from '@wxshop/shared/carriers';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { logger } from '../lib/logger';
import { WechatApiError, notifyConfirmReceive, uploadShippingInfo, type OrderShipment } from '../lib/adapters/wechat-shipping';
import { Kuaidi100ApiError, subscribeTracking } from '../lib/adapters/kuaidi100';
import type { OrderItem } from '../orders/items';
import { remainingToShip } from '../orders/orders';
import { wechatOpenid } from '../notifications/recipients';
import { WechatShippingItem, type WaybillParcelItem } from './items';

/** WeChat takes at most 10 parcels per upload. */
const MAX_PARCELS_PER_UPLOAD = 10;
/** errcode: the order's shipping is already complete at WeChat (a repeat of an accepted final upload). */
const ALREADY_DELIVERED = 10060003;

export async function readShippingRecord(orderId: string): Promise<WechatShippingItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.wechatShipping(orderId), ConsistentRead: true }));
  if (out.Item) return WechatShippingItem.parse({ shippingUploadedAt: null, receiptNotifiedAt: null, ...out.Item });
  return { entity: 'WechatShipping', orderId, uploadedParcelIds: [], shippingUploadedAt: null, subscribedParcelIds: [], receiptNotifiedAt: null };
}

/** Adds to the record (created when absent): ids appended to a list, a time set once. */
async function record(orderId: string, change: { uploaded?: string[]; subscribed?: string[]; shippingUploadedAt?: string; receiptNotifiedAt?: string }) {
  const sets = ['entity = :entity', 'orderId = :oid'];
  const values: Record<string, unknown> = { ':entity': 'WechatShipping', ':oid': orderId, ':empty': [] };
  const list = (attr: string, ids: string[] | undefined) => {
    sets.push(`${attr} = list_append(if_not_exists(${attr}, :empty), :${attr})`);
    values[`:${attr}`] = ids ?? [];
  };
  list('uploadedParcelIds', change.uploaded);
  list('subscribedParcelIds', change.subscribed);
  for (const attr of ['shippingUploadedAt', 'receiptNotifiedAt'] as const) {
    const value = change[attr];
    if (value === undefined) continue;
    sets.push(`${attr} = if_not_exists(${attr}, :${attr})`);
    values[`:${attr}`] = value;
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.wechatShipping(orderId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeValues: values,
    }),
  );
}

/** What a parcel holds, as WeChat wants `item_desc` (1-120 characters). */
function itemDesc(order: OrderItem, lines: { skuId: string; quantity: number }[]): string {
  const text = lines
    .map((l) => {
      const line = order.lines.find((x) => x.skuId === l.skuId);
      return `${line?.title ?? l.skuId}${line?.specValues.length ? `(${line.specValues.join('/')})` : ''} x${l.quantity}`;
    })
    .join('; ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text || '商品';
}

const fullyShipped = (order: OrderItem): boolean => [...remainingToShip(order).values()].every((n) => n <= 0);

/**
 * Uploads the order's shipping information WeChat does not have yet.
 * @returns what happened: `uploaded`, `nothing` (WeChat has it all), `skipped` (not a WeChat Pay order of a WeChat shopper)
 * @throws the adapter's error when WeChat refused or failed (the stream retries)
 */
export async function uploadShipping(order: OrderItem, now = new Date()): Promise<'uploaded' | 'nothing' | 'skipped'> {
  if (!order.transactionId) return 'skipped';
  const payerOpenid = await wechatOpenid(order.userId);
  // NOTE: only mini-program (JSAPI) payments are managed by WeChat's shipping management; a shopper without a
  // WeChat identity paid in a browser (combine H5), which it does not hold.
  if (!payerOpenid) return 'skipped';
  const rec = await readShippingRecord(order.id);
  const at = now.toISOString();
  const accept = async (shipment: OrderShipment, ids: string[], final: boolean) => {
    try {
      await uploadShippingInfo({ ...shipment, payerOpenid });
    } catch (err) {
      if (!(err instanceof WechatApiError && err.errcode === ALREADY_DELIVERED)) throw err;
      logger.warn('WeChat already has the complete shipping of this order', { orderId: order.id });
      final = true;
    }
    await record(order.id, { uploaded: ids, ...(final ? { shippingUploadedAt: at } : {}) });
  };

  if (order.virtual) {
    if (rec.shippingUploadedAt) return 'nothing';
    await accept({ transactionId: order.transactionId, logistics: 'VIRTUAL', parcels: [], itemDesc: itemDesc(order, order.lines) }, [], true);
    return 'uploaded';
  }
  const pending = order.parcels.filter((p) => !rec.uploadedParcelIds.includes(p.id));
  if (pending.length === 0 || rec.shippingUploadedAt) return 'nothing';
  const all = fullyShipped(order);
  const parcel = (p: OrderItem['parcels'][number]) => {
    const carrier = carrierByCode(p.carrierCode as CarrierCode);
    return {
      expressCompany: carrier.wechat,
      trackingNo: p.trackingNumber,
      itemDesc: itemDesc(order, p.lines),
      ...(carrier.needsPhone ? { receiverPhone: order.address.phone } : {}),
    };
  };
  if (all && rec.uploadedParcelIds.length === 0 && pending.length === 1) {
    // one parcel for the whole order: unified delivery
    await accept({ transactionId: order.transactionId, logistics: 'EXPRESS', parcels: pending.map(parcel) }, [pending[0]!.id], true);
    return 'uploaded';
  }
  for (let i = 0; i < pending.length; i += MAX_PARCELS_PER_UPLOAD) {
    const chunk = pending.slice(i, i + MAX_PARCELS_PER_UPLOAD);
    const last = all && i + MAX_PARCELS_PER_UPLOAD >= pending.length;
    await accept(
      { transactionId: order.transactionId, logistics: 'EXPRESS', parcels: chunk.map(parcel), split: { allDelivered: last } },
      chunk.map((p) => p.id),
      last,
    );
  }
  return 'uploaded';
}

/** Kuaidi100's refusals that no retry changes (bad parameters, a carrier it refuses): logged, not retried. */
const PERMANENT_REFUSALS = new Set(['700', '701']);

/**
 * Subscribes every parcel of the order not yet subscribed at Kuaidi100, after writing its waybill item
 * (AP83) so the first push finds the order.
 * @returns the parcel ids subscribed now
 */
export async function subscribeParcels(order: OrderItem): Promise<string[]> {
  const rec = await readShippingRecord(order.id);
  const done: string[] = [];
  for (const p of order.parcels.filter((x) => !rec.subscribedParcelIds.includes(x.id))) {
    const waybill: WaybillParcelItem = {
      entity: 'WaybillParcel',
      carrierCode: p.carrierCode,
      trackingNumber: p.trackingNumber,
      orderId: order.id,
      parcelId: p.id,
    };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.waybillParcel(p.carrierCode, p.trackingNumber, order.id, p.id), ...waybill } }));
    const carrier = carrierByCode(p.carrierCode as CarrierCode);
    try {
      await subscribeTracking({
        carrier: carrier.code as CarrierCode,
        trackingNo: p.trackingNumber,
        ...(carrier.needsPhone ? { phone: order.address.phone } : {}),
      });
    } catch (err) {
      if (!(err instanceof Kuaidi100ApiError && PERMANENT_REFUSALS.has(err.code))) throw err;
      logger.error('Kuaidi100 refused the parcel: it will not be tracked', { orderId: order.id, parcelId: p.id, code: err.code });
    }
    await record(order.id, { subscribed: [p.id] });
    done.push(p.id);
  }
  return done;
}

/**
 * Tells WeChat the order was received (notify_confirm_receive), once per order.
 * @throws while WeChat does not have the order's complete shipping yet (the stream retries)
 */
export async function notifyReceipt(order: OrderItem, now = new Date()): Promise<'notified' | 'nothing' | 'skipped'> {
  if (!order.transactionId) return 'skipped';
  const rec = await readShippingRecord(order.id);
  if (rec.receiptNotifiedAt) return 'nothing';
  if (!rec.shippingUploadedAt) {
    if (!(await wechatOpenid(order.userId))) return 'skipped';
    throw new Error(`order ${order.id}: receipt before WeChat has its shipping information (retried)`);
  }
  const receivedAt = new Date(order.completedAt ?? now.toISOString());
  await notifyConfirmReceive({ transactionId: order.transactionId, receivedAt });
  await record(order.id, { receiptNotifiedAt: now.toISOString() });
  return 'notified';
}
