import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST, PORTS, url } from './ports';
import { ROOT, readFunctions } from './template';
import { ensureTable, javaAvailable, startDynamo } from './dynamodb';
import { startS3 } from './s3';
import { startSimulators } from './sims';
import { localServiceEnv } from './keys';
import { startStreamPoller, streamConsumers } from './streams';
import { scheduledFunctions, startScheduler } from './scheduler';
import { buildH5, h5BuildIsFresh, serveH5 } from './h5';

export const STAGE = 'local';
export const TABLE_NAME = `wxshop-${STAGE}`;
export const UPLOADS_BUCKET = `wxshop-${STAGE}-uploads`;
const LOCAL_DIR = join(ROOT, '.local');

export interface StackOptions {
  /** In-memory table and throw-away uploads (tests); otherwise data persists under .local/. */
  ephemeral?: boolean;
  /** Build the H5 app when its sources changed (default), always, or never (serve what is there). */
  h5?: 'if-stale' | 'always' | 'never';
  log?: (m: string) => void;
}

export interface Stack {
  urls: { api: string; h5: string; sims: string; dynamodb: string; s3: string; docs: string };
  env: Record<string, string>;
  runScheduled(name: string): Promise<unknown>;
  streamRecordsProcessed(): number;
  stop(): Promise<void>;
}

export class PrerequisiteError extends Error {}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, HOST, () => s.close(() => resolve(true)));
  });
}

function jwtSecret(): string {
  const file = join(LOCAL_DIR, 'keys', 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(join(LOCAL_DIR, 'keys'), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, child?: ChildProcess, logFile?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}${logFile ? `: see ${logFile}` : ''}`);
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s${logFile ? `: see ${logFile}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts the whole platform locally: DynamoDB Local with the table from infra/table.yml, local S3,
 * the external-service simulators, demo data, the API (serverless-offline in-process, every route a
 * function of serverless.yml), the stream consumers and schedules of serverless.yml, and the H5 app.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? ((m: string) => console.log(m));
  if (!(await javaAvailable())) {
    throw new PrerequisiteError(
      'Java 17 is needed for DynamoDB Local and was not found: install it with `sudo apt-get install -y openjdk-17-jre-headless` (macOS: `brew install openjdk@17`).',
    );
  }
  for (const [name, port] of Object.entries(PORTS)) {
    if (!(await portFree(port)))
      throw new PrerequisiteError(`Port ${port} (${name}) is in use: is \`npm start\` already running? Stop it, or set ${name.toUpperCase()}_PORT.`);
  }
  mkdirSync(join(LOCAL_DIR, 'logs'), { recursive: true });
  const scratch = options.ephemeral ? mkdtempSync(join(tmpdir(), 'wxshop-')) : LOCAL_DIR;
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    if (options.ephemeral) rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const started = <T extends { stop?: () => Promise<void>; close?: () => Promise<void> }>(p: Promise<T>): Promise<T> =>
      p.then((part) => {
        stops.push(() => (part.stop ?? part.close)?.());
        return part;
      });
    // Each part registers its stop as soon as it is up, so a failure of another stops it too.
    const [dynamo, s3, sims] = await Promise.all([
      started(startDynamo(PORTS.dynamodb, options.ephemeral ? undefined : join(LOCAL_DIR, 'dynamodb'))),
      started(startS3(PORTS.s3, join(scratch, 's3'), UPLOADS_BUCKET)),
      started(startSimulators({ port: PORTS.sims, keysDir: join(LOCAL_DIR, 'keys'), host: HOST, messagePushUrl: `${url(PORTS.api)}/wechat/message-push` })),
    ]);
    const apiUrl = url(PORTS.api);
    const env: Record<string, string> = {
      STAGE,
      TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      UPLOADS_BUCKET,
      UPLOADS_PUBLIC_BASE: `${s3.endpoint}/${UPLOADS_BUCKET}`,
      JWT_SECRET: jwtSecret(),
      CORS_ORIGINS: `${url(PORTS.h5)},http://localhost:${PORTS.h5}`,
      H5_ORIGIN: url(PORTS.h5),
      API_PORT: String(PORTS.api),
      LAMBDA_PORT: String(PORTS.lambda),
      AWS_REGION: 'ap-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
      ...localServiceEnv(sims.keys, sims.baseUrl, { apiBaseUrl: apiUrl }),
    };
    Object.assign(process.env, env);

    const created = await ensureTable(dynamo.endpoint, TABLE_NAME);
    log(`table ${TABLE_NAME}: ${created}`);
    const { seedDemoData } = await import('./seed');
    await seedDemoData(log);

    const h5Build = (async () => {
      const mode = options.h5 ?? 'if-stale';
      if (mode === 'always' || (mode === 'if-stale' && !h5BuildIsFresh())) await buildH5(apiUrl, log);
      else log('H5 build is up to date');
    })();

    const apiLog = join(LOCAL_DIR, 'logs', 'api.log');
    const out = createWriteStream(apiLog);
    const api = spawn(process.execPath, [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'offline', 'start', '--stage', STAGE], {
      cwd: ROOT,
      // Handlers run from source in the offline process (infra/local/run-from-source.cjs, ADR 0039); source-mapped
      // stack traces locally only: on AWS the flag slows every cold start (docs/adr/0040-lean-function-bundles.md).
      env: {
        ...process.env,
        ...env,
        WXSHOP_BUNDLER_PLUGIN: './infra/local/run-from-source.cjs',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim(),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout.pipe(out);
    api.stderr.pipe(out);
    const apiExited = new Promise<void>((r) => api.once('exit', () => r()));
    stops.push(async () => {
      if (api.exitCode === null) api.kill('SIGINT');
      await Promise.race([apiExited, new Promise((r) => setTimeout(r, 5000))]);
      if (api.exitCode === null) api.kill('SIGKILL');
    });
    await waitFor(async () => (await fetch(`${apiUrl}/health`)).ok, 'the API (serverless-offline)', 120_000, api, apiLog);

    const functions = readFunctions();
    const poller = await startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      consumers: streamConsumers(functions),
      checkpointFile: options.ephemeral ? undefined : join(LOCAL_DIR, 'stream-checkpoints.json'),
      log,
    });
    stops.push(poller.stop);
    // LOCAL_RATE_MINUTE_S: test stacks run the every-minute sweeps every few seconds (tests/support/stack-setup.ts)
    const scheduler = await startScheduler(scheduledFunctions(functions), log, { rateMinuteMs: Number(process.env.LOCAL_RATE_MINUTE_S ?? 60) * 1000 });
    stops.push(scheduler.stop);

    await h5Build;
    const h5 = await serveH5(PORTS.h5);
    stops.push(h5.stop);

    return {
      urls: { api: apiUrl, h5: h5.url, sims: sims.baseUrl, dynamodb: dynamo.endpoint, s3: s3.endpoint, docs: `${apiUrl}/docs` },
      env,
      runScheduled: (name) => scheduler.runNow(name),
      streamRecordsProcessed: () => poller.processed(),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
