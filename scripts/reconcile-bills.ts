/**
 * `npx tsx scripts/reconcile-bills.ts [YYYY-MM-DD] [--provider wechatpay|alipay] [--table <name>]`
 * Downloads WeChat Pay's (or Alipay's) trade bill of a Beijing day (yesterday by default) and reconciles it against
 * the table (functions/ops/reconcile-bills.ts, ADR 0071): prints the report, stores it like the scheduled
 * job does, and exits 1 on any difference (2 when it could not run). Locally it reads the table, the
 * endpoint and the simulators' WeChat Pay and Alipay settings from .local/stack.json; on AWS the function's own env.
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
    for (const [k, v] of Object.entries(env)) if (/^(TABLE_NAME|DYNAMODB_ENDPOINT|AWS_|WECHATPAY_|WECHAT_APPID|ALIPAY_)/.test(k)) process.env[k] ??= v;
  }
  if (arg('table')) process.env.TABLE_NAME = arg('table');
  process.env.LOG_LEVEL ??= 'ERROR';
  const provider = arg('provider') ?? 'wechatpay';
  if (provider !== 'wechatpay' && provider !== 'alipay') throw new Error(`--provider is wechatpay or alipay, not ${provider}`);
  const { beijingDay, dayBefore, reconcileBill } = await import('../functions/ops/reconcile-bills');
  const date = process.argv.slice(2).find((a) => /^\d{4}-\d{2}-\d{2}$/.test(a)) ?? dayBefore(beijingDay(new Date().toISOString()));
  const report = await reconcileBill(date, provider);
  console.log(
    `${provider === 'alipay' ? 'Alipay' : 'WeChat Pay'} bill of ${report.date}: ${report.status}, ${report.lines} lines, ${report.differenceCount} difference(s)`,
  );
  for (const d of report.differences) console.log(`- ${d.kind} ${d.no}: ${d.detail}`);
  if (report.error) console.log(`error: ${report.error}`);
  if (report.status === 'failed') return 2;
  return report.status === 'ok' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
