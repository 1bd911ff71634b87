import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, type Metafile } from 'esbuild';
import { functionBuildOptions } from '../../infra/esbuild/options';
import { readFunctions, type FunctionDef } from '../../infra/local/template';
import { ROOT } from '../../tests/attack/support/stack-state';
import { figure, median, repeat, type Figure } from '../lib/stats';

const SCENARIO = 'Cold start (fresh Node process: spawn to first answer)';
const SIZES = 'Function bundles (esbuild metafile)';
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

export interface Bundle {
  fn: FunctionDef;
  file: string;
  exportName: string;
  bytes: number;
  /** The three inputs that put the most bytes into the bundle (a package counts as one input). */
  top: { path: string; bytes: number }[];
}

/**
 * Every function of serverless.yml bundled as serverless-esbuild does: one build per function (the
 * plugins may depend on the entry point, infra/esbuild/plugins.cjs), one output each, with its metafile.
 */
export async function buildBundles(dir: string): Promise<{ bundles: Bundle[] }> {
  const fns = readFunctions();
  const bundles = await Promise.all(
    fns.map(async (fn) => {
      const file = join(dir, `${fn.name}.js`);
      const entry = join(ROOT, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.ts`);
      const result = await build({ ...functionBuildOptions(), entryPoints: [entry], outfile: file, metafile: true, absWorkingDir: ROOT });
      const out = result.metafile.outputs[relative(ROOT, file)];
      if (!out) throw new Error(`${fn.name}: no output in the metafile`);
      return { fn, file, exportName: fn.handler.slice(fn.handler.lastIndexOf('.') + 1), bytes: out.bytes, top: largestInputs(out.inputs) };
    }),
  );
  return { bundles };
}

/** The three inputs with the most bytes in the output: node_modules grouped by package (zod is ~60 files), our own files one by one. */
function largestInputs(inputs: Metafile['outputs'][string]['inputs']): Bundle['top'] {
  const byInput = new Map<string, number>();
  for (const [path, i] of Object.entries(inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    byInput.set(pkg ?? path, (byInput.get(pkg ?? path) ?? 0) + i.bytesInOutput);
  }
  return [...byInput]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
}

/** A hello-world Lambda bundled the same way. */
async function helloWorld(dir: string): Promise<string> {
  const src = join(dir, 'hello.ts');
  writeFileSync(src, "export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ hello: 'world' }) });\n");
  const outfile = join(dir, 'hello.js');
  await build({ ...functionBuildOptions(), entryPoints: [src], outfile });
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

/** The child: require the bundle, answer one event, write the answer. What Lambda's runtime does on an init + first invoke. */
const PROBE = `
const [file, exportName, eventJson] = process.argv.slice(1);
const mod = require(file);
const event = eventJson ? JSON.parse(eventJson) : undefined;
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 29000, callbackWaitsForEmptyEventLoop: false };
Promise.resolve(event === undefined ? undefined : mod[exportName](event, context)).then((res) => {
  process.stdout.write(JSON.stringify({ status: res && res.statusCode }) + '\\n');
  process.exit(0);
}, (err) => { process.stdout.write(JSON.stringify({ error: String(err) }) + '\\n'); process.exit(1); });
`;

interface Probe {
  /** From spawn to the answer on stdout: Node's own start, require, first answer. */
  ms: number;
  status?: number;
  error?: string;
}

/** Spawn-to-answer, timed in the parent: the clock starts before spawn and stops at the answer's line. */
function probe(file: string, exportName: string, event: unknown, env: Record<string, string>): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', PROBE, file, exportName, event === undefined ? '' : JSON.stringify(event)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!done && out.includes('\n')) {
        done = true;
        const ms = performance.now() - t0;
        resolve({ ms, ...(JSON.parse(out.slice(0, out.indexOf('\n'))) as Omit<Probe, 'ms'>) });
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`probe exited ${code} without an answer: ${err.split('\n')[0]}`));
    });
  });
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Every function bundle: its bytes and three largest inputs (metafile), and the time from spawning a
 * fresh Node process to its first answer, next to a hello-world bundle measured the same way in the
 * same run. Without a stack (`env` without DYNAMODB_ENDPOINT) the health function answers 503.
 * NOTE: bundles leave out @aws-sdk/* (the Lambda runtime provides it); here they resolve it from the
 * repository's node_modules (NODE_PATH), which loads from disk like the runtime does.
 */
export async function coldStart(stackEnv: Record<string, string>, log: (m: string) => void): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'wxshop-bench-cold-'));
  const env = { ...(process.env as Record<string, string>), ...stackEnv, NODE_PATH: join(ROOT, 'node_modules'), LOG_LEVEL: 'ERROR', NODE_OPTIONS: '' };
  try {
    const started = Date.now();
    const { bundles } = await buildBundles(join(work, 'fns'));
    log(`  bundled ${bundles.length} functions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const hello = await helloWorld(work);
    const figures: Figure[] = [];
    for (const b of bundles) {
      figures.push(figure(SIZES, b.fn.name, 'KB', [b.bytes / 1024], 'lower', b.top.map((t) => `${t.path} ${kb(t.bytes)}`).join('; ')));
    }
    const sizes = bundles.map((b) => b.bytes / 1024);
    figures.push(figure(SIZES, 'bundle size (over functions)', 'KB', sizes, 'lower', `${bundles.length} bundles; hello-world ${kb(statSync(hello).size)}`));
    if (process.env.BENCH_COLD_RUNS === '0') return figures;

    // Interleave hello-world with the functions so both see the same machine load.
    const helloMs: number[] = [];
    const measured: { b: Bundle; ms: number[]; what: string }[] = [];
    for (const b of bundles) {
      const event = firstEvent(b.fn);
      helloMs.push((await probe(hello, 'handler', {}, env)).ms);
      const probes = await repeat(RUNS, () => probe(b.file, b.exportName, event, env));
      const failed = probes.find((p) => p.error);
      if (failed) throw new Error(`${b.fn.name}: ${failed.error}`);
      const what = event === undefined ? 'load only (scheduled)' : isHttp(b.fn) ? `answered ${probes[0]!.status}` : 'empty batch';
      measured.push({ b, ms: probes.map((p) => p.ms), what });
    }
    helloMs.push((await probe(hello, 'handler', {}, env)).ms);
    const helloMedian = median(helloMs);
    const ratios = measured.map((m) => median(m.ms) / helloMedian);
    measured.forEach((m, i) =>
      figures.push(figure(SCENARIO, m.b.fn.name, 'ms', m.ms, 'lower', `x${ratios[i]!.toFixed(2)} hello; js ${kb(m.b.bytes)}; ${m.what}`)),
    );
    figures.push(figure(SCENARIO, 'hello-world', 'ms', helloMs, 'lower', `${kb(statSync(hello).size)} bundle; spawn to answer`));
    figures.push(figure(SCENARIO, 'ratio to hello-world (over functions)', 'x', ratios, 'lower', 'median/min/max over the functions of their median ratio'));
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
