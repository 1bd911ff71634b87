import { FINANCE } from './platform-rows';
import type { Policy } from './types';

/** The daily reconciliation of the payment providers' bills (ADR 0071): platform finance's. */
export const policy: Policy = {
  'list-bill-reconciliations': FINANCE,
  'get-bill-reconciliation': FINANCE,
  'run-bill-reconciliation': FINANCE,
};
