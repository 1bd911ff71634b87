import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { readFunctions, type FunctionDef } from '../../infra/local/template';
import { ROOT, type StackState } from '../../tests/attack/support/stack-state';
import { figure, median, repeat, type Figure } from '../lib/stats';

const run = promisify(execFile);
const SCENARIO = 'Cold start (fresh Node process: require the bundle + first answer)';
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

/**
 * `osls package` in a service directory of its own (symlinks + a copy of serverless.yml): its
 * serverless-esbuild build folder is created and removed there, never under the repository, where
 * the running local API serves its handlers from `.esbuild/`.
 */
async function packageFunctions(log: (m: string) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wxshop-bench-pkg-'));
  for (const entry of readdirSync(ROOT)) {
    if (['.esbuild', '.serverless', '.git', '.local', 'serverless.yml'].includes(entry)) continue;
    symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  writeFileSync(join(dir, 'serverless.yml'), readFileSync(join(ROOT, 'serverless.yml')));
  const out = join(dir, 'out');
  const started = Date.now();
  await run(process.execPath, [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'package', '--stage', 'local', '--package', out], {
    cwd: dir,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    maxBuffer: 64 * 1024 * 1024,
  });
  log(`  packaged ${readdirSync(out).filter((f) => f.endsWith('.zip')).length} functions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

/** A hello-world Lambda bundled the same way (esbuild, minified, CommonJS, node20). */
async function helloWorld(dir: string): Promise<string> {
  const src = join(dir, 'hello.ts');
  writeFileSync(src, "export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ hello: 'world' }) });\n");
  const outfile = join(dir, 'hello', 'index.js');
  await build({ entryPoints: [src], outfile, bundle: true, minify: true, platform: 'node', target: 'node20', format: 'cjs' });
  return outfile;
}

const isHttp = (f: FunctionDef): boolean => f.events.some((e) => 'httpApi' in e);
const isStream = (f: FunctionDef): boolean => f.events.some((e) => 'stream' in e);

/**
 * The first request: GET /health for the health function (it reaches DynamoDB), GET for the docs
 * routes, a body that is not JSON (400 from the wrapper) for every other route, an empty batch for
 * stream consumers. Scheduled functions are only loaded (their first run writes).
 */
function firstEvent(f: FunctionDef): unknown {
  const http = f.events.find((e) => 'httpApi' in e)?.httpApi as { method?: string; path?: string } | undefined;
  if (http) {
    const plainGet = f.name === 'health' || f.name === 'openapi' || f.name === 'docs';
    return {
      version: '2.0',
      routeKey: `${http.method} ${http.path}`,
      rawPath: http.path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      requestContext: {
        requestId: 'bench',
        http: { method: plainGet ? 'GET' : (http.method ?? 'POST'), path: http.path, sourceIp: '127.0.0.1' },
        domainName: '127.0.0.1',
      },
      isBase64Encoded: false,
      ...(plainGet ? {} : { body: '{' }),
    };
  }
  if (isStream(f)) return { Records: [] };
  return undefined;
}

const PROBE = `
const { performance } = require('node:perf_hooks');
const [file, exportName, eventJson] = process.argv.slice(1);
const t0 = performance.now();
const mod = require(file);
const loaded = performance.now();
const event = eventJson ? JSON.parse(eventJson) : undefined;
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 29000, callbackWaitsForEmptyEventLoop: false };
Promise.resolve(event === undefined ? undefined : mod[exportName](event, context)).then((res) => {
  const answered = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: loaded - t0, totalMs: answered - t0, status: res && res.statusCode }));
  process.exit(0);
}, (err) => { process.stdout.write(JSON.stringify({ error: String(err) })); process.exit(1); });
`;

interface Probe {
  loadMs: number;
  totalMs: number;
  status?: number;
  error?: string;
}

async function probe(file: string, exportName: string, event: unknown, env: Record<string, string>): Promise<Probe> {
  const { stdout } = await run(process.execPath, ['-e', PROBE, file, exportName, event === undefined ? '' : JSON.stringify(event)], { env, timeout: 60_000 });
  return JSON.parse(stdout) as Probe;
}

const dirSize = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

/**
 * Every function bundle: zip size, and the time to require it and answer a first request in a fresh
 * Node process, next to a hello-world bundle measured the same way in the same run.
 * NOTE: bundles leave out @aws-sdk/* (the Lambda runtime provides it); here they resolve it from the
 * repository's node_modules (NODE_PATH), which loads from disk like the runtime does.
 */
export async function coldStart(stack: StackState, log: (m: string) => void): Promise<Figure[]> {
  const out = await packageFunctions(log);
  const work = mkdtempSync(join(tmpdir(), 'wxshop-bench-cold-'));
  const env = { ...(process.env as Record<string, string>), ...stack.env, NODE_PATH: join(ROOT, 'node_modules'), LOG_LEVEL: 'ERROR', NODE_OPTIONS: '' };
  try {
    const hello = await helloWorld(work);
    const helloMs = (await repeat(RUNS + 2, () => probe(hello, 'handler', {}, env))).map((p) => p.totalMs);
    const figures: Figure[] = [figure(SCENARIO, 'hello-world', 'ms', helloMs, 'lower', `${(statSync(hello).size / 1024).toFixed(1)} KB bundle`)];
    const helloMedian = median(helloMs);
    const ratios: number[] = [];
    const zipKb: number[] = [];
    for (const f of readFunctions()) {
      const zip = join(out, `${f.name}.zip`);
      const dir = join(work, f.name);
      mkdirSync(dir);
      execFileSync('unzip', ['-q', '-o', zip, '-d', dir]);
      const dot = f.handler.lastIndexOf('.');
      const file = join(dir, `${f.handler.slice(0, dot)}.js`);
      const event = firstEvent(f);
      const probes = await repeat(RUNS, () => probe(file, f.handler.slice(dot + 1), event, env));
      const failed = probes.find((p) => p.error);
      if (failed) throw new Error(`${f.name}: ${failed.error}`);
      const ms = probes.map((p) => p.totalMs);
      ratios.push(median(ms) / helloMedian);
      zipKb.push(statSync(zip).size / 1024);
      const what = event === undefined ? 'load only (scheduled)' : isHttp(f) ? `answered ${probes[0]!.status}` : 'empty batch';
      figures.push(
        figure(
          SCENARIO,
          f.name,
          'ms',
          ms,
          'lower',
          `x${(median(ms) / helloMedian).toFixed(1)} hello; zip ${(statSync(zip).size / 1024).toFixed(0)} KB, js ${(dirSize(dir) / 1024).toFixed(0)} KB; ${what}`,
        ),
      );
    }
    figures.push(figure(SCENARIO, 'ratio to hello-world (over functions)', 'x', ratios, 'lower', 'median/min/max over the functions of their median ratio'));
    figures.push(
      figure(
        SCENARIO,
        'zip size (over functions)',
        'KB',
        zipKb,
        'lower',
        `${zipKb.length} bundles; total ${(zipKb.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} MB`,
      ),
    );
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}
