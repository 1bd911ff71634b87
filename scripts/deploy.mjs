#!/usr/bin/env node
// `npm run deploy -- --stage <stage>`: deploys to a real AWS account with the credentials in the
// environment (AWS_PROFILE or AWS_ACCESS_KEY_ID/...). Refuses to start while a secret is missing.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const stageIndex = args.indexOf('--stage');
const stage = stageIndex >= 0 ? args[stageIndex + 1] : undefined;
if (!stage || stage === 'local') {
  console.error('usage: npm run deploy -- --stage <dev|staging|prod>');
  process.exit(2);
}
const required = [
  'JWT_SECRET',
  'WECHAT_APPID',
  'WECHAT_SECRET',
  'SMS_SECRET_ID',
  'SMS_SECRET_KEY',
  'SMS_SDK_APP_ID',
  'SMS_SIGN_NAME',
  'SMS_TEMPLATE_LOGIN',
  'H5_ORIGIN',
  'CORS_ORIGINS',
];
const missing = required.filter((name) => !process.env[name]);
if (missing.length) {
  console.error(`Set these before deploying (from your secret store): ${missing.join(', ')}`);
  process.exit(2);
}
if ((process.env.JWT_SECRET ?? '').length < 32) {
  console.error('JWT_SECRET must be at least 32 characters');
  process.exit(2);
}
const r = spawnSync('npx', ['osls', 'deploy', '--stage', stage, ...args.filter((_, i) => i !== stageIndex && i !== stageIndex + 1)], {
  stdio: 'inherit',
  env: { ...process.env, DYNAMODB_ENDPOINT: '', S3_ENDPOINT: '' },
});
process.exit(r.status ?? 1);
