import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const STACK_FILE = join(ROOT, '.local', 'stack.json');

export interface StackState {
  urls: { api: string; h5: string; sims: string; dynamodb: string; s3: string; docs: string };
  env: Record<string, string>;
  pid: number;
}

/** Where the running local stack is (`npm start` writes `.local/stack.json` when it is ready). */
export function readStackState(): StackState {
  if (!existsSync(STACK_FILE)) throw new Error(`${STACK_FILE} is missing: start the local stack first (npm start)`);
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackState;
}
