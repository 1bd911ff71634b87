import { ALL_ROUTES } from '@wxshop/shared/api/all';
import type { RouteDef } from '@wxshop/shared/api/route';
import { POLICY, type Outcome } from '../policy';
import type { RequestSpec } from '../support/http';
import { FIXTURES, FOREIGN_OBJECTS, type Fixture } from '../support/route-fixtures';
import { refundsSettled } from '../support/settle';
import { diffSideEffects, sideEffects } from '../support/side-effects';
import { createDigester, diffDigests, type Digest } from '../support/table-digest';
import { ROLES, type MerchantSide, type RoleName, type World } from '../support/world';

/** Routes checked at once (each runs its roles one after another). */
const CONCURRENCY = Number(process.env.ATTACK_CONCURRENCY ?? 12);

export type { Outcome };

/** The staff of merchant A: the roles that may act on A's objects and must get 404 on B's. */
const STAFF_OF_A = ['ownerA', 'merchantOperatorA', 'merchantCsA'] as const;

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await task(next);
    }),
  );
}

const isMerchantRoute = (r: RouteDef): boolean => r.path.startsWith('/merchants/{merchantId}');
/** A merchant route that names an object of the merchant besides the merchant itself (product, SKU, staff member, invite, import). */
const namesAnObject = (r: RouteDef): boolean => isMerchantRoute(r) && (r.path.match(/\{/g) ?? []).length > 1;

const routesWithFixtures = (): RouteDef[] => ALL_ROUTES.filter((r) => FIXTURES[r.id] && POLICY[r.id]);

/** A request that must be refused, and how. */
interface RefusedCall {
  route: RouteDef;
  role: RoleName;
  what: string;
  spec: RequestSpec;
  wanted: 401 | 403 | 404;
}

async function refusedSpec(w: World, fixture: Fixture, role: RoleName, side: MerchantSide): Promise<RequestSpec> {
  return fixture.request({ w, as: role, side, allowed: false, session: w.session(role) });
}

/**
 * Every call the policy refuses: each role the row denies on merchant A's objects; A's staff on
 * merchant B's objects (404); A's staff allowed on A, on A's path with B's object id (404).
 */
async function refusedCalls(w: World, problems: string[]): Promise<RefusedCall[]> {
  const calls: RefusedCall[] = [];
  const { A, B } = w.merchants;
  await inBatches(routesWithFixtures(), 4, async (route) => {
    const fixture = FIXTURES[route.id]!;
    const row = POLICY[route.id]!;
    const add = async (role: RoleName, what: string, wanted: 401 | 403 | 404, build: () => Promise<RequestSpec>): Promise<void> => {
      try {
        calls.push({ route, role, what, wanted, spec: await build() });
      } catch (err) {
        problems.push(`${route.id} as ${role} ${what}: the fixture failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    for (const role of ROLES) {
      const outcome = row[role];
      if (outcome !== 'allow') await add(role, "on merchant A's objects", outcome, () => refusedSpec(w, fixture, role, 'A'));
    }
    if (!isMerchantRoute(route)) return;
    for (const role of STAFF_OF_A) await add(role, "on merchant B's objects", 404, () => refusedSpec(w, fixture, role, 'B'));
    if (!namesAnObject(route)) return;
    for (const role of STAFF_OF_A.filter((r) => row[r] === 'allow'))
      await add(role, "on merchant A's path with merchant B's object id", 404, async () => {
        const spec = await refusedSpec(w, fixture, role, 'B');
        if (!spec.path.startsWith(`/merchants/${B}/`)) throw new Error(`expected a path of merchant B, got ${spec.path}`);
        // the body stays valid for A (image keys of A's store), so only the object id is foreign
        const body = spec.body === undefined ? undefined : (JSON.parse(JSON.stringify(spec.body).split(`merchants/${B}/`).join(`merchants/${A}/`)) as unknown);
        return { ...spec, body, path: `/merchants/${A}/${spec.path.slice(`/merchants/${B}/`.length)}` };
      });
  });
  return calls;
}

async function allowedCall(w: World, route: RouteDef, fixture: Fixture, role: RoleName): Promise<string | undefined> {
  try {
    const via = fixture.principal;
    const principal =
      via && (fixture.group ? () => w.shared(`principal:${role}:${via}:${fixture.group}`, () => w.principal(role, via)) : () => w.principal(role, via));
    const session = role === 'anonymous' ? undefined : principal ? await principal() : w.session(role);
    const spec = await fixture.request({ w, as: role, side: 'A', allowed: true, session });
    const reply = await w.call(session ?? 'anonymous', spec);
    const wanted = route.status ?? 200;
    if (reply.status === wanted) return undefined;
    return `${route.id} as ${role} on A's objects: the policy allows it (${wanted}), got ${reply.status} ${reply.text.slice(0, 160)}`;
  } catch (err) {
    return `${route.id} as ${role} on A's objects: the fixture failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function permissionsSuite(w: World): void {
  describe('who may do what (the written policy in tests/attack/policy, real tokens of every role)', () => {
    it('has a fixture and a policy row for every route, and no row for a route that does not exist', () => {
      const ids = new Set(ALL_ROUTES.map((r) => r.id));
      expect({
        withoutFixture: ALL_ROUTES.filter((r) => !FIXTURES[r.id]).map((r) => r.id),
        withoutRow: ALL_ROUTES.filter((r) => !POLICY[r.id]).map((r) => r.id),
        rowWithoutRoute: Object.keys(POLICY).filter((id) => !ids.has(id)),
      }).toEqual({ withoutFixture: [], withoutRow: [], rowWithoutRoute: [] });
    });

    it('refuses every call the policy refuses (cross-tenant calls with mixed ids too), and a refused call changes nothing: table, S3, SMS', async () => {
      // Prepare: every refused request built first (fixtures make the objects they target), then nothing else writes
      const problems: string[] = [];
      const calls = await refusedCalls(w, problems);
      const byRoute = new Map<string, RefusedCall[]>();
      for (const c of calls) byRoute.set(c.route.id, [...(byRoute.get(c.route.id) ?? []), c]);
      const mixed = calls.filter((c) => c.what.includes('path with'));
      expect(mixed.map((c) => c.route.id)).toEqual(
        expect.arrayContaining(['put-product-on-shelf', 'take-product-off-shelf', 'update-product', 'adjust-sku-stock']),
      );
      for (const s of w.sessions.values()) await w.keepFresh(s);
      await w.stopConsumers();
      // refunds the fixtures started settle first (their notifications would otherwise land mid-run)
      await refundsSettled(w.api.env.DYNAMODB_ENDPOINT!, w.api.table);
      const digester = createDigester(w.api.env.DYNAMODB_ENDPOINT!, w.api.table);
      try {
        let table: Digest = await digester.digest();
        let outside = await sideEffects(w.api.stack.urls.sims);
        // Act: one route at a time, each checked against the table and the world outside it
        for (const [routeId, group] of byRoute) {
          await Promise.all(
            group.map(async (c) => {
              const reply = await w.call(c.role, c.spec);
              if (reply.status !== c.wanted)
                problems.push(`${routeId} as ${c.role} ${c.what}: expected ${c.wanted}, got ${reply.status} ${reply.text.slice(0, 160)}`);
            }),
          );
          const after = await digester.digest();
          const diff = diffDigests(table, after);
          const changed = [...diff.added.map((k) => `added ${k}`), ...diff.removed.map((k) => `removed ${k}`), ...diff.changed.map((k) => `changed ${k}`)];
          if (changed.length) problems.push(`${routeId}: refused calls changed the table: ${changed.slice(0, 8).join(', ')}`);
          const nowOutside = await sideEffects(w.api.stack.urls.sims);
          const effects = diffSideEffects(outside, nowOutside);
          if (effects.length) problems.push(`${routeId}: refused calls had effects outside the table: ${effects.slice(0, 8).join(', ')}`);
          table = after;
          outside = nowOutside;
        }
      } finally {
        digester.close();
        await w.startConsumers();
      }
      // Assert
      expect(problems).toEqual([]);
      expect(calls.length).toBeGreaterThan(300);
    }, 900_000);

    it("lets every role do what the policy allows, on merchant A's objects", async () => {
      // Prepare
      const problems: string[] = [];
      const took: [string, number][] = [];
      // Act: every route as every allowed role (roles one after another: allowed calls may consume objects)
      await inBatches(routesWithFixtures(), CONCURRENCY, async (route) => {
        const t0 = Date.now();
        for (const role of ROLES.filter((r) => POLICY[route.id]![r] === 'allow')) {
          const problem = await allowedCall(w, route, FIXTURES[route.id]!, role);
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
