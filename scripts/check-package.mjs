#!/usr/bin/env node
// After `osls package`: the CloudFormation template has the table as designed and every function
// bundle is small. Exits non-zero with the reasons otherwise.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

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
/** The text of every file in a zip (read from its central directory; stored or deflated entries). */
function zipText(file) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let text = '';
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    text += (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return text;
}

// zod's JSON Schema generator is left out of every bundle but the OpenAPI document's and the docs page's
// (infra/esbuild/plugins.cjs): those two must carry the real one, the others the stub.
const STUB = 'is not in this function (infra/esbuild/plugins.cjs)';
for (const [f, real] of [
  ['openapi.zip', true],
  ['docs.zip', true],
  ['health.zip', false],
]) {
  if (!zips.includes(f)) continue;
  const js = zipText(join(dir, f));
  if (js.includes(STUB) === real)
    problems.push(`${f} ${real ? 'carries the JSON Schema stub: /openapi.json would fail' : 'carries the JSON Schema generator'}`);
}
const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').length;
if (functions !== zips.length) problems.push(`${functions} functions but ${zips.length} bundles`);
console.log(`package: ${functions} functions, largest bundle ${sizes[0]?.[0]} ${(sizes[0]?.[1] / 1024).toFixed(0)} KiB`);
if (problems.length) {
  console.error(`package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
