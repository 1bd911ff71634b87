import { z } from 'zod';
import { CarrierCode } from './carriers';
import { Money } from './money';
import { Id } from './catalog';
import { ActorKind } from './orders';

/**
 * After-sale cases (售后): the shopper asks for their money back on some or all units of some or all
 * lines of an order, the store decides, the goods come back (return and refund), the money goes back
 * through WeChat Pay. Amounts are always computed by the API from the order (docs/adr/0056), never sent.
 * Exchange (换货, docs/adr/0060) moves no money: the units come back and a replacement ships.
 */
export const AFTER_SALE_KINDS = ['refund_only', 'return_refund', 'exchange'] as const;
export const AfterSaleKind = z.enum(AFTER_SALE_KINDS);
export type AfterSaleKind = z.infer<typeof AfterSaleKind>;

export const AFTER_SALE_REASONS = [
  'not_received',
  'damaged',
  'wrong_item',
  'not_as_described',
  'quality_issue',
  'missing_parts',
  'changed_mind',
  'other',
] as const;
export const AfterSaleReason = z.enum(AFTER_SALE_REASONS);
export type AfterSaleReason = z.infer<typeof AfterSaleReason>;

/**
 * requested: waiting for the store (decideBy) · approved: return and refund, waiting for the shopper's
 * parcel · return_shipped: the parcel is on its way back · refunding: the refund is with WeChat Pay ·
 * refunded (terminal) · rejected: the store said no (the shopper may escalate) · escalated: waiting for
 * platform arbitration · cancelled (terminal, by the shopper) · refund_failed: WeChat Pay closed the
 * refund or it is abnormal (operations look at it) · closed (terminal): the platform decided for the
 * store (docs/adr/0059) · replacement_shipped: an exchange's replacement is on its way · exchanged
 * (terminal): the shopper received the replacement (docs/adr/0060).
 */
export const AFTER_SALE_STATUSES = [
  'requested',
  'approved',
  'return_shipped',
  'refunding',
  'refunded',
  'rejected',
  'escalated',
  'cancelled',
  'refund_failed',
  'closed',
  'replacement_shipped',
  'exchanged',
] as const;
export const AfterSaleStatus = z.enum(AFTER_SALE_STATUSES);
export type AfterSaleStatus = z.infer<typeof AfterSaleStatus>;

/** Statuses in which the case still holds its units and amount of the order (they cannot be asked for again). */
export const OPEN_AFTER_SALE_STATUSES: readonly AfterSaleStatus[] = [
  'requested',
  'approved',
  'return_shipped',
  'refunding',
  'rejected',
  'escalated',
  'refund_failed',
  'replacement_shipped',
];

export const MAX_AFTER_SALE_PHOTOS = 9;
export const MAX_AFTER_SALE_TEXT = 500;

export const AfterSaleLineInput = z.object({ skuId: Id, quantity: z.number().int().min(1).max(999) }).strict();
export type AfterSaleLineInput = z.infer<typeof AfterSaleLineInput>;

/** A photo key as an after-sale upload names it (`after-sales/<uid>/<ulid>.<ext>`); the API checks the uid is the caller's. */
export const AfterSalePhotoKey = z.string().regex(/^after-sales\/[0-9A-HJKMNP-TV-Z]{26}\/[0-9A-HJKMNP-TV-Z]{26}\.(png|jpg|webp)$/, 'an after-sale upload key');

/** `POST /me/after-sales`: which units of which lines, why; never an amount. */
export const RequestAfterSaleInput = z
  .object({
    orderId: Id,
    kind: AfterSaleKind,
    lines: z
      .array(AfterSaleLineInput)
      .min(1)
      .max(120)
      .refine((ls) => new Set(ls.map((l) => l.skuId)).size === ls.length, { message: 'each SKU once' }),
    reason: AfterSaleReason,
    text: z.string().trim().max(MAX_AFTER_SALE_TEXT).optional(),
    photoKeys: z.array(AfterSalePhotoKey).max(MAX_AFTER_SALE_PHOTOS).optional(),
  })
  .strict();
export type RequestAfterSaleInput = z.input<typeof RequestAfterSaleInput>;

export const ReturnAddress = z
  .object({
    recipient: z.string().trim().min(1).max(40),
    phone: z.string().regex(/^\+?[0-9-]{5,20}$/),
    /** The region as one line (province, city, district). */
    region: z.string().trim().min(1).max(100),
    detail: z.string().trim().min(1).max(200),
  })
  .strict();
export type ReturnAddress = z.infer<typeof ReturnAddress>;

/** `POST .../approve`: a return and refund needs the address the goods go back to. */
export const ApproveAfterSaleInput = z.object({ returnAddress: ReturnAddress.optional(), note: z.string().trim().max(200).optional() }).strict();
export type ApproveAfterSaleInput = z.input<typeof ApproveAfterSaleInput>;

export const RejectAfterSaleInput = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export type RejectAfterSaleInput = z.input<typeof RejectAfterSaleInput>;

export const SendReturnInput = z.object({ carrierCode: CarrierCode, trackingNumber: z.string().regex(/^[A-Za-z0-9-]{6,40}$/) }).strict();
export type SendReturnInput = z.input<typeof SendReturnInput>;

/** `POST .../confirm-return`: the units that arrived, per line of the case (fewer than asked: the refund is for what arrived). */
export const ConfirmReturnInput = z
  .object({
    lines: z
      .array(z.object({ skuId: Id, quantity: z.number().int().min(0).max(999) }).strict())
      .min(1)
      .max(120),
  })
  .strict();
export type ConfirmReturnInput = z.input<typeof ConfirmReturnInput>;

/** `POST .../ship-replacement`: the exchange's units arrived; the replacement leaves with this waybill. */
export const ShipReplacementInput = SendReturnInput;
export type ShipReplacementInput = SendReturnInput;

export const EscalateAfterSaleInput = z.object({ text: z.string().trim().min(1).max(MAX_AFTER_SALE_TEXT) }).strict();
export const CancelAfterSaleInput = z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict();

export const AfterSaleLine = z.object({
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  specValues: z.array(z.string()),
  imageKey: z.string().nullable(),
  /** Units asked for. */
  quantity: z.number().int(),
  /** What these units are refunded (computed from the order: docs/adr/0056). */
  amount: Money,
  /** Units the store confirmed arrived (return and refund), null until then. */
  received: z.number().int().nullable(),
});
export type AfterSaleLine = z.infer<typeof AfterSaleLine>;

export const AfterSaleHistoryEntry = z.object({
  from: AfterSaleStatus.nullable(),
  to: AfterSaleStatus,
  event: z.string(),
  actor: z.object({ kind: ActorKind, id: z.string().nullable() }),
  at: z.string(),
  reason: z.string().nullable(),
});
export type AfterSaleHistoryEntry = z.infer<typeof AfterSaleHistoryEntry>;

export const AfterSaleRefund = z.object({
  /** Our refund number at WeChat Pay, derived from the case: a retry is the same refund. */
  outRefundNo: z.string(),
  refundId: z.string().nullable(),
  status: z.enum(['PENDING', 'PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED']),
  amount: Money,
  requestedAt: z.string().nullable(),
  succeededAt: z.string().nullable(),
});
export type AfterSaleRefund = z.infer<typeof AfterSaleRefund>;

/**
 * What platform customer service decided (docs/adr/0059): `refund` refunds now (a refund only, or a return
 * and refund without the return), `return` sends the case back to the return step (refunded, or exchanged,
 * when the goods arrive), `close` decides for the store. `amount` caps the refund (at most the case's).
 */
export const ARBITRATION_DECISIONS = ['refund', 'return', 'close'] as const;
export const ArbitrationDecision = z.enum(ARBITRATION_DECISIONS);
export type ArbitrationDecision = z.infer<typeof ArbitrationDecision>;

export const AfterSaleArbitration = z.object({
  decision: ArbitrationDecision,
  amount: Money.nullable(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type AfterSaleArbitration = z.infer<typeof AfterSaleArbitration>;

export const AfterSale = z.object({
  id: z.string(),
  orderId: z.string(),
  userId: z.string(),
  merchantId: z.string(),
  storeName: z.string(),
  kind: AfterSaleKind,
  status: AfterSaleStatus,
  reason: AfterSaleReason,
  text: z.string().nullable(),
  photoKeys: z.array(z.string()),
  /** Where each photo of `photoKeys` is shown from (same order). */
  photoUrls: z.array(z.string()),
  lines: z.array(AfterSaleLine),
  /** The goods' share of the refund. */
  goods: Money,
  /** The order's shipping refunded with it (only when nothing shipped and the order is refunded whole). */
  shipping: Money,
  /** goods + shipping: what the shopper gets back (less, if fewer units arrived). */
  total: Money,
  /** When the store's answer is due; no answer by then approves the case. */
  decideBy: z.string().nullable(),
  returnAddress: ReturnAddress.nullable(),
  returnParcel: z.object({ carrierCode: z.string(), trackingNumber: z.string(), shippedAt: z.string() }).nullable(),
  rejectReason: z.string().nullable(),
  escalation: z.object({ text: z.string(), at: z.string() }).nullable(),
  refund: AfterSaleRefund.nullable(),
  /** The platform's decision of an escalated case (docs/adr/0059); absent on cases decided before it existed. */
  arbitration: AfterSaleArbitration.nullable().default(null),
  /** An exchange's replacement parcel (docs/adr/0060). */
  replacementParcel: z.object({ carrierCode: z.string(), trackingNumber: z.string(), shippedAt: z.string() }).nullable().default(null),
  history: z.array(AfterSaleHistoryEntry),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AfterSale = z.infer<typeof AfterSale>;

export const AfterSalePage = z.object({ items: z.array(AfterSale), nextCursor: z.string().nullable() });
export type AfterSalePage = z.infer<typeof AfterSalePage>;

export const AfterSaleParams = z.object({ afterSaleId: Id }).strict();
export const MerchantAfterSaleParams = z.object({ merchantId: Id, afterSaleId: Id }).strict();
export const MerchantAfterSalesParams = z.object({ merchantId: Id }).strict();

/** The shopper's cases, newest first; with `orderId`, that order's cases only (for the order page, AP101). */
export const ListMyAfterSalesQuery = z
  .object({ orderId: Id.optional(), cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() })
  .strict();
/** The store's queue: one status, the oldest deadline first for `requested` (what to answer first), newest first otherwise. */
export const ListMerchantAfterSalesQuery = z
  .object({ status: AfterSaleStatus, cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() })
  .strict();

/**
 * `POST /me/after-sale-quotes`: what a request would refund, before it is sent (the request page shows
 * it), and what of each line can still be asked for. Nothing is written; `lines` may be empty (only
 * what is left).
 */
export const QuoteAfterSaleInput = z
  .object({
    orderId: Id,
    kind: AfterSaleKind,
    lines: z
      .array(AfterSaleLineInput)
      .max(120)
      .refine((ls) => new Set(ls.map((l) => l.skuId)).size === ls.length, { message: 'each SKU once' }),
  })
  .strict();
export type QuoteAfterSaleInput = z.input<typeof QuoteAfterSaleInput>;

export const AfterSaleQuote = z.object({
  orderId: z.string(),
  /** Per line of the order: units no open or refunded case holds (what a new request may ask for). */
  left: z.array(z.object({ skuId: z.string(), units: z.number().int() })),
  lines: z.array(z.object({ skuId: z.string(), quantity: z.number().int(), amount: Money })),
  goods: Money,
  shipping: Money,
  total: Money,
});
export type AfterSaleQuote = z.infer<typeof AfterSaleQuote>;
/** Evidence of one side of an escalated case (docs/adr/0059): text and at most 9 photos (the caller's after-sale uploads). */
export const MAX_EVIDENCE_PER_SIDE = 10;
export const AddEvidenceInput = z
  .object({
    text: z.string().trim().min(1).max(MAX_AFTER_SALE_TEXT),
    photoKeys: z.array(AfterSalePhotoKey).max(MAX_AFTER_SALE_PHOTOS).optional(),
  })
  .strict();
export type AddEvidenceInput = z.input<typeof AddEvidenceInput>;

export const EvidenceSide = z.enum(['shopper', 'merchant']);
export type EvidenceSide = z.infer<typeof EvidenceSide>;

export const AfterSaleEvidence = z.object({
  id: z.string(),
  afterSaleId: z.string(),
  side: EvidenceSide,
  actorId: z.string(),
  text: z.string(),
  photoKeys: z.array(z.string()),
  createdAt: z.string(),
});
export type AfterSaleEvidence = z.infer<typeof AfterSaleEvidence>;

/** Evidence as customer service sees it: its photos as short-lived signed URLs. */
export const ArbitrationEvidence = AfterSaleEvidence.extend({ photoUrls: z.array(z.string()) });
export type ArbitrationEvidence = z.infer<typeof ArbitrationEvidence>;

/** A case's evidence as either side sees it (both sides', oldest first). */
export const EvidenceList = z.object({ items: z.array(ArbitrationEvidence) });
export type EvidenceList = z.infer<typeof EvidenceList>;

/** The case as customer service sees it: every step (history), the request's photos, both sides' evidence oldest first. */
export const ArbitrationCase = z.object({ case: AfterSale, photoUrls: z.array(z.string()), evidence: z.array(ArbitrationEvidence) });
export type ArbitrationCase = z.infer<typeof ArbitrationCase>;

/** `POST /admin/after-sales/{id}/decide`: never more than the case may refund; a return needs the address the goods go back to. */
export const DecideArbitrationInput = z
  .object({
    decision: ArbitrationDecision,
    reason: z.string().trim().min(1).max(200),
    /** fen, at most the case's total (refund / return of a return and refund only). */
    amount: z.number().int().min(1).max(100_000_000).optional(),
    returnAddress: ReturnAddress.optional(),
  })
  .strict();
export type DecideArbitrationInput = z.input<typeof DecideArbitrationInput>;

/** The arbitration queue (AP111): escalated cases, the longest waiting first. */
export const ArbitrationQueueQuery = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() }).strict();
