import { getBillReconciliation, listBillReconciliations, runBillReconciliation, type RouteResponse } from '@wxshop/shared';
import type { BillProvider, BillReconciliation } from '@wxshop/shared/reconciliation';
import { ApiError } from './http-core';
import { api } from './request';

export type { BillProvider, BillReconciliation };
export type BillReconciliationPage = RouteResponse<typeof listBillReconciliations>;
export type BillReconciliationSummary = BillReconciliationPage['items'][number];

/** The days reconciled, newest first (platform finance). */
export function fetchBillReconciliations(cursor?: string): Promise<BillReconciliationPage> {
  return api.call(listBillReconciliations, { query: { cursor, limit: 30 } });
}

/** One day's report of a provider with its differences; null when the day was never reconciled. */
export async function fetchBillReconciliation(date: string, provider: BillProvider): Promise<BillReconciliation | null> {
  try {
    return await api.call(getBillReconciliation, { params: { date }, query: { provider } });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** Asks for the day's bill of a provider to be reconciled again (runs within 10 minutes). */
export function queueBillReconciliation(date: string, provider: BillProvider): Promise<BillReconciliation> {
  return api.call(runBillReconciliation, { params: { date }, body: { provider } });
}
