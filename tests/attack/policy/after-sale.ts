import type { RoleName } from '../support/world';
import { SIGNED_IN, type Outcome, type Policy } from './types';

/**
 * Who may work on after-sale cases (docs/adr/0055), decided by people. Shopper routes are the caller's
 * own cases (every signed-in account shops, staff too); another shopper's case is a 404 (FOREIGN_OBJECTS).
 * Store routes: every staff member reads the queue (customer service answers shoppers about it);
 * deciding, and confirming what came back, moves money and stock: order work (owner and operator), not
 * customer service. Other stores' staff get 404, platform staff 403.
 * Arbitration (ADR 0059): platform customer service, operators and the super admin read the queue and
 * decide; finance does not (it pays, it does not judge); nobody outside platform staff. Evidence is each
 * side's own: the shopper's own case, the store's order workers add it, every staff member reads it. Exchange (ADR 0060): the store's order
 * workers ship the replacement, the shopper confirms it.
 */
const storeRead: Record<RoleName, Outcome> = {
  anonymous: 401,
  shopper: 403,
  ownerA: 'allow',
  ownerB: 404,
  merchantOperatorA: 'allow',
  merchantCsA: 'allow',
  super_admin: 403,
  operator: 403,
  customer_service: 403,
  finance: 403,
};
const storeWrite: Record<RoleName, Outcome> = { ...storeRead, merchantCsA: 403 };
const arbitrators: Record<RoleName, Outcome> = {
  anonymous: 401,
  shopper: 403,
  ownerA: 403,
  ownerB: 403,
  merchantOperatorA: 403,
  merchantCsA: 403,
  super_admin: 'allow',
  operator: 'allow',
  customer_service: 'allow',
  finance: 403,
};

export const policy: Policy = {
  'create-after-sale-upload': SIGNED_IN,
  'quote-after-sale': SIGNED_IN,
  'request-after-sale': SIGNED_IN,
  'list-my-after-sales': SIGNED_IN,
  'get-my-after-sale': SIGNED_IN,
  'cancel-my-after-sale': SIGNED_IN,
  'send-after-sale-return': SIGNED_IN,
  'escalate-after-sale': SIGNED_IN,
  'list-merchant-after-sales': storeRead,
  'get-merchant-after-sale': storeRead,
  'approve-after-sale': storeWrite,
  'reject-after-sale': storeWrite,
  'confirm-after-sale-return': storeWrite,
  'add-my-after-sale-evidence': SIGNED_IN,
  'add-merchant-after-sale-evidence': storeWrite,
  'list-my-after-sale-evidence': SIGNED_IN,
  'list-merchant-after-sale-evidence': storeRead,
  'list-arbitration-cases': arbitrators,
  'get-arbitration-case': arbitrators,
  'decide-arbitration': arbitrators,
  'ship-after-sale-replacement': storeWrite,
  'confirm-after-sale-replacement': SIGNED_IN,
};
