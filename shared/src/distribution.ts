import { z } from 'zod';
import { Id } from './catalog';
import { Money, NonNegativeMoney } from './money';

/**
 * Share to earn (issue 9, ADR 0064-0066): the platform's distribution rules, distributors and their
 * review, shares with a short `scene`, referral bindings and commission postings.
 */

/** 100% in basis points. */
export const BASIS_POINTS = 10_000;
/** What profit sharing may take of an order by default (WeChat Pay e-commerce: 30%). */
export const PROFIT_SHARING_CAP_BP = 3000;
/**
 * NOTE: the largest platform fee rate. The fee rates are being added under `functions/` (the money area)
 * in parallel; until that module is on main this is the assumed maximum, and the rules' check
 * (`withinProfitSharingCap`) must meet the fee cap defined there: fee + commission pool <= 30%.
 */
export const MAX_PLATFORM_FEE_BP = 600;

export const MAX_TIERS = 3;
export const TIER_NUMBERS = [1, 2, 3] as const;

const Bp = z.number().int().min(0).max(PROFIT_SHARING_CAP_BP);
/** Rates of tier 1, 2, 3 (basis points of the order's goods amount); as many as the rules' tiers. */
export const TierRates = z.array(Bp).min(1).max(MAX_TIERS);

export const JOIN_MODES = ['apply', 'spend', 'everyone'] as const;
export const JoinMode = z.enum(JOIN_MODES);
export type JoinMode = z.infer<typeof JoinMode>;

export const BINDING_MODES = ['permanent', 'days', 'last_click'] as const;
export const BindingMode = z.enum(BINDING_MODES);
export type BindingMode = z.infer<typeof BindingMode>;

const CnyAmount = NonNegativeMoney.refine((m) => m.currency === 'CNY', { message: 'amounts of the rules are in CNY' });

export const CategoryRate = z.object({ categoryId: Id, rates: TierRates }).strict();

/** The rules as the admin writes them (one item, versioned: `expectedVersion` is the version read, 0 for the first). */
export const DistributionRulesFields = z
  .object({
    enabled: z.boolean(),
    tiers: z.number().int().min(1).max(MAX_TIERS),
    rates: TierRates,
    /** Per category (a category's rates apply to its products and its sub-categories' ones). Per product or SKU: later. */
    categoryRates: z.array(CategoryRate).max(200),
    /** Whether a distributor earns tier 1 on their own purchases. */
    selfPurchase: z.boolean(),
    joinMode: JoinMode,
    /** `spend`: what a shopper's paid orders must reach to become a distributor. */
    spendThreshold: CnyAmount.nullable(),
    bindingMode: BindingMode,
    /** `days`: how long a binding lasts. */
    bindingDays: z.number().int().min(1).max(3650).nullable(),
    /** Days after the order completes before its commission becomes available (the after-sale window). */
    settlementDelayDays: z.number().int().min(0).max(90),
    minimumWithdrawal: CnyAmount,
    withdrawalFeeBp: z.number().int().min(0).max(1000),
    dailyWithdrawalCap: CnyAmount,
  })
  .strict();

/** The largest commission pool (all tiers in force) any order may carry under these rules, in basis points. */
export function maxCommissionBasisPoints(rules: Pick<DistributionRules, 'tiers' | 'rates' | 'categoryRates'>): number {
  const pool = (rates: number[]) => rates.slice(0, rules.tiers).reduce((s, r) => s + r, 0);
  return Math.max(pool(rules.rates), ...rules.categoryRates.map((c) => pool(c.rates)));
}

/** NOTE: meets the platform fee cap of the money area: the fee and the whole pool stay within profit sharing's 30%. */
export const withinProfitSharingCap = (rules: Pick<DistributionRules, 'tiers' | 'rates' | 'categoryRates'>): boolean =>
  MAX_PLATFORM_FEE_BP + maxCommissionBasisPoints(rules) <= PROFIT_SHARING_CAP_BP;

type RulesShape = z.infer<typeof DistributionRulesFields>;

function refineRules(r: RulesShape, ctx: z.RefinementCtx): void {
  if (r.rates.length !== r.tiers) ctx.addIssue({ code: 'custom', path: ['rates'], message: 'one rate per tier' });
  r.categoryRates.forEach((c, i) => {
    if (c.rates.length !== r.tiers) ctx.addIssue({ code: 'custom', path: ['categoryRates', i, 'rates'], message: 'one rate per tier' });
  });
  if (new Set(r.categoryRates.map((c) => c.categoryId)).size !== r.categoryRates.length)
    ctx.addIssue({ code: 'custom', path: ['categoryRates'], message: 'one entry per category' });
  if (!withinProfitSharingCap(r))
    ctx.addIssue({
      code: 'custom',
      path: ['rates'],
      message: `the platform fee (up to ${MAX_PLATFORM_FEE_BP} bp) and the commission pool may not exceed ${PROFIT_SHARING_CAP_BP} bp`,
    });
  if ((r.joinMode === 'spend') !== (r.spendThreshold !== null))
    ctx.addIssue({ code: 'custom', path: ['spendThreshold'], message: 'a threshold with joinMode spend, and only then' });
  if ((r.bindingMode === 'days') !== (r.bindingDays !== null))
    ctx.addIssue({ code: 'custom', path: ['bindingDays'], message: 'days with bindingMode days, and only then' });
}

export const SaveDistributionRulesInput = DistributionRulesFields.extend({ expectedVersion: z.number().int().min(0) })
  .strict()
  .superRefine(refineRules);
export type SaveDistributionRulesInput = z.input<typeof SaveDistributionRulesInput>;

export const DistributionRules = DistributionRulesFields.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type DistributionRules = z.infer<typeof DistributionRules>;

/** Distribution off, until the platform writes its rules (version 0). */
export const DEFAULT_RULES: DistributionRules = {
  enabled: false,
  tiers: 1,
  rates: [0],
  categoryRates: [],
  selfPurchase: false,
  joinMode: 'apply',
  spendThreshold: null,
  bindingMode: 'permanent',
  bindingDays: null,
  settlementDelayDays: 7,
  minimumWithdrawal: { amount: 100, currency: 'CNY' },
  withdrawalFeeBp: 0,
  dailyWithdrawalCap: { amount: 500_00, currency: 'CNY' },
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

// --- distributors

export const DISTRIBUTOR_STATUSES = ['applied', 'approved', 'rejected'] as const;
export const DistributorStatus = z.enum(DISTRIBUTOR_STATUSES);
export type DistributorStatus = z.infer<typeof DistributorStatus>;

export const ApplyDistributorInput = z.object({ note: z.string().trim().max(200).optional() }).strict();
export type ApplyDistributorInput = z.input<typeof ApplyDistributorInput>;

export const RejectDistributorInput = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

export const Distributor = z.object({
  userId: z.string(),
  nickname: z.string(),
  status: DistributorStatus,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type Distributor = z.infer<typeof Distributor>;

/** What the Me page shows: the program (whether and how one joins) and the caller's standing in it. */
export const MyDistributor = z.object({
  program: z.object({ enabled: z.boolean(), joinMode: JoinMode, spendThreshold: Money.nullable(), spent: Money }),
  distributor: Distributor.nullable(),
});
export type MyDistributor = z.infer<typeof MyDistributor>;

export const DistributorQueueQuery = z
  .object({ status: DistributorStatus.default('applied'), cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(100).optional() })
  .strict();
export const DistributorPage = z.object({ items: z.array(Distributor), nextCursor: z.string().nullable() });
export type DistributorPage = z.infer<typeof DistributorPage>;
export const DistributorParams = z.object({ userId: Id }).strict();

// --- shares and bindings

/** `wxacode.getUnlimited`'s scene: at most 32 visible characters of this set. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
export const Scene = z.string().max(32).regex(SCENE_PATTERN, 'a share scene');

export const SHARE_KINDS = ['store', 'product', 'invite'] as const;
export const ShareKind = z.enum(SHARE_KINDS);
export type ShareKind = z.infer<typeof ShareKind>;

export const CreateShareInput = z
  .object({ kind: ShareKind, targetId: Id.optional() })
  .strict()
  .refine((v) => (v.kind === 'invite') === (v.targetId === undefined), {
    message: 'a target for a store or product share, none for an invite',
    path: ['targetId'],
  });
export type CreateShareInput = z.input<typeof CreateShareInput>;

export const Share = z.object({
  scene: z.string(),
  kind: ShareKind,
  targetId: z.string().nullable(),
  /** The mini-program page the scene opens (no leading slash). */
  page: z.string(),
  /** The H5 link carrying the scene (copyable). */
  link: z.string(),
  /** The stored mini-program code (PNG), generated once. */
  qrUrl: z.string(),
  createdAt: z.string(),
});
export type Share = z.infer<typeof Share>;

export const SHARE_CHANNELS = ['qr', 'chat', 'moments', 'link'] as const;
export const ShareChannel = z.enum(SHARE_CHANNELS);
export type ShareChannel = z.infer<typeof ShareChannel>;

export const SceneParams = z.object({ scene: Scene }).strict();
export const RecordVisitInput = z.object({ channel: ShareChannel }).strict();
export const ShareTarget = z.object({ scene: z.string(), kind: ShareKind, targetId: z.string().nullable(), page: z.string() });
export type ShareTarget = z.infer<typeof ShareTarget>;

export const BindReferralInput = z.object({ scene: Scene, channel: ShareChannel }).strict();
export type BindReferralInput = z.input<typeof BindReferralInput>;

export const BIND_OUTCOMES = ['bound', 'kept', 'refused'] as const;
export const BIND_REFUSALS = ['disabled', 'self', 'loop', 'not_distributor'] as const;
export const BindResult = z.object({
  outcome: z.enum(BIND_OUTCOMES),
  reason: z.enum(BIND_REFUSALS).nullable(),
  /** Who the caller is bound to now (null: nobody). */
  referrerId: z.string().nullable(),
  boundUntil: z.string().nullable(),
});
export type BindResult = z.infer<typeof BindResult>;

// --- earnings and team

export const COMMISSION_POSTING_KINDS = ['accrual', 'reversal'] as const;
export const CommissionPosting = z.object({
  id: z.string(),
  kind: z.enum(COMMISSION_POSTING_KINDS),
  orderId: z.string(),
  tier: z.number().int().min(1).max(MAX_TIERS),
  /** Positive for an accrual, negative for a reversal. */
  amount: Money,
  state: z.enum(['pending', 'available']),
  at: z.string(),
});
export type CommissionPosting = z.infer<typeof CommissionPosting>;

export const Earnings = z.object({
  pending: Money,
  available: Money,
  withdrawn: Money,
  /** What reversals took beyond the balance: recovered from future earnings. */
  owed: Money,
  postings: z.array(CommissionPosting),
});
export type Earnings = z.infer<typeof Earnings>;

export const TeamQuery = z
  .object({
    tier: z.coerce.number().int().min(1).max(MAX_TIERS).default(1),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export const TeamMember = z.object({ userId: z.string(), nickname: z.string(), tier: z.number().int(), boundAt: z.string(), via: z.string().nullable() });
export type TeamMember = z.infer<typeof TeamMember>;
export const TeamPage = z.object({ tier: z.number().int(), items: z.array(TeamMember), nextCursor: z.string().nullable() });
export type TeamPage = z.infer<typeof TeamPage>;
