#!/usr/bin/env node
// `npm test`: lint, typecheck, unit + integration (DynamoDB Local started by jest), the three
// mini-program builds, then the weapp check, the attack suites and the e2e tests against the
// real local stack. Prints one closing line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-artifacts', 'jest');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT', FORCE_COLOR: process.env.CI ? '0' : '1' };

const steps = [
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'unit+integration', jest: ['unit', 'integration'] },
  // alone: the 200-shopper races measure the code, not the load of the files beside them
  { name: 'races', jest: ['races'] },
  { name: 'package', cmd: ['bash', '-c', 'SLS_TELEMETRY_DISABLED=1 npx osls package --stage dev >/dev/null && node scripts/check-package.mjs'] },
  { name: 'build weapp', cmd: ['npm', 'run', '-s', 'build:weapp'] },
  { name: 'build alipay', cmd: ['npm', 'run', '-s', 'build:alipay'] },
  { name: 'build h5', cmd: ['npm', 'run', '-s', 'build:h5'] },
  { name: 'stack: api+weapp+attack+e2e', jest: ['api', 'weapp', 'attack', 'e2e'] },
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
const failures = [];
const timings = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}`);
  let ok;
  if (step.jest) {
    const out = join(reports, `${step.name.replace(/\W+/g, '-')}.json`);
    const projects = step.jest.filter((p) => existsSync(join(root, 'tests', p)));
    const r = spawnSync('npx', ['jest', '--selectProjects', ...projects, '--json', '--outputFile', out, '--passWithNoTests'], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    ok = r.status === 0;
    if (existsSync(out)) {
      const report = JSON.parse(readFileSync(out, 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    } else failed += 1;
  } else {
    const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, env, stdio: 'inherit' });
    ok = r.status === 0;
  }
  if (!ok) failures.push(step.name);
  timings.push(`${step.name} ${((Date.now() - started) / 1000).toFixed(0)}s${ok ? '' : ' FAILED'}`);
  // Later steps need the builds: stop early if a build is broken.
  if (!ok && step.name.startsWith('build')) break;
}
console.log(`\n${timings.join(' | ')}`);
if (failures.length) console.log(`failed steps: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed + (failures.length && failed === 0 ? failures.length : 0)} failed`);
process.exit(failures.length ? 1 : 0);
