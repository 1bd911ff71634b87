import { EVERYONE, SIGNED_IN, type Policy } from './types';

/** The signed-in account's own profile; the health probe. */
export const policy: Policy = {
  health: EVERYONE,
  'get-me': SIGNED_IN,
  'update-me': SIGNED_IN,
  'create-avatar-upload': SIGNED_IN,
};
