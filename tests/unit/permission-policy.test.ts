import { ALL_ROUTES } from '@wxshop/shared/api/all';
import { merchantCan, platformCan, type RouteDef, type Roles } from '@wxshop/shared';
import { DUPLICATE_ROWS, POLICY, type Outcome } from '../attack/policy';
import { ROLES, type RoleName } from '../attack/support/world';

/**
 * The written policy (tests/attack/policy) against the declarations the API enforces (each route's
 * `auth` and the role tables in shared/src/auth.ts). The attack suite proves the running API obeys
 * the policy; this test says, without a stack, which declaration disagrees with it.
 */
const A = 'merchant-a';
const GRANTS: Record<Exclude<RoleName, 'anonymous'>, Roles> = {
  shopper: {},
  ownerA: { merchants: { [A]: 'owner' } },
  ownerB: { merchants: { 'merchant-b': 'owner' } },
  merchantOperatorA: { merchants: { [A]: 'operator' } },
  merchantCsA: { merchants: { [A]: 'customer_service' } },
  super_admin: { platform: 'super_admin' },
  operator: { platform: 'operator' },
  customer_service: { platform: 'customer_service' },
  finance: { platform: 'finance' },
};

/** What the declarations give a role on merchant A's objects (the API's own rule, restated). */
function declared(route: RouteDef, role: RoleName): Outcome {
  if (route.auth === 'public') return 'allow';
  if (role === 'anonymous') return 401;
  const roles = GRANTS[role];
  if (route.auth === 'user') return 'allow';
  if ('platform' in route.auth) return platformCan(roles, route.auth.platform) ? 'allow' : 403;
  if (merchantCan(roles, A, route.auth.merchant)) return 'allow';
  const memberships = Object.keys(roles.merchants ?? {});
  return memberships.length > 0 && !memberships.includes(A) ? 404 : 403;
}

describe('the written permission policy', () => {
  it('has exactly one row per route: none missing, none for a route that does not exist', () => {
    const ids = new Set(ALL_ROUTES.map((r) => r.id));
    expect(DUPLICATE_ROWS).toEqual([]);
    expect(ALL_ROUTES.map((r) => r.id).filter((id) => !POLICY[id])).toEqual([]);
    expect(Object.keys(POLICY).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives every role an outcome in every row', () => {
    const bad = Object.entries(POLICY).flatMap(([id, row]) =>
      ROLES.filter((role) => !['allow', 401, 403, 404].includes(row[role] as Outcome)).map((role) => `${id} ${role}: ${String(row[role])}`),
    );
    expect(Object.keys(GRANTS).sort()).toEqual(ROLES.filter((r) => r !== 'anonymous').sort());
    expect(bad).toEqual([]);
  });

  it("agrees with every route's declared auth and the role tables", () => {
    const disagreements = ALL_ROUTES.filter((r) => POLICY[r.id]).flatMap((route) =>
      ROLES.filter((role) => declared(route, role) !== POLICY[route.id]![role]).map(
        (role) => `${route.id} as ${role}: the policy says ${POLICY[route.id]![role]}, the declarations give ${declared(route, role)}`,
      ),
    );
    expect(disagreements).toEqual([]);
  });
});
