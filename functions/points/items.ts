import { z } from 'zod';
import { PointsRules, PointsSource, PostingKind } from '@wxshop/shared/points';

const Part = z.object({ batchSk: z.string(), amount: z.number().int() });

/** AP143: the shopper's points account; every posting changes it in the posting's transaction. */
export const PointsAccountItem = z.object({
  entity: z.literal('PointsAccount'),
  userId: z.string(),
  available: z.number().int(),
  frozen: z.number().int(),
  version: z.number().int(),
  openFrom: z.string().nullable(),
  updatedAt: z.string(),
});
export type PointsAccountItem = z.infer<typeof PointsAccountItem>;

/** AP144: one earning batch. */
export const PointsBatchItem = z.object({
  entity: z.literal('PointsBatch'),
  userId: z.string(),
  sk: z.string(),
  id: z.string(),
  amount: z.number().int(),
  remaining: z.number().int(),
  frozen: z.number().int(),
  expired: z.number().int(),
  earnedAt: z.string(),
  expiresAt: z.string(),
  source: PointsSource,
  reference: z.string(),
  expiredAt: z.string().nullable(),
});
export type PointsBatchItem = z.infer<typeof PointsBatchItem>;

/** AP145: one posting (append-only). */
export const PointsPostingItem = z.object({
  entity: z.literal('PointsPosting'),
  userId: z.string(),
  id: z.string(),
  kind: PostingKind,
  source: PointsSource,
  delta: z.number().int(),
  frozenDelta: z.number().int(),
  parts: z.array(Part),
  reference: z.string(),
  at: z.string(),
});
export type PointsPostingItem = z.infer<typeof PointsPostingItem>;

/** AP147: points held for an unpaid order. */
export const PointsFreezeItem = z.object({
  entity: z.literal('PointsFreeze'),
  userId: z.string(),
  orderId: z.string(),
  amount: z.number().int(),
  parts: z.array(Part),
  status: z.enum(['held', 'released', 'settled']),
  at: z.string(),
});
export type PointsFreezeItem = z.infer<typeof PointsFreezeItem>;

/** AP149 */
export const PointsRulesItem = z.object({ entity: z.literal('PointsRules'), rules: PointsRules, updatedAt: z.string(), updatedBy: z.string() });
export type PointsRulesItem = z.infer<typeof PointsRulesItem>;

/** AP150 */
export const CheckInItem = z.object({
  entity: z.literal('CheckIn'),
  userId: z.string(),
  lastDay: z.string(),
  streak: z.number().int(),
  lastPoints: z.number().int(),
});
export type CheckInItem = z.infer<typeof CheckInItem>;

/** AP151: a day's views and points, of a shopper or of a device. */
export const PointsDayItem = z.object({
  entity: z.literal('PointsDay'),
  views: z.number().int().default(0),
  wechatViews: z.number().int().default(0),
  points: z.number().int().default(0),
  /** Devices only: the accounts that started a view on it that day. */
  accounts: z.preprocess((v) => (v instanceof Set ? [...(v as Set<string>)] : (v ?? [])), z.array(z.string())),
});
export type PointsDayItem = z.infer<typeof PointsDayItem>;

export const FLAG_REASONS = ['early_completion', 'many_accounts', 'device_mismatch'] as const;
export const FlagReason = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReason>;

/** AP152: a rewarded-view token (stored by its hash). */
export const RewardedViewItem = z.object({
  entity: z.literal('RewardedView'),
  tokenHash: z.string(),
  userId: z.string(),
  kind: z.enum(['house', 'wechat']),
  creativeId: z.string(),
  /** Merchant campaigns come later (issue 10): null for house creatives and WeChat's ad. */
  campaignId: z.string().nullable(),
  deviceId: z.string(),
  day: z.string(),
  startedAt: z.string(),
  durationSeconds: z.number().int(),
  points: z.number().int(),
  status: z.enum(['started', 'credited', 'held', 'capped', 'rejected']),
  flags: z.array(FlagReason),
  earlyAttempts: z.number().int(),
  completedAt: z.string().nullable(),
  credited: z.number().int(),
  expiresAt: z.number().int(),
});
export type RewardedViewItem = z.infer<typeof RewardedViewItem>;
