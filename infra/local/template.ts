import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

export const ROOT = join(__dirname, '..', '..');

/** CloudFormation intrinsic tags, kept as plain markers: locally we only read the shapes. */
const cfnTags = ['!GetAtt', '!Ref', '!Join', '!Sub', '!Select', '!Split', '!If', '!Equals'].flatMap((tag) => [
  { tag, resolve: (v: unknown) => ({ [tag]: v }) },
  { tag, collection: 'seq' as const, resolve: (v: unknown) => ({ [tag]: v }) },
]);

export function readYaml(relPath: string, vars: Record<string, string> = {}): unknown {
  let text = readFileSync(join(ROOT, relPath), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.split(k).join(v);
  return YAML.parse(text, { customTags: cfnTags as never, logLevel: 'error' });
}

export interface FunctionDef {
  name: string;
  handler: string;
  events: Record<string, unknown>[];
}

/** The functions section of serverless.yml. */
export function readFunctions(): FunctionDef[] {
  const doc = readYaml('serverless.yml') as { functions: Record<string, { handler: string; events?: Record<string, unknown>[] }> };
  return Object.entries(doc.functions).map(([name, f]) => ({ name, handler: f.handler, events: f.events ?? [] }));
}

/** Imports a function's handler (`functions/events/x.handler`) in this process (run by tsx). */
export async function loadHandler<T>(handler: string): Promise<T> {
  const dot = handler.lastIndexOf('.');
  const mod = (await import(join(ROOT, handler.slice(0, dot)))) as Record<string, unknown>;
  const fn = mod[handler.slice(dot + 1)];
  if (typeof fn !== 'function') throw new Error(`${handler} is not a function`);
  return fn as T;
}
