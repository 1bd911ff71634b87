import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, STACK_FILE, type StackState } from '../../tests/attack/support/stack-state';

export interface BenchStack {
  state: StackState;
  /** True when this run started the stack (and stops it at the end). */
  startedHere: boolean;
  stop(): Promise<void>;
}

async function healthy(state: StackState): Promise<boolean> {
  try {
    return (await fetch(`${state.urls.api}/health`)).ok;
  } catch {
    return false;
  }
}

/**
 * Uses the running local stack (`npm start`), or starts one with `--ephemeral` (DynamoDB Local in
 * memory, seeded fresh: the same starting point every run, and ~5x faster than the on-disk store;
 * docs/performance.md) and stops it when the bench ends.
 */
export async function ensureStack(log: (m: string) => void): Promise<BenchStack> {
  if (existsSync(STACK_FILE)) {
    const state = JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackState;
    if (await healthy(state)) {
      log(`using the running local stack (${state.urls.api})`);
      return { state, startedHere: false, stop: async () => undefined };
    }
  }
  log('starting the local stack (npm start -- --ephemeral) ...');
  const dir = mkdtempSync(join(tmpdir(), 'wxshop-bench-'));
  const readyFile = join(dir, 'ready.json');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'infra', 'local', 'start.ts'), '--ephemeral', '--ready-file', readyFile],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'WARN' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 300_000;
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`the local stack failed to start:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`the local stack did not start in 5 minutes:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const state = JSON.parse(readFileSync(readyFile, 'utf8')) as StackState;
  rmSync(dir, { recursive: true, force: true });
  return {
    state,
    startedHere: true,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
