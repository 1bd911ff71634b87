/**
 * The merchants' money (ADR 0061-0063): platform fee rates, the profit-sharing cap, the merchant's
 * balance and postings, and withdrawals. Amounts are integer fen (CNY); rates are basis points.
 */
import { z } from 'zod';
import { Money } from './money';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** WeChat Pay e-commerce: at most this share of a sub-order may be taken by profit sharing (30%). */
export const PROFIT_SHARING_CAP_BPS = 3000;
/**
 * The most the distributor commission may ever take of an order (it travels in the same profit-sharing
 * order as the platform's fee). A fee rate is refused when, with this, it could pass the cap.
 */
export const MAX_COMMISSION_BPS = 1000;
/** The platform's fee rate when nothing else is set (5%). */
export const DEFAULT_FEE_BPS = 500;

/**
 * THE cap check, the one function both the admin routes (refusing a rate) and the settlement (before it
 * asks WeChat Pay) use: a fee rate plus the largest commission rate stays within the 30% cap.
 */
export function withinProfitSharingCap(feeBps: number, commissionBps: number = MAX_COMMISSION_BPS): boolean {
  return Number.isInteger(feeBps) && feeBps >= 0 && Number.isInteger(commissionBps) && commissionBps >= 0 && feeBps + commissionBps <= PROFIT_SHARING_CAP_BPS;
}

/** The largest fee rate an admin may set. */
export const MAX_FEE_BPS = PROFIT_SHARING_CAP_BPS - MAX_COMMISSION_BPS;

const Bps = z.number().int().min(0).max(10_000);

export const FeeRates = z.object({
  defaultBps: z.number().int(),
  /** Leaf category id -> rate. */
  categories: z.record(z.string(), z.number().int()),
  /** Merchant id -> rate: overrides the category rates. */
  merchants: z.record(z.string(), z.number().int()),
  capBps: z.number().int(),
  maxCommissionBps: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type FeeRates = z.infer<typeof FeeRates>;

/**
 * `POST /admin/fee-rates`: one rate. `scope` default: `bps` is the default rate; category / merchant:
 * `categoryId` / `merchantId` names it, and `bps: null` removes its own rate.
 */
export const SetFeeRateInput = z
  .object({
    scope: z.enum(['default', 'category', 'merchant']),
    categoryId: z.string().regex(ULID, 'a category id').optional(),
    merchantId: z.string().regex(ULID, 'a merchant id').optional(),
    bps: Bps.nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const wants = v.scope === 'category' ? 'categoryId' : v.scope === 'merchant' ? 'merchantId' : null;
    for (const field of ['categoryId', 'merchantId'] as const) {
      if (field === wants && v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required for scope ${v.scope}` });
      if (field !== wants && v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `not for scope ${v.scope}` });
    }
    if (v.scope === 'default' && v.bps === null) ctx.addIssue({ code: 'custom', path: ['bps'], message: 'the default rate cannot be removed' });
  });
export type SetFeeRateInput = z.infer<typeof SetFeeRateInput>;

export const MerchantBalance = z.object({
  merchantId: z.string(),
  /** Paid, not yet released (frozen at WeChat Pay until the order settles). */
  pending: Money,
  /** Released to the merchant: can be withdrawn. */
  available: Money,
  /** Sent to the bank (withdrawals in flight included). */
  withdrawn: Money,
  updatedAt: z.string().nullable(),
});
export type MerchantBalance = z.infer<typeof MerchantBalance>;

export const POSTING_KINDS = ['payment', 'refund', 'fee', 'fee_returned', 'released', 'withdrawal', 'withdrawal_returned'] as const;
export const PostingKind = z.enum(POSTING_KINDS);
export type PostingKind = z.infer<typeof PostingKind>;

export const MerchantPosting = z.object({
  id: z.string(),
  kind: PostingKind,
  /** What it is for (order, refund, settlement, withdrawal): each reference is posted once per kind. */
  reference: z.string(),
  orderId: z.string().nullable(),
  /** How each balance moved (fen, signed). */
  pending: z.number().int(),
  available: z.number().int(),
  withdrawn: z.number().int(),
  currency: z.literal('CNY'),
  at: z.string(),
});
export type MerchantPosting = z.infer<typeof MerchantPosting>;

export const PageQuery = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(50).optional() }).strict();
export const MerchantPostingPage = z.object({ items: z.array(MerchantPosting), nextCursor: z.string().nullable() });
export type MerchantPostingPage = z.infer<typeof MerchantPostingPage>;

export const WITHDRAWAL_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export const Withdrawal = z.object({
  id: z.string(),
  merchantId: z.string(),
  outRequestNo: z.string(),
  amount: Money,
  status: z.enum(WITHDRAWAL_STATUSES),
  withdrawId: z.string().nullable(),
  failReason: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Withdrawal = z.infer<typeof Withdrawal>;
export const WithdrawalPage = z.object({ items: z.array(Withdrawal), nextCursor: z.string().nullable() });
export type WithdrawalPage = z.infer<typeof WithdrawalPage>;

/** `POST /merchants/{merchantId}/withdrawals`: the amount asked for; checked against OUR available balance. */
export const CreateWithdrawalInput = z
  .object({
    amount: z.object({ amount: z.number().int().positive().max(100_000_000), currency: z.literal('CNY') }).strict(),
  })
  .strict();
export type CreateWithdrawalInput = z.infer<typeof CreateWithdrawalInput>;
