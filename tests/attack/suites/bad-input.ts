import { createHash } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { localDynamoClient } from '../../../infra/local/dynamodb';
import { POLICY } from '../policy';
import { attackArbitrary, edgeAttacks } from '../support/attacks';
import { createChangeFeed, type ChangeFeed } from '../support/change-feed';
import { forgedAuthorizations } from '../support/forged-tokens';
import { splitKnown } from '../support/known-issues';
import { needsStaff, type Operation } from '../support/openapi';
import { formatFindings, judge, sendAccepted, sendRefused, type Finding, type Judged, type Mode } from '../support/run-attacks';
import { refundsSettled } from '../support/settle';
import { diffSideEffects, sideEffects } from '../support/side-effects';
import { createDigester, diffDigests, type Digester } from '../support/table-digest';
import type { World } from '../support/world';

/** Requests per operation and caller; ATTACK_RUNS raises it for a longer soak. */
const RUNS = Number(process.env.ATTACK_RUNS ?? 10);
const SEED = Number(process.env.ATTACK_SEED ?? Date.now() % 2 ** 31);
/** Each operation its own sequence: the run seed plus a hash of the operation id (lengths collide). */
const seedOf = (opId: string): number => (SEED + createHash('sha256').update(opId).digest().readUInt32BE(0)) % 2 ** 31;

export function badInputSuite(w: World): void {
  describe('bad input everywhere (requests generated from /openapi.json with fast-check)', () => {
    let digester: Digester;
    let feed: ChangeFeed;
    let forged: string[];
    const attacked = new Set<string>();
    /** `op:mode` pairs where at least one accepted request got a 2xx. */
    const succeeded = new Set<string>();

    beforeAll(async () => {
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

    /** A token of the kind of caller; logout attacks get a session of their own to end. */
    async function tokenOf(mode: Mode, op: Operation): Promise<string | undefined> {
      if (mode === 'anonymous') return undefined;
      if (mode === 'shopper' && /^logout/.test(op.id)) return (await w.freshUser()).accessToken;
      const role = mode === 'shopper' ? 'shopper' : op.permission?.startsWith('platform') ? 'super_admin' : 'ownerA';
      const session = await w.keepFresh(w.session(role)!);
      const me = await w.call(session, { method: 'GET', path: '/me' });
      if (me.status !== 200) throw new Error(`the ${role} session ended during the attacks (${me.status})`);
      return session.accessToken;
    }

    /**
     * Every operation's attacks as one kind of caller. First every request the schemas refuse, with a
     * digest of the whole table before and after (no item may differ) and the table's stream read
     * after each batch (what changed, and when); then the requests they accept, one at a time, each
     * followed by the stream (a 4xx must have changed nothing).
     */
    async function attackAll(mode: Mode, select: (op: Operation) => boolean): Promise<Finding[]> {
      const fixed: Record<string, string> = mode === 'staff' ? { merchantId: w.merchants.A } : {};
      const judged: Judged[] = [];
      for (const op of w.ops.filter(select)) {
        const sampled = fc.sample(attackArbitrary(op, forged, fixed), { numRuns: RUNS, seed: seedOf(op.id) });
        judged.push(judge(op, mode, await tokenOf(mode, op), [...edgeAttacks(op), ...sampled]));
      }
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
        const lane = await sendAccepted(w.api.url, j, feed, settle);
        findings.push(...lane.findings);
        attacked.add(`${j.op.id}:${mode}`);
        if (Object.keys(lane.statuses).some((st) => Number(st) >= 200 && Number(st) < 300)) succeeded.add(`${j.op.id}:${mode}`);
      }
      return splitKnown(findings).open;
    }

    it('refuses broken requests from anonymous callers with a 4xx (exactly 401 on bearer routes when well-formed) and writes nothing', async () => {
      // Prepare: every operation, no token (forged tokens are among the mutations)
      // Act
      const findings = await attackAll('anonymous', () => true);
      // Assert
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    });

    it("answers a shopper's broken requests without a 5xx, and no refusal changes an item", async () => {
      const findings = await attackAll('shopper', (op) => op.bearer);
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    });

    it("answers staff's broken requests to platform and merchant routes without a 5xx, and no refusal changes an item", async () => {
      const findings = await attackAll('staff', needsStaff);
      expect(formatFindings(findings, SEED)).toBe(formatFindings([], SEED));
    });

    it('attacked every documented operation in every lane that should (anonymous: all; shopper: every bearer route; staff: every route the policy keeps from shoppers)', () => {
      // the staff lane's selection (x-permission) against the written policy: an empty or wrong selection fails here
      const staffOps = w.ops.filter((op) => POLICY[op.id] && POLICY[op.id]!.shopper !== 'allow').map((op) => op.id);
      const missing = [
        ...w.ops.filter((op) => !attacked.has(`${op.id}:anonymous`)).map((op) => `${op.id} (anonymous)`),
        ...w.ops.filter((op) => op.bearer && !attacked.has(`${op.id}:shopper`)).map((op) => `${op.id} (shopper)`),
        ...staffOps.filter((id) => !attacked.has(`${id}:staff`)).map((id) => `${id} (staff)`),
      ];
      const strays = w.ops.filter((op) => needsStaff(op) && !staffOps.includes(op.id)).map((op) => op.id);
      expect(w.ops.length).toBeGreaterThan(20);
      expect(staffOps.length).toBeGreaterThan(20);
      expect(w.ops.filter(needsStaff).length).toBe(staffOps.length);
      expect({ missing, strays }).toEqual({ missing: [], strays: [] });
      if (process.env.ATTACK_TRACE) console.log(`2xx reached: ${[...succeeded].sort().join(' ')}`);
    });
  });
}
