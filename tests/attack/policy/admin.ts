import { OPERATIONS, SUPER_ADMIN_ONLY } from './platform-rows';
import type { Policy } from './types';

/** Platform staff. */
export const policy: Policy = {
  'list-platform-staff': OPERATIONS,
  'create-platform-staff': SUPER_ADMIN_ONLY,
  'remove-platform-staff': SUPER_ADMIN_ONLY,
};
