import { SIGNED_IN, type Policy } from './types';

/**
 * The shopper's inbox and subscribe-message consents: every signed-in account has its own (staff shop
 * too); the routes take no object of anyone else's (message ids are looked up under the caller).
 */
export const policy: Policy = {
  'list-my-inbox': SIGNED_IN,
  'mark-inbox-read': SIGNED_IN,
  'get-message-subscriptions': SIGNED_IN,
  'accept-message-subscriptions': SIGNED_IN,
};
