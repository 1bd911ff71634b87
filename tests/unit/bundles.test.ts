/**
 * What a function bundle carries, from esbuild's metafile with serverless.yml's esbuild options: its own
 * area's routes and nothing of the others, no UI text, zod without its foreign-language error messages.
 */
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functionBuildOptions } from '../../infra/esbuild/options';
import { readFunctions, ROOT } from '../../infra/local/template';

const SAMPLE = ['health', 'get-product', 'search-products', 'create-product', 'login-wechat', 'approve-application'];
let inputs: Record<string, string[]>;

beforeAll(async () => {
  const fns = readFunctions().filter((f) => SAMPLE.includes(f.name));
  const entryPoints = Object.fromEntries(fns.map((f) => [f.name, join(ROOT, `${f.handler.slice(0, f.handler.lastIndexOf('.'))}.ts`)]));
  const result = await build({ ...functionBuildOptions(), entryPoints, outdir: '/tmp/wxshop-bundle-test', write: false, metafile: true, absWorkingDir: ROOT });
  const meta: Metafile = result.metafile;
  inputs = Object.fromEntries(Object.entries(meta.outputs).map(([out, o]) => [out.replace(/^.*\//, '').replace(/\.js$/, ''), Object.keys(o.inputs)]));
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
});
