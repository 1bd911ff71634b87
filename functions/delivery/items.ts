import { z } from 'zod';
import { TrackingState } from '@wxshop/shared/orders';

/**
 * What WeChat's order shipping management has accepted for one order (entity `WechatShipping`,
 * `PK=ORDER#<oid> SK=WECHAT_SHIPPING`) and which parcels are subscribed at Kuaidi100. Written only after
 * the provider accepted, so a retry redoes exactly what is missing.
 */
export const WechatShippingItem = z.object({
  entity: z.literal('WechatShipping'),
  orderId: z.string(),
  /** Parcels WeChat has (split delivery uploads the ones still missing). */
  uploadedParcelIds: z.array(z.string()),
  /** When WeChat accepted the upload that completed the order's shipping (is_all_delivered, or unified). */
  shippingUploadedAt: z.string().nullable(),
  /** Parcels subscribed at Kuaidi100 (their AP83 waybill items written first). */
  subscribedParcelIds: z.array(z.string()),
  /** When notify_confirm_receive was accepted. */
  receiptNotifiedAt: z.string().nullable(),
});
export type WechatShippingItem = z.infer<typeof WechatShippingItem>;

/** AP83: a parcel under its carrier's waybill (entity `WaybillParcel`). */
export const WaybillParcelItem = z.object({
  entity: z.literal('WaybillParcel'),
  carrierCode: z.string(),
  trackingNumber: z.string(),
  orderId: z.string(),
  parcelId: z.string(),
});
export type WaybillParcelItem = z.infer<typeof WaybillParcelItem>;

/**
 * A newer tracking push stored on a parcel (entity `ParcelTracked`), written in the same transaction as
 * the order: the stream carries it to the shopper's notifications. Keyed by the parcel's event count, so
 * each newer push is one item and a repeated push writes none.
 */
export const ParcelTrackedItem = z.object({
  entity: z.literal('ParcelTracked'),
  id: z.string(),
  orderId: z.string(),
  userId: z.string(),
  storeName: z.string(),
  parcelId: z.string(),
  carrierCode: z.string(),
  trackingNumber: z.string(),
  from: TrackingState.nullable(),
  to: TrackingState,
  description: z.string().nullable(),
  at: z.string(),
});
export type ParcelTrackedItem = z.infer<typeof ParcelTrackedItem>;
