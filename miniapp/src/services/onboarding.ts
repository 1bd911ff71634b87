import {
  createApplicationUpload,
  getMyApplication,
  listCategories,
  listMyApplications,
  resubmitApplication,
  submitApplication,
  type Application,
  type ApplicationDetail,
  type ApplicationInput,
  type CategoryRoot,
  type RouteBody,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

/** My store applications, newest first. */
export async function fetchMyApplications(): Promise<Application[]> {
  return (await api.call(listMyApplications)).items;
}

export function fetchApplication(applicationId: string): Promise<ApplicationDetail> {
  return api.call(getMyApplication, { params: { applicationId } });
}

export function applyForStore(input: ApplicationInput, idempotencyKey: string): Promise<Application> {
  return api.call(submitApplication, { body: input, idempotencyKey });
}

export function reapplyForStore(applicationId: string, input: ApplicationInput, idempotencyKey: string): Promise<Application> {
  return api.call(resubmitApplication, { params: { applicationId }, body: input, idempotencyKey });
}

/** Uploads a licence or ID photo and answers its key (for `documentKeys`). */
export async function uploadApplicationDocument(file: PickedFile, contentType: RouteBody<typeof createApplicationUpload>['contentType']): Promise<string> {
  const ticket = await api.call(createApplicationUpload, { body: { contentType, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}

/** The category tree (public). */
export async function fetchCategoryTree(): Promise<CategoryRoot[]> {
  return (await api.call(listCategories)).items;
}
