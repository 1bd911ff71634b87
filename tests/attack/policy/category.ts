import { OPERATIONS } from './platform-rows';
import { EVERYONE, type Policy } from './types';

/** The category tree: read by anyone, kept by the platform's operations staff. */
export const policy: Policy = {
  'list-categories': EVERYONE,
  'create-category': OPERATIONS,
  'update-category': OPERATIONS,
  'delete-category': OPERATIONS,
  'create-category-icon-upload': OPERATIONS,
};
