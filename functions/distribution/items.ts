import { z } from 'zod';
import { Money } from '@wxshop/shared/money';
import { BindingMode, DistributionRules, DistributorStatus, ShareChannel, ShareKind } from '@wxshop/shared/distribution';

/** AP129: the distribution rules, one item; `version` bumps on every save. */
export const RulesItem = z.object({ ...DistributionRules.shape, entity: z.literal('DistributionRules') });
export type RulesItem = z.infer<typeof RulesItem>;

/** AP130: a shopper's distributor application and its decision; GSI2 (AP131) follows the status. */
export const DistributorItem = z.object({
  entity: z.literal('Distributor'),
  userId: z.string(),
  nickname: z.string(),
  status: DistributorStatus,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type DistributorItem = z.infer<typeof DistributorItem>;

/** AP132: a share (a scene) and its stored mini-program code. */
export const ShareItem = z.object({
  entity: z.literal('Share'),
  scene: z.string(),
  kind: ShareKind,
  targetId: z.string().nullable(),
  page: z.string(),
  distributorId: z.string(),
  /** Set once the code is generated and stored (never regenerated). */
  qrKey: z.string().nullable(),
  createdAt: z.string(),
});
export type ShareItem = z.infer<typeof ShareItem>;

/** AP133: the scene of a distributor's share of one target. */
export const OwnShareItem = z.object({ entity: z.literal('OwnShare'), scene: z.string() });

/** AP134: one opening of a share (anonymous: the binding records who came by which share and channel). */
export const ShareVisitItem = z.object({
  entity: z.literal('ShareVisit'),
  scene: z.string(),
  channel: ShareChannel,
  at: z.string(),
});

/** AP135: who referred a user; GSI1 (AP136) lists the referrer's team. */
export const ReferralItem = z.object({
  entity: z.literal('Referral'),
  userId: z.string(),
  referrerId: z.string(),
  scene: z.string(),
  channel: ShareChannel,
  mode: BindingMode,
  boundAt: z.string(),
  /** `days` bindings end then; null: permanent or last click. */
  boundUntil: z.string().nullable(),
  /** Bumped by every rebinding: a rebinding conditions on the one read. */
  version: z.number().int(),
});
export type ReferralItem = z.infer<typeof ReferralItem>;

/** One tier of an order's commission, fixed when the order is placed. */
export const SnapshotTier = z.object({
  tier: z.number().int().min(1).max(3),
  distributorId: z.string(),
  /** The tier's amount: the sum over lines of lineTotal x rate, floored once in fen. */
  amount: z.number().int().nonnegative(),
});
export type SnapshotTier = z.infer<typeof SnapshotTier>;

/** AP137: an order's referral chain and commission, taken at placement; what has been reversed since. */
export const SnapshotItem = z.object({
  entity: z.literal('CommissionSnapshot'),
  orderId: z.string(),
  buyerId: z.string(),
  merchantId: z.string(),
  rulesVersion: z.number().int(),
  currency: z.string(),
  /** The goods amount commission is on (lines after the store's adjustments, without shipping). */
  base: z.number().int().nonnegative(),
  /** What the shopper paid for the order (refund proportions are of this). */
  paid: z.number().int().nonnegative(),
  lines: z.array(z.object({ skuId: z.string(), categoryId: z.string().nullable(), lineTotal: z.number().int(), rates: z.array(z.number().int()) })),
  tiers: z.array(SnapshotTier),
  accruedAt: z.string().nullable(),
  /** Refunds of the order seen so far (fen), and by which after-sale events. */
  refunded: z.number().int().nonnegative(),
  refundRefs: z.array(z.string()),
  /** Reversed per tier so far (fen, positive). */
  reversed: z.record(z.string(), z.number().int().nonnegative()),
  version: z.number().int(),
  createdAt: z.string(),
});
export type SnapshotItem = z.infer<typeof SnapshotItem>;

/** AP138: one commission posting (append-only). */
export const PostingItem = z.object({
  entity: z.literal('CommissionPosting'),
  id: z.string(),
  distributorId: z.string(),
  kind: z.enum(['accrual', 'reversal']),
  reference: z.string(),
  orderId: z.string(),
  tier: z.number().int(),
  amount: Money,
  state: z.enum(['pending', 'available']),
  at: z.string(),
});
export type PostingItem = z.infer<typeof PostingItem>;

/** AP139: a distributor's balances (fen), changed in each posting's transaction. */
export const BalanceItem = z.object({
  entity: z.literal('CommissionBalance'),
  distributorId: z.string(),
  currency: z.string(),
  pending: z.number().int(),
  available: z.number().int(),
  withdrawn: z.number().int(),
  owed: z.number().int(),
});
export type BalanceItem = z.infer<typeof BalanceItem>;
