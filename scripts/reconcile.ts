/**
 * `npx tsx scripts/reconcile.ts [--table <name>] [--settle <seconds>] [--only <check,...>]`
 * Checks that the table reconciles (functions/ops/reconcile.ts: identities, roles, signup counters,
 * stock and postings ...), prints a report and exits 1 on any difference (2 when it could not run).
 * Locally it reads the table and endpoint from .local/stack.json; on AWS it uses TABLE_NAME and the
 * default credentials.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<number> {
  const stackFile = join(__dirname, '..', '.local', 'stack.json');
  if (!process.env.TABLE_NAME && existsSync(stackFile)) {
    const { env } = JSON.parse(readFileSync(stackFile, 'utf8')) as { env: Record<string, string> };
    for (const k of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'JWT_SECRET'])
      if (env[k]) process.env[k] ??= env[k];
  }
  if (arg('table')) process.env.TABLE_NAME = arg('table');
  process.env.LOG_LEVEL ??= 'ERROR';
  const { CHECKS, formatReport, reconcile } = await import('../functions/ops/reconcile');
  const only = arg('only')?.split(',');
  const unknown = only?.filter((n) => !CHECKS.some((c) => c.name === n)) ?? [];
  if (unknown.length) throw new Error(`unknown check(s): ${unknown.join(', ')}; known: ${CHECKS.map((c) => c.name).join(', ')}`);
  const report = await reconcile({ checks: only ? CHECKS.filter((c) => only.includes(c.name)) : CHECKS, settleMs: Number(arg('settle') ?? 10) * 1000 });
  console.log(formatReport(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
