import {
  approveApplication,
  getApplicationForReview,
  getMerchantForAdmin,
  listApplicationQueue,
  listMerchants,
  rejectApplication,
  setMerchantStatus,
  type Application,
  type ApplicationDetail,
  type ApplicationStatus,
  type MerchantAdminView,
  type MerchantStatus,
  type RouteResponse,
} from '@wxshop/shared';
import { api } from './request';

export type { Application, ApplicationDetail, ApplicationStatus, MerchantAdminView, MerchantStatus };
export type ApplicationPage = RouteResponse<typeof listApplicationQueue>;
export type MerchantPage = RouteResponse<typeof listMerchants>;
export type Approval = RouteResponse<typeof approveApplication>;

/** Store applications in one status (submitted: the review queue), oldest submission first. */
export function fetchApplications(status: ApplicationStatus, cursor?: string, limit = 20): Promise<ApplicationPage> {
  return api.call(listApplicationQueue, { query: { status, cursor, limit } });
}

export function fetchApplication(applicationId: string): Promise<ApplicationDetail> {
  return api.call(getApplicationForReview, { params: { applicationId } });
}

/** Creates the store. A 409 means the store name is taken (or it was reviewed meanwhile): it stays submitted. */
export function approveStoreApplication(applicationId: string, idempotencyKey: string): Promise<Approval> {
  return api.call(approveApplication, { params: { applicationId }, idempotencyKey });
}

export function rejectStoreApplication(applicationId: string, reason: string, idempotencyKey: string): Promise<Application> {
  return api.call(rejectApplication, { params: { applicationId }, body: { reason }, idempotencyKey });
}

/** Stores in one status, oldest first. */
export function fetchMerchants(status: MerchantStatus, cursor?: string, limit = 20): Promise<MerchantPage> {
  return api.call(listMerchants, { query: { status, cursor, limit } });
}

export function fetchMerchant(merchantId: string): Promise<MerchantAdminView> {
  return api.call(getMerchantForAdmin, { params: { merchantId } });
}

export function changeMerchantStatus(merchantId: string, status: MerchantStatus, reason: string, idempotencyKey: string): Promise<MerchantAdminView> {
  return api.call(setMerchantStatus, { params: { merchantId }, body: { status, reason }, idempotencyKey });
}
