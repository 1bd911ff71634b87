import { z } from 'zod';
import { Money } from './money';

/**
 * A store's WeChat Pay sub-merchant account (二级商户, 电商收付通) and its application (applyment).
 * A store sells only once it has a `subMchid`; the merchant status page shows the application's state
 * and what to do next (`nextStep`).
 */

/** WeChat Pay's applyment states, named as WeChat names them. */
export const APPLYMENT_STATES = ['CHECKING', 'ACCOUNT_NEED_VERIFY', 'AUDITING', 'NEED_SIGN', 'FINISH', 'REJECTED', 'FROZEN', 'CANCELED'] as const;
export const ApplymentState = z.enum(APPLYMENT_STATES);
export type ApplymentState = z.infer<typeof ApplymentState>;

/** States after which WeChat Pay changes nothing more (a new application is needed after REJECTED or CANCELED). */
export const FINAL_APPLYMENT_STATES: readonly ApplymentState[] = ['FINISH', 'REJECTED', 'FROZEN', 'CANCELED'];

/**
 * What the merchant does next:
 * - `apply`: no application yet (or the last one was rejected/cancelled: fix and apply again);
 * - `wait`: WeChat Pay is checking or auditing;
 * - `verify_account`: pay `accountValidation.payAmount` from the settlement account to the account shown;
 * - `sign`: open `signUrl` and sign the agreement;
 * - `done`: the store has its sub-merchant id and can sell;
 * - `contact_support`: frozen.
 */
export const APPLYMENT_NEXT_STEPS = ['apply', 'wait', 'verify_account', 'sign', 'done', 'contact_support'] as const;
export const ApplymentNextStep = z.enum(APPLYMENT_NEXT_STEPS);
export type ApplymentNextStep = z.infer<typeof ApplymentNextStep>;

/** WeChat Pay's organization types: 2401 小微商户, 2500 个人卖家, 4 个体工商户, 2 企业, 3 事业单位, 1708 其他组织. */
export const ORGANIZATION_TYPES = ['2401', '2500', '4', '2', '3', '1708'] as const;
export const OrganizationType = z.enum(ORGANIZATION_TYPES);

const mobile = z.string().regex(/^1[3-9][0-9]{9}$/, 'a mainland mobile number');

/**
 * `POST /merchants/{merchantId}/payment-account/applyments`: the application as WeChat Pay takes it.
 * Identity and bank details are encrypted and sent to WeChat Pay; they are NOT stored by the platform.
 */
export const SubmitApplymentInput = z
  .object({
    organizationType: OrganizationType,
    /** 商户简称, shown to shoppers on the payment page. */
    merchantShortname: z.string().trim().min(2).max(64),
    contact: z.object({ name: z.string().trim().min(2).max(64), mobile, email: z.email().max(128).optional() }).strict(),
    idCard: z
      .object({
        name: z.string().trim().min(2).max(64),
        number: z.string().regex(/^[0-9]{17}[0-9Xx]$/, 'an 18-character ID card number'),
        /** Media ids of the uploaded ID card images (WeChat Pay's image upload). */
        copyMediaId: z.string().min(1).max(512),
        nationalMediaId: z.string().min(1).max(512),
        /** `["2020-01-01","2040-01-01"]` or `["2020-01-01","长期"]` as WeChat Pay wants it. */
        validTime: z.string().min(1).max(64),
      })
      .strict()
      .optional(),
    bankAccount: z
      .object({
        type: z.enum(['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE']),
        bank: z.string().trim().min(2).max(64),
        name: z.string().trim().min(2).max(64),
        number: z.string().regex(/^[0-9]{8,30}$/),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SubmitApplymentInput = z.input<typeof SubmitApplymentInput>;

/** One application as the platform keeps it (no identity or bank details). */
export const Applyment = z.object({
  /** Our number for it (out_request_no): one per submission. */
  outRequestNo: z.string(),
  /** WeChat Pay's number for it. */
  applymentId: z.string(),
  state: ApplymentState,
  /** WeChat Pay's description of the state (Chinese). */
  stateDesc: z.string(),
  merchantShortname: z.string(),
  organizationType: OrganizationType,
  /** NEED_SIGN: the merchant opens this to sign. */
  signUrl: z.string().nullable(),
  /** ACCOUNT_NEED_VERIFY: pay this amount to this account to prove the settlement account. */
  accountValidation: z.object({ payAmount: Money, toAccountNumber: z.string(), toAccountName: z.string(), deadline: z.string().nullable() }).nullable(),
  /** REJECTED: what to fix, per field. */
  rejectReasons: z.array(z.object({ field: z.string(), reason: z.string() })),
  /** FINISH: the sub-merchant id. */
  subMchid: z.string().nullable(),
  submittedAt: z.string(),
  /** When WeChat Pay was last asked. */
  checkedAt: z.string(),
});
export type Applyment = z.infer<typeof Applyment>;

/** `GET /merchants/{merchantId}/payment-account`: the store's account and its latest application. */
export const PaymentAccount = z.object({
  merchantId: z.string(),
  /** The store's sub-merchant id; null until an application finishes (demo stores are seeded with one). */
  subMchid: z.string().nullable(),
  canSell: z.boolean(),
  nextStep: ApplymentNextStep,
  /** The latest application, or null when there was none (e.g. a seeded store). */
  application: Applyment.nullable(),
});
export type PaymentAccount = z.infer<typeof PaymentAccount>;
