import type { ChildProcess } from 'node:child_process';

export default async function stackTeardown(): Promise<void> {
  const child = (globalThis as { __STACK__?: ChildProcess }).__STACK__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
