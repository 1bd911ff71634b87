import { ANY_STAFF, OPERATORS } from './merchant-rows';
import { EVERYONE, SIGNED_IN, type Policy } from './types';

/**
 * Reviews (ADR 0057). Writing one is the caller's own business: every signed-in account shops, so
 * each may review a line of its own completed order (another shopper's order is 404, see FOREIGN_OBJECTS
 * in spirit: the service looks the order up under the caller). A product's reviews and its summary are
 * public. The store's list is read by all its staff (customer service answers shoppers); replying
 * speaks for the store, so it is operators' work (owner, operator), like the store's order writes.
 */
export const policy: Policy = {
  'create-review-upload': SIGNED_IN,
  'create-review': SIGNED_IN,
  'list-order-reviews': SIGNED_IN,
  'add-review-follow-up': SIGNED_IN,
  'list-my-reviews': SIGNED_IN,
  'list-product-reviews': EVERYONE,
  'get-product-reviews-overview': EVERYONE,
  'list-merchant-reviews': ANY_STAFF,
  'reply-to-review': OPERATORS,
};
