import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const API = 'http://127.0.0.1:3000';
/** Seconds a checkout of the test stack may stay unpaid: long enough for every flow that pays, short enough to wait for. */
export const TEST_PAY_WITHIN_S = 60;

const up = async (): Promise<boolean> => {
  try {
    const [api, sims] = await Promise.all([fetch(`${API}/health`), fetch('http://127.0.0.1:4010/_sim/health')]);
    return api.ok && sims.ok;
  } catch {
    return false;
  }
};

/**
 * Browser and weapp tests run against the real local stack (`npm start`'s code path). A stack that is
 * already running is reused; otherwise one is started with in-memory data and stopped afterwards.
 */
export default async function stackSetup(): Promise<void> {
  if (await up()) return;
  const dir = mkdtempSync(join(tmpdir(), 'wxshop-stack-'));
  const readyFile = join(dir, 'ready.json');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'infra', 'local', 'start.ts'), '--ephemeral', '--ready-file', readyFile],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'WARN',
        DEMO_CATALOG_PER_CATEGORY: process.env.DEMO_CATALOG_PER_CATEGORY ?? '2',
        // An unpaid checkout cancels itself after TEST_PAY_WITHIN_S seconds (30 minutes in production), and the
        // every-minute sweeps run every 5 s: tests/e2e/unpaid-cancel.test.ts waits about a minute, not half an hour.
        CHECKOUT_PAY_WITHIN_S: process.env.CHECKOUT_PAY_WITHIN_S ?? String(TEST_PAY_WITHIN_S),
        LOCAL_RATE_MINUTE_S: process.env.LOCAL_RATE_MINUTE_S ?? '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 240_000;
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`the local stack failed to start:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`the local stack did not start in time:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  JSON.parse(readFileSync(readyFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  (globalThis as { __STACK__?: typeof child }).__STACK__ = child;
}
