import { createPlatformStaff, listPlatformStaff, type PlatformStaff, type RouteBody, type RouteResponse } from '@wxshop/shared';
import { api } from './request';

export type { PlatformStaff };
export type StaffPage = RouteResponse<typeof listPlatformStaff>;
export type NewStaff = RouteBody<typeof createPlatformStaff>;

export function fetchStaff(cursor?: string): Promise<StaffPage> {
  return api.call(listPlatformStaff, { query: { cursor, limit: 20 } });
}

/** Creates platform staff; pass the same idempotencyKey when the user retries the same form. */
export function addStaff(input: NewStaff, idempotencyKey: string): Promise<PlatformStaff> {
  return api.call(createPlatformStaff, { body: input, idempotencyKey });
}
