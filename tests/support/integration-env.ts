import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomInt } from 'node:crypto';
import { startSimulators, type Simulators } from '../../infra/local/sims';
import { localServiceEnv } from '../../infra/local/keys';
import { closeDb, db, tableName } from '../../functions/lib/table';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';

process.env.JWT_SECRET ??= 'integration-test-secret-0123456789abcdefghijklmnop';
process.env.LOG_LEVEL = 'SILENT';
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

/** A digest of every business item in the table (operational rate-limit counters excluded). */
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
