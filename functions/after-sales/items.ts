import { z } from 'zod';
import { AfterSale, AfterSaleEvidence } from '@wxshop/shared/after-sales';
import { AFTER_SALE_EVENTS } from './state-machine';

/** An after-sale case (entity `AfterSale`, AP97); GSI1 (AP98) and GSI2 (AP99) follow it. */
// photoUrls are derived when shown (repo.ts toAfterSale), not stored.
export const AfterSaleItem = AfterSale.omit({ photoUrls: true }).extend({
  entity: z.literal('AfterSale'),
  /** Bumped by every change: writes condition on the version read. */
  version: z.number().int(),
  /** The store's WeChat Pay sub-order: the refund's sub-merchant, transaction and paid total. */
  subMchid: z.string(),
  transactionId: z.string().nullable(),
  orderTotal: z.number().int(),
  /** Units to put back in stock (once, by the case's reference) when the refund starts; null once done. */
  restock: z.array(z.object({ productId: z.string(), skuId: z.string(), quantity: z.number().int().positive() })).nullable(),
  /** The due decision item (AP102), while requested. */
  dueKey: z.object({ PK: z.string(), SK: z.string() }).nullable(),
  /** The arbitration queue's entry (AP111), while escalated. */
  queueKey: z.object({ PK: z.string(), SK: z.string() }).nullable().default(null),
  /** Evidence items per side (AP112): at most MAX_EVIDENCE_PER_SIDE each, counted under the case's version. */
  evidenceCount: z.object({ shopper: z.number().int(), merchant: z.number().int() }).default({ shopper: 0, merchant: 0 }),
});
export type AfterSaleItem = z.infer<typeof AfterSaleItem>;

/** What the cases of an order hold of it (entity `RefundLedger`, AP100): every claim is conditional on its version. */
export const RefundLedgerItem = z.object({
  entity: z.literal('RefundLedger'),
  orderId: z.string(),
  version: z.number().int(),
  lines: z.record(z.string(), z.object({ units: z.number().int(), amount: z.number().int() })),
  shipping: z.number().int(),
  refunded: z.number().int(),
  /** Units refunded before they shipped (approved by rule): never to ship (shipOrder reads them). */
  withheld: z.record(z.string(), z.number().int()).optional(),
});
export type RefundLedgerItem = z.infer<typeof RefundLedgerItem>;

/** A refund to apply or to ask WeChat Pay about (entity `RefundToDo`, AP103). */
export const RefundToDoItem = z.object({
  entity: z.literal('RefundToDo'),
  afterSaleId: z.string(),
  /** Not before this time (ISO): the sweeper's next look. */
  nextAt: z.string(),
});
export type RefundToDoItem = z.infer<typeof RefundToDoItem>;

/** A domain event of a case, written in the change's transaction (entity `AfterSaleEvent`); consumers read INSERTs. */
export const AfterSaleEventItem = z.object({
  entity: z.literal('AfterSaleEvent'),
  id: z.string(),
  type: z.enum(AFTER_SALE_EVENTS),
  afterSaleId: z.string(),
  orderId: z.string(),
  userId: z.string(),
  merchantId: z.string(),
  storeName: z.string(),
  kind: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  reason: z.string().nullable(),
  amount: z.number().int(),
  at: z.string(),
});
export type AfterSaleEventItem = z.infer<typeof AfterSaleEventItem>;

/** One side's evidence of an escalated case (entity `AfterSaleEvidence`, AP112). */
export const AfterSaleEvidenceItem = AfterSaleEvidence.extend({ entity: z.literal('AfterSaleEvidence') });
export type AfterSaleEvidenceItem = z.infer<typeof AfterSaleEvidenceItem>;
