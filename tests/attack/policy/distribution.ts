import { OPERATIONS, SUPER_ADMIN_ONLY } from './platform-rows';
import { EVERYONE, SIGNED_IN, type Policy } from './types';

/**
 * Share to earn (ADR 0064-0066). The rules are platform settings: the super admin's alone, like every
 * `platform:settings:write` route. Distributor applications are reviewed by operations (super admin and
 * operators), as merchant applications are. Applying, sharing, binding, earnings and the team are the
 * caller's own business: every signed-in account shops and may become a distributor. Opening a share
 * (a visit) happens before sign-in: anyone.
 */
export const policy: Policy = {
  'get-distribution-rules': SUPER_ADMIN_ONLY,
  'save-distribution-rules': SUPER_ADMIN_ONLY,
  'get-my-distributor': SIGNED_IN,
  'apply-distributor': SIGNED_IN,
  'list-distributor-queue': OPERATIONS,
  'approve-distributor': OPERATIONS,
  'reject-distributor': OPERATIONS,
  'create-share': SIGNED_IN,
  'record-share-visit': EVERYONE,
  'bind-referral': SIGNED_IN,
  'get-my-earnings': SIGNED_IN,
  'list-my-team': SIGNED_IN,
};
