import type { RoleName } from '../support/world';
import { SIGNED_IN, type Outcome, type Policy } from './types';

/**
 * Who may call the commerce routes (cart, addresses, checkout, orders), decided by people, not derived
 * from the routes' declared permissions. Merchant routes: the outcome on merchant A's objects.
 *
 * Cart and addresses are the caller's own: every signed-in account has a cart and an address book
 * (merchant staff and platform staff shop too), so every role but anonymous is allowed; another
 * shopper's address is a 404 (see FOREIGN_OBJECTS).
 */
const everySignedIn = SIGNED_IN;

/**
 * Shipping templates set a store's prices, so writing them is product work (owner and operator);
 * customer service reads them to answer shoppers; other stores' staff get 404 (they must not learn
 * merchant A's objects exist), everyone else 403.
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

/** Platform order search: every platform role (operations, support, finance reconcile orders); not merchants or shoppers. */
const platformStaff: Record<RoleName, Outcome> = {
  anonymous: 401,
  shopper: 403,
  ownerA: 403,
  ownerB: 403,
  merchantOperatorA: 403,
  merchantCsA: 403,
  super_admin: 'allow',
  operator: 'allow',
  customer_service: 'allow',
  finance: 'allow',
};

export const policy: Policy = {
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
  'list-shipping-templates': storeRead,
  'create-shipping-template': storeWrite,
  'update-shipping-template': storeWrite,
  'delete-shipping-template': storeWrite,
  // the shopper's own checkouts and orders: anyone signed in buys for themselves
  'preview-checkout': everySignedIn,
  'submit-checkout': everySignedIn,
  'get-checkout': everySignedIn,
  // paying is the checkout owner's: every signed-in account shops; another shopper's checkout is a 404 (FOREIGN_OBJECTS)
  'start-payment': everySignedIn,
  'sync-payment': everySignedIn,
  'list-my-orders': everySignedIn,
  'get-my-order': everySignedIn,
  'cancel-my-order': everySignedIn,
  'confirm-receipt': everySignedIn,
  // the store's orders: every staff member reads (customer service answers about them); shipping is order work (not customer service)
  'list-merchant-orders': storeRead,
  'get-merchant-order': storeRead,
  'ship-order': storeWrite,
  'search-orders': platformStaff,
};
