import type { Finding } from './run-attacks';

/**
 * Bugs the attack suites found that are reported and not fixed yet. A finding that matches one is
 * printed as a warning instead of failing the run; remove the entry with the fix, and the suite
 * guards it from then on. Keep entries narrow (operation + problem), never whole routes.
 */
export interface KnownIssue {
  op: string;
  problem: RegExp;
  mutation?: RegExp;
  /** What is wrong, where, and since when. */
  note: string;
}

export const KNOWN_ISSUES: KnownIssue[] = [];

export function splitKnown(findings: Finding[], known: readonly KnownIssue[] = KNOWN_ISSUES): { open: Finding[]; known: Finding[] } {
  const isKnown = (f: Finding): boolean => known.some((k) => k.op === f.op && k.problem.test(f.problem) && (!k.mutation || k.mutation.test(f.mutation)));
  const result = { open: findings.filter((f) => !isKnown(f)), known: findings.filter(isKnown) };
  for (const k of known) {
    const seen = result.known.filter((f) => f.op === k.op && k.problem.test(f.problem)).length;
    if (seen > 0) console.warn(`known issue still present (${seen}x): ${k.op}: ${k.note}`);
  }
  return result;
}
