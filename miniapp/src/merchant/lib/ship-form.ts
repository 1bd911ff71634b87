/**
 * The ship form: parcels as edited (carrier, tracking number, how many of each line it holds) and the
 * body of POST .../ship built from them. What is left to ship comes from the order's own parcels, as
 * the API counts it; the checks are the API's (tracking format, nothing over what is left).
 */
import { CarrierCode, type MessageKey, type Order, type ShipOrderInput } from '@wxshop/shared';

export const MAX_PARCELS = 20;
const TRACKING = /^[A-Za-z0-9-]{6,40}$/;

export interface ParcelDraft {
  carrierCode: string;
  trackingNumber: string;
  /** skuId -> quantity in this parcel. */
  quantities: Record<string, number>;
}

/** Field path (`parcels.0.trackingNumber`, `lines.<skuId>`) -> message key. */
export type ShipErrors = Record<string, MessageKey>;

/** What of each SKU is still to ship (ordered minus shipped), in line order. */
export function remainingToShip(order: Pick<Order, 'lines' | 'parcels'>): Map<string, number> {
  const left = new Map(order.lines.map((l) => [l.skuId, l.quantity]));
  for (const p of order.parcels) for (const l of p.lines) left.set(l.skuId, (left.get(l.skuId) ?? 0) - l.quantity);
  return left;
}

/** How many of each SKU the parcels hold together. */
export function assigned(parcels: readonly ParcelDraft[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of parcels) for (const [sku, n] of Object.entries(p.quantities)) out.set(sku, (out.get(sku) ?? 0) + n);
  return out;
}

/** A new parcel holding whatever no parcel holds yet (the first parcel: everything left). */
export function newParcel(remaining: ReadonlyMap<string, number>, parcels: readonly ParcelDraft[] = []): ParcelDraft {
  const taken = assigned(parcels);
  const quantities: Record<string, number> = {};
  for (const [sku, left] of remaining) if (left > 0) quantities[sku] = Math.max(0, left - (taken.get(sku) ?? 0));
  return { carrierCode: '', trackingNumber: '', quantities };
}

/** Sets a parcel's quantity of a SKU, kept between 0 and what is left of it. */
export function setQuantity(parcels: readonly ParcelDraft[], index: number, skuId: string, n: number, remaining: ReadonlyMap<string, number>): ParcelDraft[] {
  const max = remaining.get(skuId) ?? 0;
  const q = Math.min(max, Math.max(0, Math.floor(Number.isFinite(n) ? n : 0)));
  return parcels.map((p, i) => (i === index ? { ...p, quantities: { ...p.quantities, [skuId]: q } } : p));
}

/**
 * The request body, or the errors to show: a carrier and a tracking number per parcel, at least one
 * item per parcel, no SKU shipped more often than is left of it.
 */
export function buildShipInput(parcels: readonly ParcelDraft[], remaining: ReadonlyMap<string, number>): { input: ShipOrderInput } | { errors: ShipErrors } {
  const errors: ShipErrors = {};
  if (parcels.length === 0) errors['parcels'] = 'merchant.ship.err_no_parcel';
  parcels.forEach((p, i) => {
    if (!CarrierCode.safeParse(p.carrierCode).success) errors[`parcels.${i}.carrierCode`] = 'merchant.ship.err_carrier';
    const tn = p.trackingNumber.trim();
    if (!tn) errors[`parcels.${i}.trackingNumber`] = 'merchant.err.required';
    else if (!TRACKING.test(tn)) errors[`parcels.${i}.trackingNumber`] = 'merchant.ship.err_tracking';
    if (!Object.values(p.quantities).some((n) => n > 0)) errors[`parcels.${i}.lines`] = 'merchant.ship.err_empty_parcel';
  });
  for (const [sku, n] of assigned(parcels)) if (n > (remaining.get(sku) ?? 0)) errors[`lines.${sku}`] = 'merchant.ship.err_too_many';
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      parcels: parcels.map((p) => ({
        carrierCode: p.carrierCode as CarrierCode,
        trackingNumber: p.trackingNumber.trim(),
        lines: Object.entries(p.quantities)
          .filter(([, n]) => n > 0)
          .map(([skuId, quantity]) => ({ skuId, quantity })),
      })),
    },
  };
}
