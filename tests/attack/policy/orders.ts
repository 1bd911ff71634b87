import type { RoleName } from '../support/world';

export type Outcome = 'allow' | 401 | 403 | 404;

/**
 * Who may call the commerce routes (cart, addresses, checkout, orders), decided by people, not derived
 * from the routes' declared permissions. Merchant routes: the outcome on merchant A's objects.
 *
 * Cart and addresses are the caller's own: every signed-in account has a cart and an address book
 * (merchant staff and platform staff shop too), so every role but anonymous is allowed; another
 * shopper's address is a 404 (see FOREIGN_OBJECTS).
 */
const everySignedIn: Record<RoleName, Outcome> = {
  anonymous: 401,
  shopper: 'allow',
  ownerA: 'allow',
  ownerB: 'allow',
  merchantOperatorA: 'allow',
  merchantCsA: 'allow',
  super_admin: 'allow',
  operator: 'allow',
  customer_service: 'allow',
  finance: 'allow',
};

export const policy: Record<string, Record<RoleName, Outcome>> = {
  'get-cart': everySignedIn,
  'count-cart': everySignedIn,
  'add-cart-item': everySignedIn,
  'update-cart-item': everySignedIn,
  'select-cart-items': everySignedIn,
  'remove-cart-items': everySignedIn,
  'list-addresses': everySignedIn,
  'create-address': everySignedIn,
  'update-address': everySignedIn,
  'delete-address': everySignedIn,
};
