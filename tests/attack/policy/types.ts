import type { RoleName } from '../support/world';

/**
 * What a caller must get: 'allow' (the route's success status), 401 (no or a bad token), 403 (signed
 * in, not allowed) or 404 (must not learn the object exists: other merchants' staff).
 */
export type Outcome = 'allow' | 401 | 403 | 404;

/** One route's row: every role, written out. */
export type Row = Record<RoleName, Outcome>;

/** One area's rows, keyed by route id. */
export type Policy = Record<string, Row>;

/** Anyone, signed in or not. */
export const EVERYONE: Row = {
  anonymous: 'allow',
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

/** Any signed-in account, acting on its own things; anonymous callers get 401. */
export const SIGNED_IN: Row = { ...EVERYONE, anonymous: 401 };
