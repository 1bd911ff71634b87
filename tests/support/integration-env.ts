import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localDynamoClient } from '../../infra/local/dynamodb';
import { createHash, randomInt } from 'node:crypto';
import { startSimulators, type Simulators } from '../../infra/local/sims';
import { localServiceEnv } from '../../infra/local/keys';
import { closeDb, db, tableName } from '../../functions/lib/table';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';

process.env.JWT_SECRET ??= 'integration-test-secret-0123456789abcdefghijklmnop';
// TEST_LOG_LEVEL=ERROR shows the handlers' error logs (a 500's cause) in a run; silent otherwise.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'SILENT';
process.env.STAGE = 'test';
process.env.UPLOADS_BUCKET ??= 'wxshop-test-uploads';

/** Starts the external-service simulators for this test file and points the adapters at them. */
export async function withSimulators(): Promise<Simulators> {
  const sims = await startSimulators({ port: 0, keysDir: join(mkdtempSync(join(tmpdir(), 'wxshop-keys-')), 'keys'), notifyRetryDelaysMs: [50, 100] });
  Object.assign(process.env, localServiceEnv(sims.keys, sims.baseUrl));
  resetAdapterConfig();
  return sims;
}

/** The latest SMS code the simulator recorded for a phone. */
export function lastCode(sims: Simulators, phone: string): string {
  const messages = sims.state.sms.messages.filter((m) => m.phone === phone);
  const code = messages[messages.length - 1]?.params[0];
  if (!code) throw new Error(`no SMS for ${phone}`);
  return code;
}

/**
 * Gives the calling test file a table of its own (created before its other hooks, dropped after), so a
 * whole-table digest sees this file's writes only: files run in parallel workers, and on the shared
 * table another file's writes would make a "nothing changed" check fail, or hide a change. Call it
 * at the top of the file, before any beforeAll. Jest gives every file its own process.env.
 */
export function ownTable(label: string): void {
  const name = `wxshop-test-${label}-${randomInt(0, 2 ** 31).toString(36)}`;
  const shared = process.env.TABLE_NAME;
  beforeAll(async () => {
    await ensureTable(process.env.DYNAMODB_ENDPOINT!, name);
    process.env.TABLE_NAME = name;
  }, 60_000);
  afterAll(async () => {
    process.env.TABLE_NAME = shared;
    const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
    try {
      await client.send(new DeleteTableCommand({ TableName: name }));
    } finally {
      client.destroy();
    }
  });
}

/** A digest of every business item in the table (operational rate-limit counters excluded): use it on a table of the file's own (`ownTable`). */
export async function tableDigest(): Promise<string> {
  const hash = createHash('sha256');
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) if (!String(item.PK).startsWith('RATE#')) items.push(JSON.stringify(item, Object.keys(item).sort()));
    start = page.LastEvaluatedKey;
  } while (start);
  for (const i of items.sort()) hash.update(i);
  return `${items.length}:${hash.digest('hex')}`;
}

/** A phone number unique to this test run: random, so files sharing a jest worker never collide. */
export const uniquePhone = (): string => `+86137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

afterAll(() => closeDb());
