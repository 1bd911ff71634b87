import { createHash } from 'node:crypto';
import type { Policy } from '../policy/types';
import { needsStaff, type Operation } from './openapi';
import type { Mode } from './run-attacks';
import type { RoleName } from './world';

/**
 * What the bad-input run must have done before it may pass: every lane attacked its operations, and
 * every operation answered 2xx at least once to every lane whose caller the written policy allows.
 * Pure functions over what the run recorded, so tests/unit/attack-coverage.test.ts can prove that a
 * run missing either fails.
 */

/** Each operation its own sequence: the run seed plus a hash of the operation id (ids of the same length differ). */
export const seedOf = (runSeed: number, opId: string): number => (runSeed + createHash('sha256').update(opId).digest().readUInt32BE(0)) % 2 ** 31;

/** The lanes that must attack an operation: anonymous every one, shopper every bearer one, staff every one needing a permission. */
export const lanesOf = (op: Operation): Mode[] => ['anonymous', ...(op.bearer ? (['shopper'] as const) : []), ...(needsStaff(op) ? (['staff'] as const) : [])];

/** The role a lane sends an operation's requests as (the staff lane: the super admin on platform routes, merchant A's owner on merchant routes). */
export const laneRole = (mode: Mode, op: Operation): RoleName => (mode === 'staff' ? (op.permission?.startsWith('platform') ? 'super_admin' : 'ownerA') : mode);

/** What one lane did with one operation. */
export interface LaneRecord {
  op: string;
  mode: Mode;
  /** Answers by status code, accepted requests only (refused ones must never be 2xx). */
  statuses: Record<string, number>;
  /** Why the route fixture gave no request, if it failed (the lane fell back to schema-random values). */
  fixtureProblem?: string;
}

/**
 * An operation that cannot answer 2xx to a lane in this world, and why; without `mode`, an operation
 * that answers 2xx in no lane (the policy allows none of the lanes' callers).
 */
export interface SuccessException {
  op: string;
  mode?: Mode;
  reason: string;
}

/**
 * Operations that do not reach 2xx in a lane although the policy allows its caller, or in any lane.
 * Keep it short and every reason true: an entry that is no longer needed (the lane or the operation
 * reached 2xx) or names an operation or lane that does not exist fails the run, like a missing 2xx does.
 * Empty: every documented operation reaches 2xx in every lane whose caller the policy allows (logout
 * and the login-method routes get a session of their own, `Fixture.principal`; the payment and refund
 * notifications, the webhooks, are not documented operations: the fault and payment suites send them).
 */
export const SUCCESS_EXCEPTIONS: readonly SuccessException[] = [];

const reached2xx = (r: LaneRecord | undefined): boolean => Object.keys(r?.statuses ?? {}).some((s) => Number(s) >= 200 && Number(s) < 300);
const statusList = (r: LaneRecord | undefined): string =>
  Object.entries(r?.statuses ?? {})
    .map(([s, n]) => `${s}x${n}`)
    .join(', ') || 'no accepted request';

export interface CoverageInput {
  ops: readonly Operation[];
  policy: Policy;
  /** Route ids with a fixture in support/route-fixtures.ts. */
  fixtures: ReadonlySet<string>;
  records: readonly LaneRecord[];
  exceptions?: readonly SuccessException[];
}

/**
 * Every way the run falls short, one line each, naming the operation and the lane (caller), with
 * what the route's author has to add. Empty when the run attacked everything it should and every
 * allowed caller reached 2xx.
 */
export function coverageProblems({ ops, policy, fixtures, records, exceptions = SUCCESS_EXCEPTIONS }: CoverageInput): string[] {
  const problems: string[] = [];
  const byKey = new Map(records.map((r) => [`${r.op}:${r.mode}`, r]));
  const excepted = new Map(exceptions.map((e) => [`${e.op}:${e.mode ?? '*'}`, e]));
  // a selection that matches nothing (or too little) is a broken run, not a clean one
  const staffOps = ops.filter(needsStaff);
  if (ops.length === 0) problems.push('no operation was loaded from /openapi.json');
  if (staffOps.length === 0) problems.push('the staff lane selects no operation (x-permission "platform permission ..." / "merchant permission ...")');
  for (const op of ops) {
    const row = policy[op.id];
    if (!row) problems.push(`${op.id}: no row in tests/attack/policy/<area>.ts: the run cannot tell which callers must reach 2xx`);
    else if (needsStaff(op) !== (row.shopper !== 'allow'))
      problems.push(`${op.id}: x-permission "${op.permission ?? '-'}" and the policy disagree on whether a shopper may call it (staff lane selection)`);
    const lanes = lanesOf(op);
    const allowedLanes = lanes.filter((mode) => row?.[laneRole(mode, op)] === 'allow');
    const anyLane2xx = lanes.some((mode) => reached2xx(byKey.get(`${op.id}:${mode}`)));
    const opException = excepted.get(`${op.id}:*`);
    if (anyLane2xx && opException) problems.push(`${op.id}: reached 2xx in a lane, remove its SUCCESS_EXCEPTIONS entry ("${opException.reason}")`);
    else if (!anyLane2xx && !opException && row && allowedLanes.length === 0 && lanes.every((mode) => byKey.has(`${op.id}:${mode}`)))
      // no lane is told to reach 2xx below: the operation itself must, or carry its reason
      problems.push(
        `${op.id}: reached 2xx in no lane (${lanes.map((mode) => `${mode}: ${statusList(byKey.get(`${op.id}:${mode}`))}`).join('; ')}) and the policy allows none of their callers (${lanes.map((mode) => laneRole(mode, op)).join(', ')}): list it in SUCCESS_EXCEPTIONS (support/coverage.ts) without a lane, with the reason`,
      );
    for (const mode of lanes) {
      const record = byKey.get(`${op.id}:${mode}`);
      if (!record) {
        problems.push(`${op.id} (${mode}): not attacked`);
        continue;
      }
      const role = laneRole(mode, op);
      const exception = excepted.get(`${op.id}:${mode}`);
      if (!row || row[role] !== 'allow') {
        if (exception) problems.push(`${op.id} (${mode}): SUCCESS_EXCEPTIONS lists it, but the policy does not allow ${role}: remove the entry`);
        continue;
      }
      if (reached2xx(record)) {
        if (exception) problems.push(`${op.id} (${mode}): reached 2xx, remove its SUCCESS_EXCEPTIONS entry ("${exception.reason}")`);
        continue;
      }
      if (exception) continue;
      const seen = statusList(record);
      if (!fixtures.has(op.id))
        problems.push(
          `${op.id} (${mode} as ${role}): never reached 2xx (${seen}) and has no fixture: add FIXTURES['${op.id}'] in tests/attack/support/route-fixtures.ts (a request every allowed caller succeeds with; fresh objects when it consumes them)`,
        );
      else if (record.fixtureProblem) problems.push(`${op.id} (${mode} as ${role}): never reached 2xx (${seen}); its fixture failed: ${record.fixtureProblem}`);
      else
        problems.push(
          `${op.id} (${mode} as ${role}): never reached 2xx (${seen}): fix FIXTURES['${op.id}'] in tests/attack/support/route-fixtures.ts, or list it in SUCCESS_EXCEPTIONS (support/coverage.ts) with the reason`,
        );
    }
  }
  const known = new Set(ops.flatMap((op) => [`${op.id}:*`, ...lanesOf(op).map((m) => `${op.id}:${m}`)]));
  for (const e of exceptions)
    if (!known.has(`${e.op}:${e.mode ?? '*'}`)) problems.push(`SUCCESS_EXCEPTIONS names ${e.op} (${e.mode ?? 'any lane'}), which no lane attacks: remove it`);
  return problems;
}

/**
 * One line: how many operations reached 2xx in at least one lane, each lane's figure among the
 * operations the policy allows its caller, and the operations that reached it in none.
 */
export function coverageSummary(ops: readonly Operation[], policy: Policy, records: readonly LaneRecord[]): string {
  const byKey = new Map(records.map((r) => [`${r.op}:${r.mode}`, r]));
  const none = ops.filter((op) => !lanesOf(op).some((mode) => reached2xx(byKey.get(`${op.id}:${mode}`)))).map((op) => op.id);
  const perLane = (['anonymous', 'shopper', 'staff'] as const).map((mode) => {
    const allowed = ops.filter((op) => lanesOf(op).includes(mode) && policy[op.id]?.[laneRole(mode, op)] === 'allow');
    return `${mode} ${allowed.filter((op) => reached2xx(byKey.get(`${op.id}:${mode}`))).length} of ${allowed.length}`;
  });
  return `2xx reached by ${ops.length - none.length} of ${ops.length} operations in at least one lane (lanes: ${perLane.join(', ')})${none.length ? `; in none: ${none.join(', ')}` : ''}`;
}
