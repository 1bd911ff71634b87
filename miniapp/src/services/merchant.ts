import { getMerchantDashboard, listMyMerchants, type RouteResponse } from '@wxshop/shared';
import { api } from './request';

export type MerchantSummary = RouteResponse<typeof listMyMerchants>['items'][number];
export type MerchantDashboard = RouteResponse<typeof getMerchantDashboard>;

/** The shops this account is staff of (empty for a shopper). */
export async function fetchMyMerchants(): Promise<MerchantSummary[]> {
  return (await api.call(listMyMerchants)).items;
}

export function fetchDashboard(merchantId: string): Promise<MerchantDashboard> {
  return api.call(getMerchantDashboard, { params: { merchantId } });
}
