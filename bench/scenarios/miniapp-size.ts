import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../tests/attack/support/stack-state';
import { figure, type Figure } from '../lib/stats';

const run = promisify(execFile);
const SCENARIO = 'Mini-program package sizes (limit 2048 KB each)';
const LIMIT_KB = 2048;

function files(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [{ path: p, size: statSync(p).size }];
  });
}

/** Builds a target when its dist folder is missing (production build: minified, as uploaded). */
async function ensureBuilt(target: 'weapp' | 'alipay', log: (m: string) => void): Promise<string> {
  const dist = join(ROOT, 'miniapp', 'dist', target);
  if (existsSync(join(dist, 'app.json'))) return dist;
  log(`  building miniapp/dist/${target} ...`);
  await run('npm', ['run', `build:${target}`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } });
  return dist;
}

/**
 * The main package (everything outside the subpackage roots of app.json) and every subpackage, in KB
 * of files on disk, for WeChat and Alipay. Sizes are not timings: one measurement each (runs = 1).
 */
export async function miniappSizes(log: (m: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const target of ['weapp', 'alipay'] as const) {
    const dist = await ensureBuilt(target, log);
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
    const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    const all = files(dist);
    const under = (root: string) => all.filter((f) => relative(dist, f.path).startsWith(`${root}/`));
    const kb = (fs: { size: number }[]): number => fs.reduce((n, f) => n + f.size, 0) / 1024;
    const mainKb = kb(all.filter((f) => !roots.some((r) => relative(dist, f.path).startsWith(`${r}/`))));
    const pct = (n: number): string => `${((n / LIMIT_KB) * 100).toFixed(0)}% of the 2 MB limit`;
    figures.push(figure(SCENARIO, `${target} main package`, 'KB', [mainKb], 'lower', pct(mainKb)));
    for (const root of roots) {
      const n = kb(under(root));
      figures.push(figure(SCENARIO, `${target} subpackage ${root}`, 'KB', [n], 'lower', pct(n)));
    }
    figures.push(figure(SCENARIO, `${target} total`, 'KB', [kb(all)], 'lower', 'all packages together (WeChat allows 20 MB)'));
  }
  return figures;
}
