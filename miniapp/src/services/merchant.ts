import {
  changeStaffRole,
  createStoreUpload,
  getMerchantDashboard,
  getStoreProfile,
  inviteMerchantStaff,
  listMerchantInbox,
  listMerchantStaff,
  listMyMerchants,
  removeMerchantStaff,
  cancelStaffInvite,
  updateStoreLayout,
  updateStoreProfile,
  type InboxMessage,
  type LocalizedText,
  type RouteBody,
  type RouteResponse,
  type StaffRole,
  type StoreLayoutInput,
  type UpdateStoreProfileInput,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

export type MerchantSummary = RouteResponse<typeof listMyMerchants>['items'][number];
export type MerchantDashboard = RouteResponse<typeof getMerchantDashboard>;
export type StoreProfile = RouteResponse<typeof getStoreProfile>;
export type StaffList = RouteResponse<typeof listMerchantStaff>;
export type InviteOutcome = RouteResponse<typeof inviteMerchantStaff>;

/**
 * An inbox message. The API adds kinds over time (low-stock notices carry their own `title` and
 * `body` in every language): the page shows those when present and a generic line otherwise.
 */
export type InboxEntry = Omit<InboxMessage, 'kind'> & { kind: string; title?: LocalizedText; body?: LocalizedText; data?: Record<string, string> };
export interface InboxPage {
  items: InboxEntry[];
  nextCursor: string | null;
}

/** The shops this account is staff of (empty for a shopper). */
export async function fetchMyMerchants(): Promise<MerchantSummary[]> {
  return (await api.call(listMyMerchants)).items;
}

export function fetchDashboard(merchantId: string): Promise<MerchantDashboard> {
  return api.call(getMerchantDashboard, { params: { merchantId } });
}

// ---------------------------------------------------------------- store profile and layout
export function fetchStore(merchantId: string): Promise<StoreProfile> {
  return api.call(getStoreProfile, { params: { merchantId } });
}

export function saveStoreProfile(merchantId: string, body: UpdateStoreProfileInput): Promise<StoreProfile> {
  return api.call(updateStoreProfile, { params: { merchantId }, body });
}

export function saveStoreLayout(merchantId: string, body: StoreLayoutInput): Promise<StoreProfile> {
  return api.call(updateStoreLayout, { params: { merchantId }, body });
}

/** Uploads a store image (logo, banner, layout banner) and answers its key. */
export async function uploadStoreImage(merchantId: string, file: PickedFile, contentType: RouteBody<typeof createStoreUpload>['contentType']): Promise<string> {
  const ticket = await api.call(createStoreUpload, { params: { merchantId }, body: { contentType, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}

// ---------------------------------------------------------------- inbox
export async function fetchInbox(merchantId: string, cursor?: string, limit = 20): Promise<InboxPage> {
  const page = await api.call(listMerchantInbox, { params: { merchantId }, query: { limit, ...(cursor ? { cursor } : {}) } });
  return page as InboxPage;
}

// ---------------------------------------------------------------- staff
export function fetchStaffList(merchantId: string): Promise<StaffList> {
  return api.call(listMerchantStaff, { params: { merchantId } });
}

export function inviteStaff(merchantId: string, phone: string, role: StaffRole, idempotencyKey: string): Promise<InviteOutcome> {
  return api.call(inviteMerchantStaff, { params: { merchantId }, body: { phone, role }, idempotencyKey });
}

export function setStaffRole(merchantId: string, userId: string, role: StaffRole) {
  return api.call(changeStaffRole, { params: { merchantId, userId }, body: { role } });
}

export function removeStaff(merchantId: string, userId: string) {
  return api.call(removeMerchantStaff, { params: { merchantId, userId } });
}

export function cancelInvite(merchantId: string, phone: string) {
  return api.call(cancelStaffInvite, { params: { merchantId, phone } });
}
