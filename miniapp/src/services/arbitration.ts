import { decideArbitration, getArbitrationCase, listArbitrationCases } from '@wxshop/shared/api/after-sale-routes';
import type { AfterSale, AfterSalePage, ArbitrationCase, DecideArbitrationInput } from '@wxshop/shared/after-sales';
import { api } from './request';

export type { AfterSale, AfterSalePage, ArbitrationCase };

/** Escalated after-sale cases waiting for the platform, the longest waiting first (ADR 0059). */
export function fetchArbitrationQueue(cursor?: string, limit = 20): Promise<AfterSalePage> {
  return api.call(listArbitrationCases, { query: { cursor, limit } });
}

/** A case with every step and both sides' evidence. */
export function fetchArbitrationCase(afterSaleId: string): Promise<ArbitrationCase> {
  return api.call(getArbitrationCase, { params: { afterSaleId } });
}

/** The decision; a retry with the same key is answered once. A 409 means it was decided meanwhile. */
export function decideCase(afterSaleId: string, body: DecideArbitrationInput, idempotencyKey: string): Promise<AfterSale> {
  return api.call(decideArbitration, { params: { afterSaleId }, body, idempotencyKey });
}
