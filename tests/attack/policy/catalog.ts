import { ANY_STAFF, OPERATORS } from './merchant-rows';
import { OPERATIONS } from './platform-rows';
import type { Policy } from './types';

/** A merchant's products, stock and imports; the platform's product review. */
export const policy: Policy = {
  'list-merchant-products': ANY_STAFF,
  'get-merchant-product': ANY_STAFF,
  'list-stock-postings': ANY_STAFF,
  'list-import-reports': ANY_STAFF,
  'get-import-report': ANY_STAFF,
  'create-product-upload': OPERATORS,
  'create-product': OPERATORS,
  'update-product': OPERATORS,
  'delete-product': OPERATORS,
  'submit-product': OPERATORS,
  'put-product-on-shelf': OPERATORS,
  'take-product-off-shelf': OPERATORS,
  'adjust-sku-stock': OPERATORS,
  'import-products': OPERATORS,

  'list-products-for-review': OPERATIONS,
  'get-product-for-review': OPERATIONS,
  'approve-product': OPERATIONS,
  'reject-product': OPERATIONS,
};
