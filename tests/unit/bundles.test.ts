/**
 * What a function bundle carries, from esbuild's metafile with serverless.yml's esbuild options: its own
 * area's routes and nothing of the others, no UI text, zod without its foreign-language error messages.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functionBuildOptions } from '../../infra/esbuild/options';
import { readFunctions, ROOT } from '../../infra/local/template';

const SAMPLE = ['health', 'get-product', 'search-products', 'create-product', 'login-wechat', 'approve-application'];
let inputs: Record<string, string[]>;

beforeAll(async () => {
  // One build per function, as serverless-esbuild does (a plugin may depend on the entry point).
  const fns = readFunctions().filter((f) => SAMPLE.includes(f.name));
  const built = await Promise.all(
    fns.map(async (f) => {
      const entry = join(ROOT, `${f.handler.slice(0, f.handler.lastIndexOf('.'))}.ts`);
      const result = await build({
        ...functionBuildOptions(),
        entryPoints: [entry],
        outfile: `/tmp/wxshop-bundle-test/${f.name}.js`,
        write: false,
        metafile: true,
        absWorkingDir: ROOT,
      });
      const meta: Metafile = result.metafile;
      return [f.name, Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs))] as const;
    }),
  );
  inputs = Object.fromEntries(built);
}, 60_000);

describe('a function bundle', () => {
  it('is built for every sampled function', () => {
    expect(Object.keys(inputs).sort()).toEqual([...SAMPLE].sort());
  });

  it.each(SAMPLE)('%s carries at most one area of routes, never ALL_ROUTES or the barrels', (name) => {
    const shared = inputs[name]!.filter((p) => p.startsWith('shared/src/'));
    const routeFiles = shared.filter((p) => p.endsWith('-routes.ts'));
    expect(routeFiles.length).toBeLessThanOrEqual(1);
    expect(shared).not.toContain('shared/src/api/all.ts');
    expect(shared).not.toContain('shared/src/api/index.ts');
    expect(shared).not.toContain('shared/src/index.ts');
  });

  it.each(SAMPLE)('%s carries no UI text', (name) => {
    expect(inputs[name]!.filter((p) => p.startsWith('shared/src/i18n/messages/'))).toEqual([]);
  });

  it.each(SAMPLE)("%s carries zod's English error messages only", (name) => {
    const locales = new Set(inputs[name]!.filter((p) => /zod\/v4\/locales\//.test(p)).map((p) => p.replace(/^.*\//, '')));
    expect([...locales]).toEqual(['en.js']);
  });

  it.each(SAMPLE)('%s carries no JSON Schema generator (only the OpenAPI document needs it)', (name) => {
    expect(inputs[name]!.filter((p) => p.endsWith('zod/v4/core/to-json-schema.js'))).toEqual([]);
  });
});

/** Bundles one function as serverless-esbuild would into a scratch folder; `load` requires it (its externals must resolve). */
async function bundled(
  name: string,
  load: boolean,
): Promise<{ inputs: string[]; text: string; handler?: (event: unknown) => Promise<{ statusCode: number; body: string }> }> {
  const fn = readFunctions().find((f) => f.name === name);
  if (!fn) throw new Error(`no ${name} function in serverless.yml`);
  const entry = join(ROOT, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.ts`);
  const outfile = join(mkdtempSync(join(tmpdir(), 'wxshop-bundle-')), `${name}.js`);
  const result = await build({ ...functionBuildOptions(), entryPoints: [entry], outfile, metafile: true, absWorkingDir: ROOT });
  const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  const text = readFileSync(outfile, 'utf8');
  if (!load) return { inputs, text };
  const mod = createRequire(__filename)(outfile) as Record<string, never>;
  return { inputs, text, handler: mod[fn.handler.slice(fn.handler.lastIndexOf('.') + 1)] };
}

describe('zod.toJSONSchema', () => {
  it('stays in the OpenAPI function, whose bundle answers the document', async () => {
    const { inputs: used, handler } = await bundled('openapi', true);
    if (!handler) throw new Error('the openapi bundle exports no handler');
    expect(used.filter((p) => p.endsWith('zod/v4/core/to-json-schema.js'))).toHaveLength(1);
    const answer = await handler({ headers: { host: 'api.example.com' } });
    expect(answer.statusCode).toBe(200);
    expect((JSON.parse(answer.body) as { openapi: string }).openapi).toMatch(/^3\.1/);
  }, 60_000);

  it('is a stub that throws, naming why, in a function built without it', async () => {
    const { inputs: used, text } = await bundled('health', false);
    expect(used.filter((p) => p.endsWith('zod/v4/core/to-json-schema.js'))).toEqual([]);
    expect(text).toContain('z.toJSONSchema is not in this function');
  }, 60_000);
});
