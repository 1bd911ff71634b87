import { policy as admin } from './admin';
import { policy as afterSale } from './after-sale';
import { policy as auth } from './auth';
import { policy as browse } from './browse';
import { policy as catalog } from './catalog';
import { policy as category } from './category';
import { policy as distribution } from './distribution';
import { policy as inbox } from './inbox';
import { policy as me } from './me';
import { policy as merchant } from './merchant';
import { policy as orders } from './orders';
import { policy as paymentAccount } from './payment-account';
import { policy as reconciliation } from './reconciliation';
import { policy as points } from './points';
import { policy as reviews } from './reviews';
import { policy as settlement } from './settlement';
import type { Policy } from './types';

export type { Outcome, Policy, Row } from './types';

/**
 * Who may do what, written down by people and reviewed like a contract: route id -> role -> outcome.
 * It is NOT derived from the routes' `auth` or the role tables in shared/src/auth.ts: the permission
 * suite and tests/unit/permission-policy.test.ts compare those against it. One file per route area;
 * a new route needs its row in its area's file (a route without a row fails, so does a row without
 * a route).
 */
export const AREAS: Record<string, Policy> = {
  admin,
  'after-sale': afterSale,
  auth,
  browse,
  catalog,
  category,
  distribution,
  inbox,
  me,
  merchant,
  orders,
  'payment-account': paymentAccount,
  reconciliation,
  points,
  reviews,
  settlement,
};

/** Route ids that two area files both claim (must be none). */
export const DUPLICATE_ROWS: string[] = Object.values(AREAS)
  .flatMap((p) => Object.keys(p))
  .filter((id, i, all) => all.indexOf(id) !== i);

export const POLICY: Policy = Object.assign({}, ...Object.values(AREAS)) as Policy;
