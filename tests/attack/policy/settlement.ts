import { OWNER_ONLY } from './merchant-rows';
import { FINANCE } from './platform-rows';
import type { Policy } from './types';

/**
 * The merchants' money (ADR 0061-0063). The platform's fee rates are finance's (and the super admin's);
 * a store's balance, ledger and withdrawals are its owner's alone, like its WeChat Pay account: operators
 * and customer service run the store, they do not see or move its money. Other stores' staff get 404.
 */
export const policy: Policy = {
  'get-fee-rates': FINANCE,
  'set-fee-rate': FINANCE,
  'get-merchant-balance': OWNER_ONLY,
  'list-merchant-postings': OWNER_ONLY,
  'list-merchant-withdrawals': OWNER_ONLY,
  'create-withdrawal': OWNER_ONLY,
};
