import type { Row } from './types';

/**
 * Rows of routes under /merchants/{merchantId}, for merchant A's objects. Staff of another merchant
 * (ownerB) get 404: they must not learn what A has. Everyone else signed in, platform staff
 * included, gets 403: the back office has its own routes.
 */
const OUTSIDERS = { anonymous: 401, shopper: 403, ownerB: 404, super_admin: 403, operator: 403, customer_service: 403, finance: 403 } as const;

/** All of A's staff: the store's figures, profile, inbox, products and imports. */
export const ANY_STAFF: Row = { ...OUTSIDERS, ownerA: 'allow', merchantOperatorA: 'allow', merchantCsA: 'allow' };

/** A's owner and operators: running the store (profile, layout, products, stock, imports). */
export const OPERATORS: Row = { ...OUTSIDERS, ownerA: 'allow', merchantOperatorA: 'allow', merchantCsA: 403 };

/** A's owner alone: who works for the store (invites, roles, removals). */
export const OWNER_ONLY: Row = { ...OUTSIDERS, ownerA: 'allow', merchantOperatorA: 403, merchantCsA: 403 };
