import { z } from 'zod';
import { LocalizedText, TEXT_LIMITS, localizedText } from './i18n/languages';
import { Currency } from './money';
import { MerchantRole } from './auth';
import { Phone } from './users';
import { Id } from './catalog';

// ---------------------------------------------------------------- store status
/** open: sells; warned: sells, with a warning shown to the merchant; suspended: shown, not sold; closed: final. */
export const MERCHANT_STATUSES = ['open', 'warned', 'suspended', 'closed'] as const;
export const MerchantStatus = z.enum(MERCHANT_STATUSES);
export type MerchantStatus = z.infer<typeof MerchantStatus>;

/** The statuses in which a store's products can be bought. */
export const SELLING_STATUSES: readonly MerchantStatus[] = ['open', 'warned'];
export const isSellingStatus = (status: MerchantStatus): boolean => SELLING_STATUSES.includes(status);

/** A store name: unique on the platform (compared case- and width-insensitively). */
export const StoreName = z.string().trim().min(2).max(40);

// ---------------------------------------------------------------- uploads
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const IMAGE_EXT = '(png|jpg|webp)';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Asks for a presigned PUT of one image (PNG, JPEG or WebP, at most 5 MiB). */
export const ImageUploadRequest = z
  .object({
    contentType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    /** Bytes; at most 5 MiB. The presigned URL is bound to this exact length. */
    size: z.number().int().positive().max(MAX_IMAGE_BYTES),
  })
  .strict();
export type ImageUploadRequest = z.infer<typeof ImageUploadRequest>;

/** `applications/<applicantId>/<ulid>.<ext>`: private; reviewers get short-lived signed links. */
export const ApplicationDocumentKey = z
  .string()
  .regex(new RegExp(`^applications/${ULID}/${ULID}\\.${IMAGE_EXT}$`), 'a key returned by the document upload call');
/** `merchants/<merchantId>/store/<ulid>.<ext>`: logo, banner and layout images. */
export const StoreImageKey = z.string().regex(new RegExp(`^merchants/${ULID}/store/${ULID}\\.${IMAGE_EXT}$`), 'a key returned by the store upload call');
/** `categories/<ulid>.<ext>`. */
export const CategoryIconKey = z.string().regex(new RegExp(`^categories/${ULID}\\.${IMAGE_EXT}$`), 'a key returned by the icon upload call');

// ---------------------------------------------------------------- onboarding
export const BUSINESS_TYPES = ['company', 'individual'] as const;
export const BusinessType = z.enum(BUSINESS_TYPES);
export type BusinessType = z.infer<typeof BusinessType>;

export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** What an applicant fills in; the same body submits a new application and resubmits a rejected one. */
export const ApplicationInput = z
  .object({
    businessType: BusinessType,
    storeName: StoreName,
    /** Business licence number (unified social credit code, usually 18 characters). */
    licenceNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z-]{6,32}$/, '6-32 letters, digits or dashes'),
    contactName: z.string().trim().min(1).max(32),
    contactPhone: Phone,
    /** A top-level category: the store's main line of business. */
    categoryId: Id,
    /** Licence and ID photos uploaded through the document upload call; 1-6, all different. */
    documentKeys: z
      .array(ApplicationDocumentKey)
      .min(1)
      .max(6)
      .refine((keys) => new Set(keys).size === keys.length, 'the same document twice'),
  })
  .strict();
export type ApplicationInput = z.infer<typeof ApplicationInput>;

export const ApplicationContent = z.object({
  businessType: BusinessType,
  storeName: z.string(),
  licenceNumber: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  categoryId: z.string(),
  documentKeys: z.array(z.string()),
});
export type ApplicationContent = z.infer<typeof ApplicationContent>;

export const Application = ApplicationContent.extend({
  id: z.string(),
  applicantId: z.string(),
  status: ApplicationStatus,
  /** 1 for the first submission, +1 for every resubmission after a rejection. */
  version: z.number().int().positive(),
  /** Why the latest submission was rejected (shown to the applicant); null unless rejected. */
  rejectReason: z.string().nullable(),
  /** The store created on approval. */
  merchantId: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Application = z.infer<typeof Application>;

/** One submission, kept unchanged, with the review decision on it. */
export const ApplicationVersion = ApplicationContent.extend({
  version: z.number().int().positive(),
  submittedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  reason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type ApplicationVersion = z.infer<typeof ApplicationVersion>;

export const ApplicationDetail = Application.extend({
  /** Short-lived signed links to the documents of the latest submission, in `documentKeys` order. */
  documentUrls: z.array(z.string()),
  /** Every submission, oldest first. */
  versions: z.array(ApplicationVersion),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const RejectApplicationInput = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

// ---------------------------------------------------------------- store layout
export const MAX_LAYOUT_BLOCKS = 10;
export const MAX_FEATURED_PRODUCTS = 20;
export const MAX_STRIP_CATEGORIES = 10;

export const LayoutBlockInput = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('banner'),
      imageKey: StoreImageKey,
      /** Where a tap goes: a product or a category (not both), or nowhere. */
      productId: Id.optional(),
      categoryId: Id.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('featured_products'),
      title: localizedText(TEXT_LIMITS.layoutTitle).optional(),
      productIds: z.array(Id).min(1).max(MAX_FEATURED_PRODUCTS),
    })
    .strict(),
  z
    .object({
      type: z.literal('category_strip'),
      categoryIds: z.array(Id).min(1).max(MAX_STRIP_CATEGORIES),
    })
    .strict(),
]);
export type LayoutBlockInput = z.infer<typeof LayoutBlockInput>;

export const StoreLayoutInput = z.object({ blocks: z.array(LayoutBlockInput).max(MAX_LAYOUT_BLOCKS) }).strict();
export type StoreLayoutInput = z.infer<typeof StoreLayoutInput>;

export const LayoutBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('banner'), imageKey: z.string(), imageUrl: z.string(), productId: z.string().nullable(), categoryId: z.string().nullable() }),
  z.object({ type: z.literal('featured_products'), title: LocalizedText.nullable(), productIds: z.array(z.string()) }),
  z.object({ type: z.literal('category_strip'), categoryIds: z.array(z.string()) }),
]);
export type LayoutBlock = z.infer<typeof LayoutBlock>;

// ---------------------------------------------------------------- store profile
export const UpdateStoreProfileInput = z
  .object({
    name: StoreName.optional(),
    intro: localizedText(TEXT_LIMITS.storeIntro).nullable().optional(),
    /** null removes the image. */
    logoKey: StoreImageKey.nullable().optional(),
    bannerKey: StoreImageKey.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type UpdateStoreProfileInput = z.infer<typeof UpdateStoreProfileInput>;

/** What the store's staff see and edit. */
export const StoreProfile = z.object({
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  /** The platform's reason for the current status (warned, suspended, closed); null when none. */
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  selling: z.boolean(),
  currency: Currency,
  intro: LocalizedText.nullable(),
  logoKey: z.string().nullable(),
  logoUrl: z.string().nullable(),
  bannerKey: z.string().nullable(),
  bannerUrl: z.string().nullable(),
  blocks: z.array(LayoutBlock),
  createdAt: z.string(),
});
export type StoreProfile = z.infer<typeof StoreProfile>;

/** What shoppers see: the client localizes `intro` and block titles. Product ids are resolved to cards by the browse API. */
export const PublicStore = z.object({
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  /** False when suspended or closed: products are shown but cannot be bought. */
  selling: z.boolean(),
  intro: LocalizedText.nullable(),
  logoUrl: z.string().nullable(),
  bannerUrl: z.string().nullable(),
  blocks: z.array(LayoutBlock),
});
export type PublicStore = z.infer<typeof PublicStore>;

// ---------------------------------------------------------------- platform view
export const MerchantAdminView = z.object({
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  ownerId: z.string(),
  currency: Currency,
  applicationId: z.string().nullable(),
  logoUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type MerchantAdminView = z.infer<typeof MerchantAdminView>;

export const SetMerchantStatusInput = z.object({ status: MerchantStatus, reason: z.string().trim().min(2).max(500) }).strict();
export type SetMerchantStatusInput = z.infer<typeof SetMerchantStatusInput>;

export const InboxMessage = z.object({
  id: z.string(),
  /** The client renders the text from `kind` (i18n) plus `status` and `reason`, or shows `title`/`body` when given. */
  kind: z.enum(['store_opened', 'status_changed', 'low_stock', 'after_sale', 'payment_account']),
  status: MerchantStatus,
  reason: z.string().nullable(),
  /**
   * Messages written by other domains (low stock) carry their text in every language and a link target;
   * `payment_account` (the WeChat Pay application moved, ADR 0054) carries `data.state`.
   */
  title: LocalizedText.optional(),
  body: LocalizedText.optional(),
  data: z.record(z.string(), z.string()).optional(),
  createdAt: z.string(),
});
export type InboxMessage = z.infer<typeof InboxMessage>;

// ---------------------------------------------------------------- staff
/** Roles the owner can give: the owner role itself is never given or taken through the staff routes. */
export const STAFF_ROLES = ['operator', 'customer_service'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;
export const MAX_STAFF_PER_MERCHANT = 50;

export const InviteStaffInput = z
  .object({
    role: StaffRole,
    /** The invitee's phone: added at once when it has an account, else when it first signs in by SMS. */
    phone: Phone.optional(),
    /** Or an existing account id. */
    userId: Id.optional(),
  })
  .strict()
  .refine((b) => (b.phone === undefined) !== (b.userId === undefined), { message: 'give exactly one of phone or userId', path: ['phone'] });
export type InviteStaffInput = z.infer<typeof InviteStaffInput>;

export const ChangeStaffRoleInput = z.object({ role: StaffRole }).strict();

export const StaffMember = z.object({
  userId: z.string(),
  nickname: z.string(),
  /** A masked login (phone first), for recognising the person. */
  login: z.string(),
  role: MerchantRole,
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const PendingInvite = z.object({
  phone: z.string(),
  role: StaffRole,
  invitedBy: z.string(),
  invitedAt: z.string(),
  /** After this the invite is ignored; invite again. */
  expiresAt: z.string(),
});
export type PendingInvite = z.infer<typeof PendingInvite>;

export const InviteOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('added'), staff: StaffMember }),
  z.object({ outcome: z.literal('invited'), invite: PendingInvite }),
]);
export type InviteOutcome = z.infer<typeof InviteOutcome>;
