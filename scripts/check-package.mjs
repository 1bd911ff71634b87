#!/usr/bin/env node
// After `osls package`: the CloudFormation template has the table as designed and every function
// bundle is small. Exits non-zero with the reasons otherwise.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '.serverless');
const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'));
const problems = [];
const table = template.Resources.Table?.Properties;
if (!table) problems.push('no Table resource');
else {
  if (table.BillingMode !== 'PAY_PER_REQUEST') problems.push('table is not on-demand');
  if (!table.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled) problems.push('point-in-time recovery is off');
  if (table.StreamSpecification?.StreamViewType !== 'NEW_AND_OLD_IMAGES') problems.push('stream is not NEW_AND_OLD_IMAGES');
  if (!table.TimeToLiveSpecification?.Enabled) problems.push('TTL is off');
  const gsis = (table.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort();
  if (gsis.join() !== 'GSI1,GSI2') problems.push(`GSIs are ${gsis.join()}`);
}
const MAX_ZIP = 1024 * 1024;
const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
const sizes = zips.map((f) => [f, statSync(join(dir, f)).size]).sort((a, b) => b[1] - a[1]);
for (const [f, size] of sizes) if (size > MAX_ZIP) problems.push(`${f} is ${size} bytes (> 1 MiB)`);
const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').length;
if (functions !== zips.length) problems.push(`${functions} functions but ${zips.length} bundles`);
console.log(`package: ${functions} functions, largest bundle ${sizes[0]?.[0]} ${(sizes[0]?.[1] / 1024).toFixed(0)} KiB`);
if (problems.length) {
  console.error(`package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
