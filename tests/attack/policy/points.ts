import { SUPER_ADMIN_ONLY } from './platform-rows';
import { SIGNED_IN, type Policy } from './types';

/**
 * Points (ADR 0067, 0068). Every signed-in account shops, so each has its own points centre, checks
 * in and watches rewarded videos for itself (the service keys everything by the caller: another
 * shopper's view token is 404). The points rules are platform settings: what a point is worth to the
 * platform is the super admin's call (platform:settings:write), as the role table says.
 */
export const policy: Policy = {
  'get-my-points': SIGNED_IN,
  'list-my-points-postings': SIGNED_IN,
  'get-my-expiring-points': SIGNED_IN,
  'check-in': SIGNED_IN,
  'start-rewarded-view': SIGNED_IN,
  'complete-rewarded-view': SIGNED_IN,
  'get-points-rules': SUPER_ADMIN_ONLY,
  'set-points-rules': SUPER_ADMIN_ONLY,
};
