import type { Row } from './types';

/**
 * Platform back-office rows. Nobody outside platform staff gets in (403 when signed in, 401 when
 * not); merchants' staff are outsiders here, whatever they hold in their own store.
 */
const OUTSIDERS = { anonymous: 401, shopper: 403, ownerA: 403, ownerB: 403, merchantOperatorA: 403, merchantCsA: 403 } as const;

/** Only the super admin: granting and removing platform staff. */
export const SUPER_ADMIN_ONLY: Row = { ...OUTSIDERS, super_admin: 'allow', operator: 403, customer_service: 403, finance: 403 };

/** The super admin and operators: reviewing merchants and products, the category tree, the staff list. */
export const OPERATIONS: Row = { ...OUTSIDERS, super_admin: 'allow', operator: 'allow', customer_service: 403, finance: 403 };

/** Every platform role: looking a merchant up (customer service answers about it, finance pays it). */
export const ALL_PLATFORM_STAFF: Row = { ...OUTSIDERS, super_admin: 'allow', operator: 'allow', customer_service: 'allow', finance: 'allow' };

/** The super admin and finance: the platform's fee rates. */
export const FINANCE: Row = { ...OUTSIDERS, super_admin: 'allow', operator: 403, customer_service: 403, finance: 'allow' };
