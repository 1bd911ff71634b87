import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { ensureTable, localDynamoClient } from '../../../infra/local/dynamodb';
import { readFunctions } from '../../../infra/local/template';
import { ROOT, readStackState, type StackState } from './stack-state';

const TABLE_PREFIX = 'wxshop-attack-';
/** Scratch tables left behind by a killed run are dropped after this long. */
const STALE_AFTER_MS = 3600_000;

export interface IsolatedApi {
  /** Base URL of this API process. */
  url: string;
  /** Its own scratch table in the running DynamoDB Local. */
  table: string;
  stack: StackState;
  /** The environment the API process runs with (the stack's, with this table and these ports). */
  env: Record<string, string>;
  /** Kills the API process (SIGKILL: no cleanup, as a crashed Lambda host). */
  kill(): Promise<void>;
  /** Starts the API process again on the same ports. */
  restart(): Promise<void>;
  /** Stops the process, drops the table and the scratch directory. */
  stop(): Promise<void>;
  /** The tail of the process output, for failure messages. */
  logTail(): string;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/**
 * A service directory of its own: symlinks to the repository, the handlers bundled by one esbuild
 * build into `functions/` (as serverless-esbuild bundles them, without its watch contexts: about
 * 3 GB of memory and a minute of CPU for every function on 2 cores), and a copy of serverless.yml
 * without the serverless-esbuild plugin and with this table. serverless-offline then loads plain
 * JavaScript, and the main local API's `.esbuild` folder is never touched.
 */
async function scratchServiceDir(table: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wxshop-svc-'));
  for (const entry of readdirSync(ROOT)) {
    if (['.esbuild', '.serverless', '.git', '.local', 'serverless.yml', 'functions'].includes(entry)) continue;
    symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  const handlers = [...new Set(readFunctions().map((f) => f.handler.slice(0, f.handler.lastIndexOf('.'))))];
  await build({
    entryPoints: handlers.map((h) => join(ROOT, `${h}.ts`)),
    outdir: dir,
    outbase: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  });
  const config = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  // the bundler plugin line: `- ${env:WXSHOP_BUNDLER_PLUGIN, 'serverless-esbuild'}` (ADR 0039)
  const unbundled = config.replace(/^\s*-\s*(serverless-esbuild|\$\{env:WXSHOP_BUNDLER_PLUGIN, 'serverless-esbuild'\})\s*$/m, '');
  if (unbundled === config) throw new Error('serverless.yml no longer lists serverless-esbuild as a plugin: update scratchServiceDir()');
  // provider.environment sets TABLE_NAME from custom.tableName, over the process environment
  const retabled = unbundled.replace(/^(\s+tableName:\s*).*$/m, `$1${table}`);
  if (retabled === unbundled) throw new Error('serverless.yml has no custom.tableName: update scratchServiceDir()');
  writeFileSync(join(dir, 'serverless.yml'), retabled);
  return dir;
}

async function dropStaleTables(endpoint: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    const names = (await client.send(new ListTablesCommand({ Limit: 100 }))).TableNames ?? [];
    for (const name of names.filter((n) => n.startsWith(TABLE_PREFIX))) {
      const startedAt = Number(name.split('-').pop());
      if (Number.isFinite(startedAt) && Date.now() - startedAt > STALE_AFTER_MS)
        await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
    }
  } finally {
    client.destroy();
  }
}

export async function dropTable(endpoint: string, table: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  client.destroy();
}

/**
 * The demo accounts and the two demo merchants, through the same services `npm start`'s seed uses
 * (without its demo catalog: drawing and uploading hundreds of product images is not needed here).
 */
async function seedAccounts(): Promise<void> {
  const { DEMO } = await import('../../../infra/local/seed');
  const { bindIdentity, createAccount, displayOf, setPlatformRole } = await import('../../../functions/identity/accounts');
  const { hashPassword } = await import('../../../functions/identity/password');
  const { createMerchant } = await import('../../../functions/merchants/merchants');
  const account = async (phone: string, nickname: string, email?: { email: string; password: string }): Promise<string> => {
    const userId = (await createAccount({ provider: 'phone', subject: phone, display: displayOf('phone', phone) }, { nickname }))!;
    if (email)
      await bindIdentity(userId, {
        provider: 'email',
        subject: email.email,
        display: displayOf('email', email.email),
        passwordHash: await hashPassword(email.password),
      });
    return userId;
  };
  const adminId = await account(DEMO.admin.phone, DEMO.admin.nickname, DEMO.admin);
  await setPlatformRole(adminId, 'super_admin', 'seed');
  const { setStoreSubMchid } = await import('../../../functions/orders/stores');
  for (const m of DEMO.merchants) {
    await createMerchant({ id: m.id, name: m.name, ownerId: await account(m.owner.phone, m.owner.nickname) });
    await setStoreSubMchid(m.id, m.subMchid);
  }
  await account(DEMO.shopper.phone, DEMO.shopper.nickname, DEMO.shopper);
}

/**
 * Points this process's table client at `table` (the functions read TABLE_NAME and
 * DYNAMODB_ENDPOINT when they first talk to DynamoDB) and, when asked, seeds the demo accounts.
 */
export async function useTableInProcess(stack: StackState, table: string, seed: boolean): Promise<void> {
  Object.assign(process.env, stack.env, { TABLE_NAME: table, LOG_LEVEL: 'ERROR' });
  if (seed) await seedAccounts();
}

/** Children still running when this process exits are killed with it (a timed-out hook leaves none behind). */
const running = new Set<ChildProcess>();
const killAll = (): void => {
  for (const child of running) child.kill('SIGKILL');
};
process.once('exit', killAll);
process.once('SIGTERM', () => {
  killAll();
  process.exit(143);
});

/**
 * An API process of its own (serverless-offline in-process, the same serverless.yml as `npm start`)
 * over a fresh scratch table in the running DynamoDB Local, seeded with the demo data. Suites that
 * compare table contents, count writes or kill the API use this, so that nothing else writing to the
 * shared table can disturb them and they never disturb it. `start()` launches the process; `stop()`
 * works at any point, also when the launch never finished.
 */
export async function createIsolatedApi(label: string, options: { seed?: boolean } = {}): Promise<IsolatedApi & { start(): Promise<void> }> {
  const stack = readStackState();
  await dropStaleTables(stack.env.DYNAMODB_ENDPOINT!);
  const table = `${TABLE_PREFIX}${label}-${Date.now()}`;
  await ensureTable(stack.env.DYNAMODB_ENDPOINT!, table);
  await useTableInProcess(stack, table, options.seed ?? true);
  const [apiPort, lambdaPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${apiPort}`;
  // Every callback the simulators make (payment and refund notifications, Alipay's trade notifications,
  // Kuaidi100's pushes) comes to this process: the stack's API has another table, and a refund whose
  // notification went there stayed pending until this process's minute sweep asked about it, in the
  // middle of whatever suite was watching the table.
  const stackApi = stack.urls.api.replace(/\/+$/, '');
  const callbacks = Object.fromEntries(
    Object.entries(stack.env)
      .filter(([name, value]) => /_(NOTIFY|CALLBACK)_URL$/.test(name) && value.startsWith(stackApi))
      .map(([name, value]) => [name, url + value.slice(stackApi.length)]),
  );
  const env: Record<string, string> = {
    ...stack.env,
    ...callbacks,
    TABLE_NAME: table,
    API_PORT: String(apiPort),
    LAMBDA_PORT: String(lambdaPort),
    LOG_LEVEL: 'ERROR',
  };
  if (!env.WECHATPAY_NOTIFY_URL?.startsWith(url) || !env.WECHATPAY_REFUND_NOTIFY_URL?.startsWith(url))
    throw new Error(`the isolated API's notify URLs do not point at it: ${JSON.stringify(callbacks)}`);
  const serviceDir = await scratchServiceDir(table);
  const logFile = join(serviceDir, 'api.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;

  const tail = (): string => {
    try {
      return readFileSync(logFile, 'utf8').slice(-3000);
    } catch {
      return '';
    }
  };
  const launch = async (): Promise<void> => {
    const proc = spawn(process.execPath, [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'offline', 'start', '--stage', 'local'], {
      cwd: serviceDir,
      env: { ...process.env, ...env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    child = proc;
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the isolated API exited with ${proc.exitCode}:\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`the isolated API did not come up in 240 s:\n${tail()}`);
      const health = await fetch(`${url}/health`).then(
        async (r) => (r.ok ? ((await r.json()) as { table?: string }) : undefined),
        () => undefined,
      );
      if (health?.table === table) return;
      if (health) {
        proc.kill('SIGKILL');
        throw new Error(`the isolated API serves table ${String(health.table)}, not ${table}: refusing to attack it`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  };

  return {
    url,
    table,
    stack,
    env,
    start: launch,
    kill: () => kill('SIGKILL'),
    restart: launch,
    stop: async () => {
      await kill('SIGINT');
      log.end();
      await dropTable(stack.env.DYNAMODB_ENDPOINT!, table);
      rmSync(serviceDir, { recursive: true, force: true });
    },
    logTail: tail,
  };
}
