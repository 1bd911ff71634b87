/** The merchant's items as stored (AP10 profile, staff) and their views. */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Currency } from '@wxshop/shared/money';
import { LocalizedText } from '@wxshop/shared/i18n/languages';
import { MerchantRole } from '@wxshop/shared/auth';
import { MerchantStatus, type MerchantAdminView } from '@wxshop/shared/merchants';
import { publicImageUrl } from './uploads';

export { MerchantStatus };

/** One write of a transaction (TransactWriteItems entry). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** AP10: the merchant PROFILE item, which also carries the store profile and the platform status. */
export const MerchantItem = z.object({
  entity: z.literal('Merchant'),
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  ownerId: z.string(),
  currency: Currency,
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  statusReason: z.string().optional(),
  statusChangedAt: z.string().optional(),
  applicationId: z.string().optional(),
  intro: LocalizedText.optional(),
  logoKey: z.string().optional(),
  bannerKey: z.string().optional(),
  /** The store's WeChat Pay sub-merchant id (二级商户号): a store without one cannot sell. */
  subMchid: z.string().optional(),
  /** The store's Alipay 直付通 sub-merchant id (smid): the Alipay build sells a store only with one (ADR 0047). */
  alipaySmid: z.string().optional(),
  /** Staff items, the owner's included; capped at MAX_STAFF_PER_MERCHANT. */
  staffCount: z.number().int().optional(),
  /** Bumped by every staff change: a write that copies merchant fields onto every staff item conditions on it. */
  staffRevision: z.number().int().optional(),
});
export type MerchantItem = z.infer<typeof MerchantItem>;

export const StaffItem = z.object({
  entity: z.literal('MerchantStaff'),
  merchantId: z.string(),
  userId: z.string(),
  role: MerchantRole,
  merchantName: z.string(),
  merchantStatus: MerchantStatus,
  createdAt: z.string().optional(),
});
export type StaffItem = z.infer<typeof StaffItem>;

/** The form store names are compared in: NFKC, trimmed, lower case, single spaces. */
export const normalizeName = (name: string): string => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function toAdminView(m: MerchantItem): MerchantAdminView {
  return {
    id: m.id,
    name: m.name,
    status: m.status,
    statusReason: m.statusReason ?? null,
    statusChangedAt: m.statusChangedAt ?? null,
    ownerId: m.ownerId,
    currency: m.currency,
    applicationId: m.applicationId ?? null,
    logoUrl: publicImageUrl(m.logoKey),
    createdAt: m.createdAt,
  };
}
