import { PrerequisiteError, startStack } from './stack';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from './seed';
import { ROOT } from './template';

const STACK_FILE = join(ROOT, '.local', 'stack.json');

/**
 * `npm start`: the whole platform on this machine. Ctrl-C stops everything cleanly.
 * Flags: --ephemeral (in-memory data), --rebuild-h5, --no-h5-build, --ready-file <path> (tests wait for it).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const started = Date.now();
  const readyFileIndex = args.indexOf('--ready-file');
  const stack = await startStack({
    ephemeral: args.includes('--ephemeral'),
    h5: args.includes('--rebuild-h5') ? 'always' : args.includes('--no-h5-build') ? 'never' : 'if-stale',
    log: (m) => console.log(`  ${m}`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
wxshop is running (started in ${seconds} s)

  H5 app (shopper, merchant, admin)  ${stack.urls.h5}
  API                                ${stack.urls.api}
  API docs                           ${stack.urls.docs}   (OpenAPI: ${stack.urls.api}/openapi.json)
  Simulators (WeChat, WeChat Pay,    ${stack.urls.sims}   (recent SMS codes, messages, payment notifications)
    Alipay, SMS)
  DynamoDB Local                     ${stack.urls.dynamodb}   (table wxshop-local)
  Local S3                           ${stack.urls.s3}

  Demo logins (H5: phone + SMS code; the code appears on the simulator page):
    super admin  ${DEMO.admin.phone}  or ${DEMO.admin.email} / ${DEMO.admin.password}
    merchants    ${DEMO.merchants.map((m) => `${m.owner.phone} (${m.name})`).join(', ')}
    shopper      ${DEMO.shopper.phone}  or ${DEMO.shopper.email} / ${DEMO.shopper.password}

  API log: .local/logs/api.log     Ctrl-C to stop.
`);
  // .local/stack.json tells other tools (benchmarks, attack suites) where the running stack is.
  const state = JSON.stringify({ urls: stack.urls, env: stack.env, pid: process.pid }, null, 2);
  writeFileSync(STACK_FILE, state, { mode: 0o600 });
  if (readyFileIndex >= 0) writeFileSync(args[readyFileIndex + 1]!, state);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping ...');
    rmSync(STACK_FILE, { force: true });
    await stack.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  if (err instanceof PrerequisiteError) console.error(`\n${err.message}\n`);
  else console.error(err);
  process.exit(1);
});
