import { ANY_STAFF, OPERATORS, OWNER_ONLY } from './merchant-rows';
import { ALL_PLATFORM_STAFF, OPERATIONS } from './platform-rows';
import { EVERYONE, SIGNED_IN, type Policy } from './types';

/** Stores: the public store page, onboarding (applicants and the platform's review), store staff. */
export const policy: Policy = {
  'get-store': EVERYONE,

  // onboarding: any signed-in account applies, for itself (another's application is 404: FOREIGN_OBJECTS)
  'create-application-upload': SIGNED_IN,
  'submit-application': SIGNED_IN,
  'list-my-applications': SIGNED_IN,
  'get-my-application': SIGNED_IN,
  'resubmit-application': SIGNED_IN,
  'list-my-merchants': SIGNED_IN,

  // the platform's review of applications and stores
  'list-application-queue': OPERATIONS,
  'get-application-for-review': OPERATIONS,
  'approve-application': OPERATIONS,
  'reject-application': OPERATIONS,
  'set-merchant-status': OPERATIONS,
  'list-merchants': ALL_PLATFORM_STAFF,
  'get-merchant-for-admin': ALL_PLATFORM_STAFF,

  // the store's own back office
  'get-merchant-dashboard': ANY_STAFF,
  'get-store-profile': ANY_STAFF,
  'list-merchant-inbox': ANY_STAFF,
  'update-store-profile': OPERATORS,
  'update-store-layout': OPERATORS,
  'create-store-upload': OPERATORS,
  'list-merchant-staff': OPERATORS,
  'invite-merchant-staff': OWNER_ONLY,
  'change-staff-role': OWNER_ONLY,
  'remove-merchant-staff': OWNER_ONLY,
  'cancel-staff-invite': OWNER_ONLY,
};
