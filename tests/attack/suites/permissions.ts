import { ALL_ROUTES } from '@wxshop/shared/api/all';
import { merchantCan, platformCan } from '@wxshop/shared/auth';
import type { RouteDef } from '@wxshop/shared/api/route';
import { FIXTURES, FOREIGN_OBJECTS, type Fixture } from '../support/route-fixtures';
import { ROLES, type MerchantSide, type RoleGrant, type RoleName, type World } from '../support/world';

/** Routes checked at once (each runs its roles one after another). */
const CONCURRENCY = Number(process.env.ATTACK_CONCURRENCY ?? 12);

export type Outcome = 'allow' | 401 | 403 | 404;

/**
 * What a caller must get, from the route's declared permission alone: public routes serve anyone;
 * others need a token (401); platform routes need a platform role granting the permission (403);
 * merchant routes need a role in that merchant granting it: staff of other merchants get 404 (they
 * must not learn it exists), members without the permission and everyone else 403.
 */
export function expectedOutcome(route: RouteDef, role: RoleName, grant: RoleGrant | undefined, merchantId: string): Outcome {
  if (route.auth === 'public') return 'allow';
  if (role === 'anonymous' || !grant) return 401;
  if (route.auth === 'user') return 'allow';
  const roles = { platform: grant.platform, merchants: grant.merchants };
  if ('platform' in route.auth) return platformCan(roles, route.auth.platform) ? 'allow' : 403;
  if (merchantCan(roles, merchantId, route.auth.merchant)) return 'allow';
  const memberships = Object.keys(grant.merchants ?? {});
  if (memberships.length === 0) return 403;
  return memberships.includes(merchantId) ? 403 : 404;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await task(next);
    }),
  );
}

async function check(w: World, route: RouteDef, fixture: Fixture, role: RoleName, side: MerchantSide): Promise<string | undefined> {
  const expected = expectedOutcome(route, role, w.grants.get(role), w.merchants[side]);
  const allowed = expected === 'allow';
  try {
    const via = fixture.principal;
    const principal =
      via && (fixture.group ? () => w.shared(`principal:${role}:${via}:${fixture.group}`, () => w.principal(role, via)) : () => w.principal(role, via));
    const session = role === 'anonymous' ? undefined : allowed && principal ? await principal() : w.session(role);
    const spec = await fixture.request({ w, as: role, side, allowed, session });
    const reply = await w.call(session ?? 'anonymous', spec);
    const wanted = allowed ? (route.status ?? 200) : expected;
    if (reply.status === wanted) return undefined;
    return `${route.id} as ${role} on ${side}'s objects: expected ${allowed ? `${wanted} (allowed)` : wanted}, got ${reply.status} ${reply.text.slice(0, 160)}`;
  } catch (err) {
    return `${route.id} as ${role} on ${side}'s objects: the fixture failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const isMerchantRoute = (r: RouteDef): boolean => typeof r.auth === 'object' && 'merchant' in r.auth;

export function permissionsSuite(w: World): void {
  describe('who may do what (a matrix from the declared permissions, real tokens of every role)', () => {
    it('has a fixture for every route (a new route fails here until it gets one in support/route-fixtures.ts)', () => {
      const missing = ALL_ROUTES.filter((r) => !FIXTURES[r.id]).map((r) => r.id);
      expect(missing).toEqual([]);
    });

    it("lets every role do exactly what its permissions allow, on merchant A's objects", async () => {
      // Prepare
      const problems: string[] = [];
      const routes = ALL_ROUTES.filter((r) => FIXTURES[r.id]);
      // Act: every route as every role (roles one after another: allowed calls may consume objects)
      const took: [string, number][] = [];
      await inBatches(routes, CONCURRENCY, async (route) => {
        const t0 = Date.now();
        for (const role of ROLES) {
          const problem = await check(w, route, FIXTURES[route.id]!, role, 'A');
          if (problem) problems.push(problem);
        }
        took.push([route.id, Date.now() - t0]);
      });
      if (process.env.ATTACK_TRACE)
        console.log(
          took
            .sort((a, b) => b[1] - a[1])
            .slice(0, 25)
            .map(([id, ms]) => `${id} ${ms} ms`)
            .join('\n'),
        );
      // Assert
      expect(problems).toEqual([]);
    }, 900_000);

    it("answers 404 to merchant A's staff for every merchant route on merchant B's objects", async () => {
      const problems: string[] = [];
      await inBatches(
        ALL_ROUTES.filter((r) => isMerchantRoute(r) && FIXTURES[r.id]),
        4,
        async (route) => {
          for (const role of ['ownerA', 'merchantOperatorA', 'merchantCsA'] as const) {
            const problem = await check(w, route, FIXTURES[route.id]!, role, 'B');
            if (problem) problems.push(problem);
          }
        },
      );
      expect(problems).toEqual([]);
    });

    it("answers 404 to a shopper asking for another shopper's objects", async () => {
      const problems: string[] = [];
      for (const foreign of FOREIGN_OBJECTS) {
        const reply = await w.call('shopper', await foreign.request(w));
        if (reply.status !== 404) problems.push(`${foreign.route}: expected 404, got ${reply.status} ${reply.text.slice(0, 160)}`);
      }
      expect(problems).toEqual([]);
    });
  });
}
