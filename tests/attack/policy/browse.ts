import { EVERYONE, SIGNED_IN, type Policy } from './types';

/** Browsing the shop (anyone) and a shopper's own favourites and history. */
export const policy: Policy = {
  'get-home': EVERYONE,
  'list-products': EVERYONE,
  'search-products': EVERYONE,
  'get-product': EVERYONE,
  'list-favourites': SIGNED_IN,
  'add-favourite': SIGNED_IN,
  'remove-favourite': SIGNED_IN,
  'list-history': SIGNED_IN,
  'record-product-view': SIGNED_IN,
  'clear-history': SIGNED_IN,
};
