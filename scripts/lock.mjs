#!/usr/bin/env node
/**
 * The lock file recipe (docs/adr/0044-lock-file.md): a package-lock.json that `npm ci` accepts and that a fresh
 * `npm install` leaves unchanged.
 *
 *   node scripts/lock.mjs           update package-lock.json from the package.json files, then --check
 *   node scripts/lock.mjs --check   fail unless the lock is complete (every package has its integrity), stable
 *                                   (a lock-only install rewrites nothing) and accepted by `npm ci --dry-run`
 *
 * Update IN PLACE, never from scratch: `npm install --package-lock-only` on the existing lock resolves the
 * ideal tree from the registry, with every platform's optional binaries (@swc/core-*, @unrs/resolver-binding-*),
 * and keeps each package's integrity. Deleting the lock first loses ~2,700 integrity fields here (they come from
 * the local node_modules, which has no integrity data); a plain `npm install` in a worktree whose node_modules
 * is a copy can leave out other platforms' binaries, which `npm ci` then refuses as "Missing: ... from lock file".
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const LOCK = join(ROOT, 'package-lock.json');
const QUIET = ['--ignore-scripts', '--no-audit', '--no-fund'];

function npm(args) {
  const r = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function lockOnly() {
  const r = npm(['install', '--package-lock-only', ...QUIET]);
  if (!r.ok) throw new Error(`npm install --package-lock-only failed:\n${r.out}`);
}

/** Problems of the lock as it is on disk; an empty list means npm ci accepts it and an install keeps it. */
function check() {
  const problems = [];
  const before = readFileSync(LOCK, 'utf8');
  const lock = JSON.parse(before);
  const noIntegrity = Object.entries(lock.packages ?? {}).filter(([path, p]) => path.includes('node_modules/') && !p.link && p.version && !p.integrity);
  if (noIntegrity.length > 0)
    problems.push(
      `${noIntegrity.length} packages have no integrity (a lock made from scratch?), e.g. ${noIntegrity
        .slice(0, 3)
        .map(([p]) => p)
        .join(', ')}`,
    );
  lockOnly();
  const after = readFileSync(LOCK, 'utf8');
  if (after !== before) {
    writeFileSync(LOCK, before);
    const delta = after.split('\n').length - before.split('\n').length;
    problems.push(`an install would rewrite the lock (${delta >= 0 ? '+' : ''}${delta} lines): run node scripts/lock.mjs`);
  }
  const ci = npm(['ci', '--dry-run', ...QUIET]);
  if (!ci.ok)
    problems.push(
      `npm ci refuses the lock:\n${ci.out
        .split('\n')
        .filter((l) => /Missing|Invalid|sync/.test(l))
        .slice(0, 12)
        .join('\n')}`,
    );
  return problems;
}

const checkOnly = process.argv.includes('--check');
if (!checkOnly) lockOnly();
const problems = check();
if (problems.length > 0) {
  console.error(`package-lock.json is not reproducible:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('package-lock.json: complete, stable under npm install, accepted by npm ci');
