import fc from 'fast-check';
import { SIGNED_IN, EVERYONE, type Policy, type Row } from '../attack/policy/types';
import { attackArbitrary, baseFromFixture, fixtureAttack } from '../attack/support/attacks';
import { coverageProblems, coverageSummary, laneRole, lanesOf, seedOf, type LaneRecord } from '../attack/support/coverage';
import type { Operation } from '../attack/support/openapi';

// A made-up API: one public route, one any-signed-in route, one platform route, one merchant route.
const op = (id: string, bearer: boolean, permission?: string): Operation => ({
  id,
  method: 'GET',
  path: `/${id}`,
  bearer,
  permission,
  params: [],
  rateLimit: [],
});
const OPS: Operation[] = [
  op('public-list', false),
  op('my-thing', true, 'any signed-in user'),
  op('platform-thing', true, 'platform permission platform.x'),
  op('store-thing', true, 'merchant permission merchant.x'),
];
const staffOnly = (allowed: (keyof Row)[]): Row =>
  Object.fromEntries(Object.keys(SIGNED_IN).map((r) => [r, r === 'anonymous' ? 401 : allowed.includes(r as keyof Row) ? 'allow' : 403])) as Row;
const POLICY: Policy = {
  'public-list': EVERYONE,
  'my-thing': SIGNED_IN,
  'platform-thing': staffOnly(['super_admin']),
  'store-thing': staffOnly(['ownerA']),
};
const FIXTURES = new Set(OPS.map((o) => o.id));

/** A run where every lane attacked every operation and got `status` everywhere. */
const runWith = (status: (o: Operation, mode: LaneRecord['mode']) => number): LaneRecord[] =>
  OPS.flatMap((o) => lanesOf(o).map((mode) => ({ op: o.id, mode, statuses: { [status(o, mode)]: 1, 400: 3 } })));
/** What a correct API answers: 2xx to allowed callers, 401 / 403 to the others. */
const correct = (o: Operation, mode: LaneRecord['mode']): number => (POLICY[o.id]![laneRole(mode, o)] === 'allow' ? 200 : mode === 'anonymous' ? 401 : 403);

describe('the bad-input run cannot pass empty (support/coverage.ts)', () => {
  it('passes a run where every lane attacked its operations and every allowed caller got a 2xx', () => {
    expect(coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records: runWith(correct), exceptions: [] })).toEqual([]);
  });

  it('names the operation and caller that never reached 2xx, and what to add', () => {
    // Prepare: the staff lane's merchant route only ever answered 404 (its fixture names nothing that exists)
    const records = runWith((o, mode) => (o.id === 'store-thing' && mode === 'staff' ? 404 : correct(o, mode)));
    // Act
    const problems = coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records, exceptions: [] });
    // Assert
    expect(problems).toEqual([expect.stringMatching(/^store-thing \(staff as ownerA\): never reached 2xx \(400x3, 404x1\): fix FIXTURES\['store-thing'\]/)]);
  });

  it('tells the author of a route without a fixture to add one, and reports a fixture that failed', () => {
    const records = runWith((o, mode) => (o.id === 'my-thing' && mode === 'shopper' ? 404 : correct(o, mode))).map((r) =>
      r.op === 'public-list' ? { ...r, statuses: { 404: 1 }, fixtureProblem: 'create product: 409' } : r,
    );
    const problems = coverageProblems({
      ops: OPS,
      policy: POLICY,
      fixtures: new Set(['public-list', 'platform-thing', 'store-thing']),
      records,
      exceptions: [],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^public-list \(anonymous as anonymous\): never reached 2xx \(404x1\); its fixture failed: create product: 409/),
      expect.stringMatching(
        /^my-thing \(shopper as shopper\): never reached 2xx .* has no fixture: add FIXTURES\['my-thing'\] in tests\/attack\/support\/route-fixtures.ts/,
      ),
    ]);
  });

  it('does not ask a 2xx of a caller the policy refuses', () => {
    // the anonymous lane never gets 2xx on a bearer route; shoppers never on staff routes
    const problems = coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records: runWith(correct), exceptions: [] });
    expect(problems.filter((p) => /anonymous|shopper/.test(p))).toEqual([]);
  });

  it('fails when a lane did not attack an operation it should, for every caller', () => {
    const records = runWith(correct).filter((r) => !(r.op === 'my-thing' && r.mode === 'shopper') && !(r.op === 'platform-thing' && r.mode === 'staff'));
    expect(coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records, exceptions: [] })).toEqual([
      'my-thing (shopper): not attacked',
      'platform-thing (staff): not attacked',
    ]);
  });

  it('fails when the staff selection matches nothing or disagrees with the policy', () => {
    const unmarked = OPS.map((o) => ({ ...o, permission: o.bearer ? 'any signed-in user' : undefined }));
    const records = unmarked.flatMap((o) => lanesOf(o).map((mode) => ({ op: o.id, mode, statuses: { 200: 1 } })));
    const problems = coverageProblems({ ops: unmarked, policy: POLICY, fixtures: FIXTURES, records, exceptions: [] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the staff lane selects no operation/),
        expect.stringMatching(/^platform-thing: x-permission "any signed-in user" and the policy disagree/),
        expect.stringMatching(/^store-thing: x-permission/),
      ]),
    );
    expect(coverageProblems({ ops: [], policy: POLICY, fixtures: FIXTURES, records: [], exceptions: [] })).toContain(
      'no operation was loaded from /openapi.json',
    );
  });

  it('fails on an operation without a policy row', () => {
    const extra = [...OPS, op('new-route', true, 'any signed-in user')];
    const records = [...runWith(correct), ...lanesOf(extra[4]!).map((mode) => ({ op: 'new-route', mode, statuses: { 200: 1 } }))];
    expect(coverageProblems({ ops: extra, policy: POLICY, fixtures: FIXTURES, records, exceptions: [] })).toEqual([
      expect.stringMatching(/^new-route: no row in tests\/attack\/policy/),
    ]);
  });

  it('accepts a listed exception, and fails on one that is no longer needed or names nothing', () => {
    const records = runWith((o, mode) => (o.id === 'store-thing' && mode === 'staff' ? 409 : correct(o, mode)));
    const needed = { op: 'store-thing', mode: 'staff' as const, reason: 'needs a payment in flight' };
    expect(coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records, exceptions: [needed] })).toEqual([]);
    const stale = [
      { op: 'platform-thing', mode: 'staff' as const, reason: 'was broken once' },
      { op: 'public-list', mode: 'staff' as const, reason: 'wrong lane' },
      { op: 'my-thing', mode: 'anonymous' as const, reason: 'the policy refuses anonymous anyway' },
    ];
    expect(coverageProblems({ ops: OPS, policy: POLICY, fixtures: FIXTURES, records, exceptions: [needed, ...stale] })).toEqual([
      expect.stringMatching(/^my-thing \(anonymous\): SUCCESS_EXCEPTIONS lists it, but the policy does not allow anonymous/),
      expect.stringMatching(/^platform-thing \(staff\): reached 2xx, remove its SUCCESS_EXCEPTIONS entry/),
      'SUCCESS_EXCEPTIONS names public-list (staff), which no lane attacks: remove it',
    ]);
  });

  it('fails on an operation that reached 2xx in no lane when the policy allows none of its lanes, unless listed with its reason', () => {
    // Prepare: a webhook-like route every lane is refused (anonymous 401, the shopper and staff 403)
    const hook = op('hook', true, 'platform permission platform.hook');
    const ops = [...OPS, hook];
    const policy: Policy = { ...POLICY, hook: staffOnly([]) };
    const records = [...runWith(correct), ...lanesOf(hook).map((mode) => ({ op: 'hook', mode, statuses: { [mode === 'anonymous' ? 401 : 403]: 4 } }))];
    // Act
    const unlisted = coverageProblems({ ops, policy, fixtures: FIXTURES, records, exceptions: [] });
    const listed = coverageProblems({ ops, policy, fixtures: FIXTURES, records, exceptions: [{ op: 'hook', reason: 'signed by the vendor only' }] });
    // Assert
    expect(unlisted).toEqual([
      'hook: reached 2xx in no lane (anonymous: 401x4; shopper: 403x4; staff: 403x4) and the policy allows none of their callers (anonymous, shopper, super_admin): list it in SUCCESS_EXCEPTIONS (support/coverage.ts) without a lane, with the reason',
    ]);
    expect(listed).toEqual([]);
  });

  it('fails on an operation-wide exception that is no longer needed or names nothing', () => {
    const problems = coverageProblems({
      ops: OPS,
      policy: POLICY,
      fixtures: FIXTURES,
      records: runWith(correct),
      exceptions: [
        { op: 'public-list', reason: 'was broken once' },
        { op: 'gone', reason: 'removed route' },
      ],
    });
    expect(problems).toEqual([
      'public-list: reached 2xx in a lane, remove its SUCCESS_EXCEPTIONS entry ("was broken once")',
      'SUCCESS_EXCEPTIONS names gone (any lane), which no lane attacks: remove it',
    ]);
  });

  it('sums up which operations reached 2xx in some lane, per lane among the allowed callers', () => {
    const records = runWith((o, mode) => (o.id === 'store-thing' ? 404 : correct(o, mode)));
    expect(coverageSummary(OPS, POLICY, records)).toBe(
      '2xx reached by 3 of 4 operations in at least one lane (lanes: anonymous 1 of 1, shopper 1 of 1, staff 1 of 2); in none: store-thing',
    );
    expect(coverageSummary(OPS, POLICY, runWith(correct))).toBe(
      '2xx reached by 4 of 4 operations in at least one lane (lanes: anonymous 1 of 1, shopper 1 of 1, staff 2 of 2)',
    );
  });

  it('seeds each operation from a hash of its id: ids of the same length get different sequences, a replay the same', () => {
    const ids = ['get-cart', 'get-home', 'get-me-x', 'list-abc'];
    expect(new Set(ids.map((id) => seedOf(42, id))).size).toBe(ids.length);
    expect(seedOf(42, 'get-cart')).toBe(seedOf(42, 'get-cart'));
    expect(seedOf(42, 'get-cart')).not.toBe(seedOf(43, 'get-cart'));
    for (const id of ids) expect(seedOf(2 ** 31 - 1, id)).toBeLessThan(2 ** 31);
  });
});

describe('attacks built on a route fixture (support/attacks.ts)', () => {
  const ship: Operation = {
    id: 'ship-order',
    method: 'POST',
    path: '/merchants/{merchantId}/orders/{orderId}/ship',
    bearer: true,
    params: [
      { name: 'merchantId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } },
    ],
    body: { type: 'object', properties: { note: { type: 'string', maxLength: 10 } }, additionalProperties: false },
    rateLimit: [],
  };

  it("reads the fixture's path parameters, query and headers back into the base", () => {
    const base = baseFromFixture(ship, {
      method: 'POST',
      path: '/merchants/M1/orders/O%2F2/ship?x=1',
      query: { y: '2' },
      headers: { 'Idempotency-Key': 'k' },
      body: { note: 'a' },
    });
    expect(base).toEqual({ params: { merchantId: 'M1', orderId: 'O/2' }, query: { x: '1', y: '2' }, headers: { 'Idempotency-Key': 'k' }, body: { note: 'a' } });
    expect(fixtureAttack(ship, base)).toMatchObject({
      onFixture: true,
      spec: { path: '/merchants/M1/orders/O%2F2/ship', headers: { 'Idempotency-Key': 'k' } },
    });
  });

  it('refuses a fixture whose request is not the operation', () => {
    expect(() => baseFromFixture(ship, { method: 'POST', path: '/merchants/M1/orders/O2' })).toThrow(/is not POST \/merchants\/\{merchantId\}/);
    expect(() => baseFromFixture(ship, { method: 'GET', path: '/merchants/M1/orders/O2/ship' })).toThrow();
  });

  it('breaks a fixture without its optional body, and marks what it built on the fixture', () => {
    const base = baseFromFixture(ship, { method: 'POST', path: '/merchants/M1/orders/O2/ship' });
    const sampled = fc.sample(attackArbitrary(ship, [], {}, base), { numRuns: 60, seed: 7 });
    expect(sampled.filter((a) => a.onFixture).length).toBeGreaterThan(15);
    expect(sampled.filter((a) => !a.onFixture).length).toBeGreaterThan(15);
    expect(sampled.filter((a) => a.onFixture).every((a) => a.spec.path.startsWith('/merchants/M1/orders/O2/ship') || a.mutation.startsWith('path '))).toBe(
      true,
    );
  });
});
