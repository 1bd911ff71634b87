/**
 * Tracking pushes (Kuaidi100) stored on the order's parcels (`Parcel.tracking`), ADR 0048. A push repeats
 * every event so far, so the newest push wins by its event count, then by its newest event's time; an
 * older or repeated push changes nothing. A newer push writes a ParcelTracked item in the same
 * transaction (the stream tells the shopper). When every parcel of a fully shipped order is signed, the
 * order is delivered.
 */
import { ulid } from 'ulid';
import type { ParcelTracking, TrackingState } from '@wxshop/shared/orders';
import { keys } from '../lib/keys';
import { logger } from '../lib/logger';
import { putNew, queryAll, transact, TransactionConditionError } from '../lib/table-ops';
import type { TrackingState as Kuaidi100State, TrackingUpdate } from '../lib/adapters/kuaidi100';
import type { OrderItem } from '../orders/items';
import { orderPut } from '../orders/checkout';
import { markDelivered, readOrder } from '../orders/orders';
import { WaybillParcelItem, type ParcelTrackedItem } from './items';

const STATES: Record<Kuaidi100State, TrackingState> = {
  IN_TRANSIT: 'in_transit',
  COLLECTED: 'collected',
  TROUBLE: 'difficult',
  SIGNED: 'signed',
  SIGN_RETURNED: 'returned',
  OUT_FOR_DELIVERY: 'delivering',
  RETURNING: 'returning',
  FORWARDED: 'in_transit',
  CUSTOMS: 'customs',
  REFUSED: 'rejected',
  UNKNOWN: 'unknown',
};

/** The parcel's tracking as a push reports it. */
export function trackingOf(update: TrackingUpdate): ParcelTracking {
  const events = update.events.map((e) => ({ at: e.at, description: e.description, state: STATES[e.state], area: e.area ?? null }));
  const newest = events[events.length - 1];
  return { state: STATES[update.state], signed: update.signed, updatedAt: newest?.at ?? '', events };
}

const ms = (iso: string | undefined): number => (iso ? Date.parse(iso) || 0 : 0);

/** Whether `next` is newer than what the parcel holds: more events, or as many with a later newest one. */
export function isNewer(current: ParcelTracking | null, next: ParcelTracking): boolean {
  if (!current) return true;
  if (next.events.length !== current.events.length) return next.events.length > current.events.length;
  return ms(next.events[next.events.length - 1]?.at) > ms(current.events[current.events.length - 1]?.at);
}

const allSigned = (o: OrderItem): boolean => o.parcels.length > 0 && o.parcels.every((p) => p.tracking?.signed === true);

/** Stores the push on one parcel unless it is not newer. @returns whether the parcel changed */
async function applyToParcel(orderId: string, parcelId: string, tracking: ParcelTracking, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const o = await readOrder(orderId);
    const parcel = o.parcels.find((p) => p.id === parcelId);
    if (!parcel) return false;
    if (!isNewer(parcel.tracking, tracking)) {
      await deliverIfSigned(o, now);
      return false;
    }
    const next: OrderItem = { ...o, parcels: o.parcels.map((p) => (p.id === parcelId ? { ...p, tracking } : p)), version: o.version + 1 };
    const newest = tracking.events[tracking.events.length - 1];
    const tracked: ParcelTrackedItem = {
      entity: 'ParcelTracked',
      id: ulid(now.getTime()),
      orderId,
      userId: o.userId,
      storeName: o.storeName,
      parcelId,
      carrierCode: parcel.carrierCode,
      trackingNumber: parcel.trackingNumber,
      from: parcel.tracking?.state ?? null,
      to: tracking.state,
      description: newest?.description ?? null,
      // the carrier's time of the newest event (Beijing offset) as UTC ISO, like every other timestamp
      at: Number.isNaN(Date.parse(tracking.updatedAt)) ? now.toISOString() : new Date(tracking.updatedAt).toISOString(),
    };
    try {
      await transact([orderPut(o, next), putNew({ ...keys.parcelTracked(orderId, parcelId, tracking.events.length, tracking.updatedAt), ...tracked })]);
    } catch (err) {
      if (!(err instanceof TransactionConditionError)) throw err;
      // the order changed meanwhile (version), or the same push landed twice at once: read again
      continue;
    }
    await deliverIfSigned(next, now);
    return true;
  }
  throw new Error(`order ${orderId}: tracking kept conflicting`);
}

/** A fully shipped order whose parcels are all signed is delivered (repeated pushes finish a crashed one). */
async function deliverIfSigned(o: OrderItem, now: Date): Promise<void> {
  if (o.status === 'shipped' && allSigned(o)) await markDelivered(o.id, { kind: 'system', id: 'kuaidi100' }, now);
}

/**
 * Applies a verified push to every parcel under its waybill (AP83).
 * @returns how many parcels it names and how many changed
 */
export async function recordTrackingPush(update: TrackingUpdate, now = new Date()): Promise<{ parcels: number; changed: number }> {
  if (!update.carrier) {
    logger.warn('tracking push for a carrier we do not ship with', { company: update.company });
    return { parcels: 0, changed: 0 };
  }
  const waybill = keys.waybillParcels(update.carrier, update.trackingNo);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': waybill.PK, ':sk': waybill.SKPrefix },
    ConsistentRead: true,
  });
  const tracking = trackingOf(update);
  let changed = 0;
  for (const raw of items) {
    const p = WaybillParcelItem.parse(raw);
    if (await applyToParcel(p.orderId, p.parcelId, tracking, now)) changed += 1;
  }
  if (items.length === 0) logger.warn('tracking push for an unknown waybill', { carrier: update.carrier, trackingNo: update.trackingNo });
  return { parcels: items.length, changed };
}
