import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { localDynamoClient } from '../../../infra/local/dynamodb';
import { POLICY } from '../policy';
import { attackArbitrary, baseFromFixture, edgeAttacks, fixtureAttack, type Base } from '../support/attacks';
import { coverageProblems, coverageSummary, laneRole, seedOf, type LaneRecord } from '../support/coverage';
import { createChangeFeed, type ChangeFeed } from '../support/change-feed';
import { forgedAuthorizations } from '../support/forged-tokens';
import { splitKnown } from '../support/known-issues';
import { needsStaff, type Operation } from '../support/openapi';
import { FIXTURES, storeOfItsOwn } from '../support/route-fixtures';
import { describeRequest, formatFindings, judge, sendAccepted, sendRefused, type Finding, type Mode } from '../support/run-attacks';
import { refundsSettled } from '../support/settle';
import { diffSideEffects, sideEffects } from '../support/side-effects';
import { createDigester, diffDigests, type Digester } from '../support/table-digest';
import type { Session } from '../support/sign-in';
import type { MerchantSide, RoleName, World } from '../support/world';

/** Requests per operation and caller; ATTACK_RUNS raises it for a longer soak. */
const RUNS = Number(process.env.ATTACK_RUNS ?? 10);
const SEED = Number(process.env.ATTACK_SEED ?? Date.now() % 2 ** 31);
/** Operations prepared at once (their fixtures make objects through the API). */
const PREPARE_CONCURRENCY = 4;

/** `items` mapped by `task`, at most `limit` at a time, in their order. */
async function mapInBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await task(items[i]!);
    }),
  );
  return out;
}

export function badInputSuite(w: World): void {
  describe('bad input everywhere (requests generated from /openapi.json with fast-check)', () => {
    let digester: Digester;
    let feed: ChangeFeed;
    let forged: string[];
    /** What each lane did with each operation: the answers to its accepted requests, a fixture that failed. */
    const records: LaneRecord[] = [];

    beforeAll(async () => {
      // the fixtures' product on sale must be in the browse index, which the consumers (paused below) write
      await w.productOnSale();
      // Nothing but the attacks may write while the table is watched: the stream consumers pause.
      await w.stopConsumers();
      forged = await forgedAuthorizations(w.api.env.JWT_SECRET!, w.session('shopper')!, w.session('super_admin')!.userId);
      digester = createDigester(w.api.env.DYNAMODB_ENDPOINT!, w.api.table);
      feed = await createChangeFeed(w.api.env.DYNAMODB_ENDPOINT!, w.api.table);
      // a canary write the feed must report: a silent stream would otherwise pass every check below
      const canary = { PK: `CANARY#${ulid()}`, SK: 'CANARY' };
      const client = localDynamoClient(w.api.env.DYNAMODB_ENDPOINT!);
      try {
        await client.send(new PutItemCommand({ TableName: w.api.table, Item: { PK: { S: canary.PK }, SK: { S: canary.SK }, entity: { S: 'Canary' } } }));
      } finally {
        client.destroy();
      }
      let seen: string[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && !seen.some((k) => k.startsWith(`${canary.PK}|`)); )
        seen = [...seen, ...(await feed.changes())];
      if (!seen.some((k) => k.startsWith(`${canary.PK}|`)))
        throw new Error(`the change feed did not report the canary write ${canary.PK} in 10 s: ${seen.join(', ')}`);
    });

    afterAll(async () => {
      digester?.close();
      feed?.close();
      await w.startConsumers();
    });

    const settle = (): Promise<void> => refundsSettled(w.api.env.DYNAMODB_ENDPOINT!, w.api.table);

    /**
     * The session a lane calls an operation with: the role's own, or a new account of that kind when
     * the route fixture asks for one (binding a login method, ending sessions); none for anonymous.
     */
    async function sessionOf(mode: Mode, role: RoleName, op: Operation): Promise<Session | undefined> {
      if (mode === 'anonymous') return undefined;
      const via = FIXTURES[op.id]?.principal;
      if (via) return w.principal(role, via);
      const session = await w.keepFresh(w.session(role)!);
      const me = await w.call(session, { method: 'GET', path: '/me' });
      if (me.status !== 200) throw new Error(`the ${role} session ended during the attacks (${me.status})`);
      return session;
    }

    /**
     * The route fixture's request as the lane's caller; why not, if it failed. `allowed` makes fresh
     * objects for a call that uses them up; without it the fixture names shared ones.
     */
    async function fixtureBase(op: Operation, role: RoleName, session: Session | undefined, allowed: boolean): Promise<{ base?: Base; problem?: string }> {
      const fixture = FIXTURES[op.id];
      if (!fixture) return { problem: 'no fixture' };
      try {
        return { base: baseFromFixture(op, await fixture.request({ w, as: role, side: 'A', allowed, session })) };
      } catch (err) {
        return { problem: err instanceof Error ? err.message : String(err) };
      }
    }

    /** The platform status of the world's stores A and B (the lanes must leave them open and selling). */
    async function worldStores(): Promise<Record<MerchantSide, string>> {
      const status = async (side: MerchantSide): Promise<string> =>
        (await w.ok<{ status: string }>('super_admin', { method: 'GET', path: `/admin/merchants/${w.merchants[side]}` }, `read merchant ${side}`)).status;
      return { A: await status('A'), B: await status('B') };
    }

    /**
     * Every operation's attacks as one kind of caller. First every request the schemas refuse, with a
     * digest of the whole table before and after (no item may differ) and the table's stream read
     * after each batch (what changed, and when); then the requests they accept, one at a time, each
     * followed by the stream (a 4xx must have changed nothing).
     */
    async function attackAll(mode: Mode, select: (op: Operation) => boolean): Promise<Finding[]> {
      const storesBefore = await worldStores();
      // The staff lane's schema-random requests name a store its caller may act on: merchant A on merchant routes (the
      // caller is A's owner), a store of the lane's own on platform routes. With A there, a random set-merchant-status
      // closed A for good (closed is final) and every later call that needs A open failed with it (update-store-layout
      // 409; ship-order's fixture checkout 422, its new product approved off sale).
      const platformStore = mode === 'staff' ? await storeOfItsOwn(w, 'bad-input') : undefined;
      const fixedFor = (op: Operation): Record<string, string> =>
        mode !== 'staff' ? {} : { merchantId: laneRole(mode, op) === 'ownerA' ? w.merchants.A : platformStore! };
      // Prepare: each operation's caller; for a caller the policy refuses, the fixture's request on shared objects (as the
      // permission suite builds it), the base of the broken requests. An allowed caller's fixture is built once, when it is sent.
      const prepared = await mapInBatches(w.ops.filter(select), PREPARE_CONCURRENCY, async (op) => {
        const role = laneRole(mode, op);
        const session = await sessionOf(mode, role, op);
        const allowed = POLICY[op.id]?.[role] === 'allow';
        return { op, role, session, allowed, ...(allowed ? {} : await fixtureBase(op, role, session, false)) };
      });
      const judged = prepared.map(({ op, role, session, allowed, base, problem }) => {
        const sampled = fc.sample(attackArbitrary(op, forged, fixedFor(op), base), { numRuns: RUNS, seed: seedOf(SEED, op.id) });
        // a caller the policy refuses gets the fixture's request itself first (real ids: exactly 401 / 403 / 404)
        const fixture = base ? fixtureAttack(op, base) : undefined;
        const j = judge(op, mode, session?.accessToken, [...(fixture ? [fixture] : []), ...edgeAttacks(op), ...sampled]);
        // broken fixture requests the schemas refuse go out (nothing may change); accepted ones only as the fixture itself (see Attack.onFixture)
        return { ...j, role, session, allowed, accepted: j.accepted.filter((a) => !a.onFixture || a === fixture), fixtureProblem: problem };
      });
      // what getting tokens and building fixtures wrote (refunds they started settle a moment later) is not the attacks' doing
      await settle();
      await feed.changes();
      const findings: Finding[] = [];
      const before = await digester.digest();
      const outsideBefore = await sideEffects(w.api.stack.urls.sims);
      for (const j of judged) findings.push(...(await sendRefused(w.api.url, j, feed)).findings);
      const after = await digester.digest();
      const outside = diffSideEffects(outsideBefore, await sideEffects(w.api.stack.urls.sims));
      if (outside.length)
        findings.push({
          op: '*',
          mode,
          mutation: 'every refused request',
          request: '-',
          status: 0,
          problem: `effects outside the table: ${outside.join(', ')}`,
        });
      if (after.hash !== before.hash) {
        const d = diffDigests(before, after);
        findings.push({
          op: '*',
          mode,
          mutation: 'every refused request',
          request: '-',
          status: 0,
          problem: `the table digest changed: added ${d.added.join(', ') || '-'}; changed ${d.changed.join(', ') || '-'}; removed ${d.removed.join(', ') || '-'}`,
        });
      }
      for (const j of judged) {
        // an allowed caller's fixture is made right before it is sent, with fresh objects (as the permission
        // suite does): another operation's requests cannot have used up what it names (the cart's item)
        let fixtureProblem = j.fixtureProblem;
        let accepted = j.accepted;
        if (j.allowed && FIXTURES[j.op.id]) {
          const fresh = await fixtureBase(j.op, j.role, j.session, true);
          fixtureProblem = fresh.problem;
          // what the fixture made (and any refund it started) is not the attacks' doing
          await settle();
          await feed.changes();
          if (fresh.base) {
            const own = judge(j.op, mode, j.token, [fixtureAttack(j.op, fresh.base)]);
            for (const a of own.refused)
              findings.push({
                op: j.op.id,
                mode,
                mutation: a.mutation,
                request: describeRequest(a),
                status: 0,
                problem: "the route's schemas refuse its fixture's request",
              });
            accepted = [...own.accepted, ...accepted];
          }
        }
        const lane = await sendAccepted(w.api.url, { ...j, accepted }, feed, settle);
        findings.push(...lane.findings);
        records.push({ op: j.op.id, mode, statuses: lane.statuses, fixtureProblem });
      }
      const storesAfter = await worldStores();
      for (const side of ['A', 'B'] as const)
        if (storesAfter[side] !== storesBefore[side])
          findings.push({
            op: '*',
            mode,
            mutation: 'the lane',
            request: '-',
            status: 0,
            problem: `merchant ${side}'s status went from ${storesBefore[side]} to ${storesAfter[side]}: the later suites and fixtures need the world's stores as they were`,
          });
      return splitKnown(findings).open;
    }

    it('refuses broken requests from anonymous callers with a 4xx (exactly 401 on bearer routes when well-formed) and writes nothing', async () => {
      // Prepare: every operation, no token (forged tokens are among the mutations)
      // Act
      const findings = await attackAll('anonymous', () => true);
      // Assert
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    }, 900_000);

    it("answers a shopper's broken requests without a 5xx, and no refusal changes an item", async () => {
      const findings = await attackAll('shopper', (op) => op.bearer);
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    }, 900_000);

    it("answers staff's broken requests to platform and merchant routes without a 5xx, and no refusal changes an item", async () => {
      const findings = await attackAll('staff', needsStaff);
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    }, 900_000);

    it('attacked every documented operation in every lane that should, every caller the policy allows got a 2xx, and every operation got one in some lane (anonymous: all; shopper: every bearer route; staff: every route the policy keeps from shoppers)', () => {
      // the staff lane's selection (x-permission) against the written policy: an empty or wrong selection fails here
      expect(w.ops.length).toBeGreaterThan(20);
      expect(w.ops.filter(needsStaff).length).toBeGreaterThan(20);
      if (process.env.ATTACK_TRACE)
        console.log(
          records
            .map((r) => `${r.op} (${r.mode}): ${JSON.stringify(r.statuses)}${r.fixtureProblem ? ` fixture: ${r.fixtureProblem}` : ''}`)
            .sort()
            .join('\n'),
        );
      console.log(coverageSummary(w.ops, POLICY, records));
      const problems = coverageProblems({ ops: w.ops, policy: POLICY, fixtures: new Set(Object.keys(FIXTURES)), records });
      expect(problems).toEqual([]);
    });
  });
}
