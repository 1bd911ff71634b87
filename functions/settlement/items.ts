/** The items of the merchants' money (AP117-AP124, ADR 0061-0063). */
import { z } from 'zod';
import { PostingKind, WITHDRAWAL_STATUSES } from '@wxshop/shared/settlement';

/** AP117: every fee rate in one item (entity `FeeSchedule`). */
export const FeeScheduleItem = z.object({
  entity: z.literal('FeeSchedule'),
  defaultBps: z.number().int(),
  categories: z.record(z.string(), z.number().int()),
  merchants: z.record(z.string(), z.number().int()),
  updatedAt: z.string().nullable(),
});
export type FeeScheduleItem = z.infer<typeof FeeScheduleItem>;

export const SETTLEMENT_STATUSES = ['sharing', 'shared', 'settled', 'sharing_failed'] as const;

/**
 * AP119: an order's settlement (entity `Settlement`). `kept` = paid - refunded when it started; the fee
 * and commission are of `kept`; `refundedAfter` and `returned` follow refunds after it (ADR 0062).
 */
export const SettlementItem = z.object({
  entity: z.literal('Settlement'),
  orderId: z.string(),
  merchantId: z.string(),
  subMchid: z.string(),
  transactionId: z.string(),
  feeBps: z.number().int(),
  paid: z.number().int(),
  kept: z.number().int(),
  fee: z.number().int(),
  commission: z.number().int(),
  status: z.enum(SETTLEMENT_STATUSES),
  /** Our profit-sharing number (`PS` + order id) and finish number (`PF` + order id). */
  outOrderNo: z.string(),
  finishOutOrderNo: z.string(),
  /** WeChat Pay's profit-sharing order id, once placed. */
  sharingOrderId: z.string().nullable(),
  /** Refunded after the settlement started, and what the platform gave back of its share for them. */
  refundedAfter: z.number().int(),
  returned: z.number().int(),
  /** After-sale case id -> fee returned before its refund (once per case). */
  refundsAfter: z.record(z.string(), z.number().int()),
  startedAt: z.string(),
  settledAt: z.string().nullable(),
  version: z.number().int(),
});
export type SettlementItem = z.infer<typeof SettlementItem>;

/** AP120: a merchant's balances in fen; every change is a posting in the same transaction. */
export const BalanceItem = z.object({
  entity: z.literal('MerchantBalance'),
  merchantId: z.string(),
  pending: z.number().int(),
  available: z.number().int(),
  withdrawn: z.number().int(),
  updatedAt: z.string().optional(),
});
export type BalanceItem = z.infer<typeof BalanceItem>;

/** AP121: one posting (entity `MerchantPosting`), never changed. */
export const PostingItem = z.object({
  entity: z.literal('MerchantPosting'),
  id: z.string(),
  merchantId: z.string(),
  kind: PostingKind,
  reference: z.string(),
  orderId: z.string().nullable(),
  pending: z.number().int(),
  available: z.number().int(),
  withdrawn: z.number().int(),
  currency: z.literal('CNY'),
  at: z.string(),
});
export type PostingItem = z.infer<typeof PostingItem>;

/** AP123: a withdrawal (entity `Withdrawal`). */
export const WithdrawalItem = z.object({
  entity: z.literal('Withdrawal'),
  id: z.string(),
  merchantId: z.string(),
  subMchid: z.string(),
  outRequestNo: z.string(),
  amount: z.number().int(),
  status: z.enum(WITHDRAWAL_STATUSES),
  withdrawId: z.string().nullable(),
  failReason: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type WithdrawalItem = z.infer<typeof WithdrawalItem>;
