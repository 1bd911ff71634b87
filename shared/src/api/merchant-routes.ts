import { z } from 'zod';
import { defineRoute } from './route';
import { MerchantId, MerchantParams, Ok } from './params';
import { MerchantRole } from '../auth';
import { Id } from '../catalog';
import { Phone, UploadTicket } from '../users';
import {
  Application,
  ApplicationDetail,
  ApplicationInput,
  ApplicationStatus,
  ChangeStaffRoleInput,
  ImageUploadRequest,
  InboxMessage,
  InviteOutcome,
  InviteStaffInput,
  MerchantAdminView,
  MerchantStatus,
  PendingInvite,
  PublicStore,
  RejectApplicationInput,
  SetMerchantStatusInput,
  StaffMember,
  StoreLayoutInput,
  StoreProfile,
  UpdateStoreProfileInput,
} from '../merchants';

export const MerchantSummary = z.object({ id: z.string(), name: z.string(), status: MerchantStatus, role: MerchantRole });

const Page = z
  .object({
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
const ApplicationParams = z.object({ applicationId: Id }).strict();

export const listMyMerchants = defineRoute({
  id: 'list-my-merchants',
  method: 'GET',
  path: '/me/merchants',
  summary: 'The merchants this account is staff of, with its role in each',
  tag: 'merchant',
  auth: 'user',
  response: z.object({ items: z.array(MerchantSummary) }),
});

export const getMerchantDashboard = defineRoute({
  id: 'get-merchant-dashboard',
  method: 'GET',
  path: '/merchants/{merchantId}/dashboard',
  summary: "A merchant's home figures (staff only; other merchants' staff get 404)",
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:read' },
  params: MerchantParams,
  response: z.object({ merchant: MerchantSummary, staffCount: z.number().int() }),
});

// ---------------------------------------------------------------- onboarding: the applicant

export const createApplicationUpload = defineRoute({
  id: 'create-application-upload',
  method: 'POST',
  path: '/merchant-applications/uploads',
  summary: 'A presigned S3 PUT URL for one application document (licence or ID photo: PNG, JPEG or WebP, at most 5 MiB); send the returned key in documentKeys',
  tag: 'onboarding',
  auth: 'user',
  body: ImageUploadRequest,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 30, per: 3600 }],
});

export const submitApplication = defineRoute({
  id: 'submit-application',
  method: 'POST',
  path: '/merchant-applications',
  summary: 'Apply to open a store. One open application per account: a rejected one is edited and resubmitted (PUT), not replaced; 409 otherwise',
  tag: 'onboarding',
  auth: 'user',
  status: 201,
  idempotent: true,
  body: ApplicationInput,
  response: Application,
  rateLimit: [{ key: 'user', limit: 5, per: 86400 }],
});

export const listMyApplications = defineRoute({
  id: 'list-my-applications',
  method: 'GET',
  path: '/me/merchant-applications',
  summary: "The signed-in account's store applications, newest first, with status and rejection reason",
  tag: 'onboarding',
  auth: 'user',
  response: z.object({ items: z.array(Application) }),
});

export const getMyApplication = defineRoute({
  id: 'get-my-application',
  method: 'GET',
  path: '/merchant-applications/{applicationId}',
  summary: 'One of my applications with every submitted version and links to its documents (404 for anyone else)',
  tag: 'onboarding',
  auth: 'user',
  params: ApplicationParams,
  response: ApplicationDetail,
});

export const resubmitApplication = defineRoute({
  id: 'resubmit-application',
  method: 'PUT',
  path: '/merchant-applications/{applicationId}',
  summary: 'Edit and resubmit a rejected application: a new version goes back to the review queue (409 unless rejected)',
  tag: 'onboarding',
  auth: 'user',
  idempotent: true,
  params: ApplicationParams,
  body: ApplicationInput,
  response: Application,
  rateLimit: [{ key: 'user', limit: 10, per: 86400 }],
});

// ---------------------------------------------------------------- onboarding: platform review

export const listApplicationQueue = defineRoute({
  id: 'list-application-queue',
  method: 'GET',
  path: '/admin/merchant-applications',
  summary: 'Store applications in one status (default submitted: the review queue), oldest submission first, a page at a time',
  tag: 'onboarding',
  auth: { platform: 'platform:merchant:review' },
  query: Page.extend({ status: ApplicationStatus.optional() }).strict(),
  response: z.object({ items: z.array(Application), nextCursor: z.string().nullable() }),
});

export const getApplicationForReview = defineRoute({
  id: 'get-application-for-review',
  method: 'GET',
  path: '/admin/merchant-applications/{applicationId}',
  summary: 'An application with every version, previous decisions and short-lived links to its documents',
  tag: 'onboarding',
  auth: { platform: 'platform:merchant:review' },
  params: ApplicationParams,
  response: ApplicationDetail,
});

export const approveApplication = defineRoute({
  id: 'approve-application',
  method: 'POST',
  path: '/admin/merchant-applications/{applicationId}/approve',
  summary:
    'Approve: creates the store with the applicant as owner. Safe to repeat (one store). 409 when the store name is taken: the application stays submitted; reject it with that reason',
  tag: 'onboarding',
  auth: { platform: 'platform:merchant:review' },
  idempotent: true,
  params: ApplicationParams,
  response: z.object({ application: Application, merchant: MerchantAdminView }),
});

export const rejectApplication = defineRoute({
  id: 'reject-application',
  method: 'POST',
  path: '/admin/merchant-applications/{applicationId}/reject',
  summary: 'Reject a submitted application with a reason the applicant sees (409 unless submitted)',
  tag: 'onboarding',
  auth: { platform: 'platform:merchant:review' },
  idempotent: true,
  params: ApplicationParams,
  body: RejectApplicationInput,
  response: Application,
});

// ---------------------------------------------------------------- the store: profile, layout, inbox

export const getStoreProfile = defineRoute({
  id: 'get-store-profile',
  method: 'GET',
  path: '/merchants/{merchantId}/store',
  summary: "The store's profile, home layout and platform status with its reason (staff of the store)",
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:read' },
  params: MerchantParams,
  response: StoreProfile,
});

export const updateStoreProfile = defineRoute({
  id: 'update-store-profile',
  method: 'POST',
  path: '/merchants/{merchantId}/store',
  summary: 'Change the store name (unique: 409 if taken), intro, logo or banner (image keys from the store upload call; null removes)',
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:write' },
  params: MerchantParams,
  body: UpdateStoreProfileInput,
  response: StoreProfile,
});

export const updateStoreLayout = defineRoute({
  id: 'update-store-layout',
  method: 'PUT',
  path: '/merchants/{merchantId}/store/layout',
  summary: 'Replace the store home layout: up to 10 ordered blocks (banner, featured products, category strip)',
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:write' },
  params: MerchantParams,
  body: StoreLayoutInput,
  response: StoreProfile,
});

export const createStoreUpload = defineRoute({
  id: 'create-store-upload',
  method: 'POST',
  path: '/merchants/{merchantId}/store/uploads',
  summary: 'A presigned S3 PUT URL for a store image (logo, banner, layout banner: PNG, JPEG or WebP, at most 5 MiB)',
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:write' },
  params: MerchantParams,
  body: ImageUploadRequest,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 60, per: 3600 }],
});

export const listMerchantInbox = defineRoute({
  id: 'list-merchant-inbox',
  method: 'GET',
  path: '/merchants/{merchantId}/inbox',
  summary: 'Messages from the platform to the store (opening, status changes with reasons), newest first',
  tag: 'merchant',
  auth: { merchant: 'merchant:profile:read' },
  params: MerchantParams,
  query: Page,
  response: z.object({ items: z.array(InboxMessage), nextCursor: z.string().nullable() }),
});

export const getStore = defineRoute({
  id: 'get-store',
  method: 'GET',
  path: '/stores/{merchantId}',
  summary: 'A store page for shoppers: name, logo, banner, intro (LocalizedText) and home layout blocks; selling=false when suspended or closed',
  tag: 'store',
  auth: 'public',
  params: MerchantParams,
  response: PublicStore,
});

// ---------------------------------------------------------------- staff

export const listMerchantStaff = defineRoute({
  id: 'list-merchant-staff',
  method: 'GET',
  path: '/merchants/{merchantId}/staff',
  summary: "The store's staff with their roles, and pending invites",
  tag: 'merchant',
  auth: { merchant: 'merchant:staff:read' },
  params: MerchantParams,
  response: z.object({ staff: z.array(StaffMember), invites: z.array(PendingInvite) }),
});

export const inviteMerchantStaff = defineRoute({
  id: 'invite-merchant-staff',
  method: 'POST',
  path: '/merchants/{merchantId}/staff',
  summary:
    'Add staff (operator or customer_service) by phone or account id: an existing account is added at once (outcome=added); an unknown phone is invited and added when it first signs in by SMS (outcome=invited)',
  tag: 'merchant',
  auth: { merchant: 'merchant:staff:write' },
  status: 201,
  idempotent: true,
  params: MerchantParams,
  body: InviteStaffInput,
  response: InviteOutcome,
  rateLimit: [{ key: 'user', limit: 50, per: 86400 }],
});

export const changeStaffRole = defineRoute({
  id: 'change-staff-role',
  method: 'PUT',
  path: '/merchants/{merchantId}/staff/{userId}',
  summary: "Change a staff member's role (not the owner's)",
  tag: 'merchant',
  auth: { merchant: 'merchant:staff:write' },
  idempotent: true,
  params: z.object({ merchantId: MerchantId, userId: Id }).strict(),
  body: ChangeStaffRoleInput,
  response: StaffMember,
});

export const removeMerchantStaff = defineRoute({
  id: 'remove-merchant-staff',
  method: 'DELETE',
  path: '/merchants/{merchantId}/staff/{userId}',
  summary: 'Remove a staff member (not the owner); takes effect on their next call',
  tag: 'merchant',
  auth: { merchant: 'merchant:staff:write' },
  params: z.object({ merchantId: MerchantId, userId: Id }).strict(),
  response: Ok,
});

export const cancelStaffInvite = defineRoute({
  id: 'cancel-staff-invite',
  method: 'DELETE',
  path: '/merchants/{merchantId}/invites/{phone}',
  summary: 'Cancel a pending invite (phone in E.164, URL-encoded)',
  tag: 'merchant',
  auth: { merchant: 'merchant:staff:write' },
  params: z.object({ merchantId: MerchantId, phone: Phone }).strict(),
  response: Ok,
});

// ---------------------------------------------------------------- platform: merchants

export const listMerchants = defineRoute({
  id: 'list-merchants',
  method: 'GET',
  path: '/admin/merchants',
  summary: 'Stores in one status (default open), oldest first, a page at a time',
  tag: 'admin',
  auth: { platform: 'platform:merchant:read' },
  query: Page.extend({ status: MerchantStatus.optional() }).strict(),
  response: z.object({ items: z.array(MerchantAdminView), nextCursor: z.string().nullable() }),
});

export const getMerchantForAdmin = defineRoute({
  id: 'get-merchant-for-admin',
  method: 'GET',
  path: '/admin/merchants/{merchantId}',
  summary: 'One store as the platform sees it: owner, status and reason, the application it came from',
  tag: 'admin',
  auth: { platform: 'platform:merchant:read' },
  params: MerchantParams,
  response: MerchantAdminView,
});

export const setMerchantStatus = defineRoute({
  id: 'set-merchant-status',
  method: 'POST',
  path: '/admin/merchants/{merchantId}/status',
  summary: 'Set a store open, warned, suspended or closed with a reason the merchant sees (closed is final; suspended and closed stores do not sell)',
  tag: 'admin',
  auth: { platform: 'platform:merchant:review' },
  idempotent: true,
  params: MerchantParams,
  body: SetMerchantStatusInput,
  response: MerchantAdminView,
});
