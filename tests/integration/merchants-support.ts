/** Helpers shared by the merchants-*.test.ts and categories.test.ts integration tests. */
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformRole, UploadTicket } from '@wxshop/shared';
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
// Test environment (JWT secret, bucket name) and closing the table client after each file.
import '../support/integration-env';
import { db, tableName } from '../../functions/lib/table';
import { invoke } from '../support/lambda';
import { startS3 } from '../../infra/local/s3';
import { createAccount, setPlatformRole } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { createCategory } from '../../functions/categories/categories';
import { handler as createApplicationUpload } from '../../functions/merchants/create-application-upload';

/**
 * A mainland mobile number no other test uses: +86 199 and 8 random digits. (uniquePhone() of
 * integration-env restarts its counter in every test file, so files sharing a jest worker collide
 * on it about once per thousand pairs of numbers.)
 */
export const freshPhone = (): string => `+86199${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export interface TestAccount {
  id: string;
  phone: string;
  token: () => Promise<string>;
}

/** An account with a phone login; `token()` starts a fresh session. */
export async function account(nickname: string, phone = freshPhone()): Promise<TestAccount> {
  const id = (await createAccount({ provider: 'phone', subject: phone, display: nickname }, { nickname }))!;
  return { id, phone, token: async () => (await startSession(id, 'phone', false)).accessToken };
}

/** A platform staff account (operator: review merchants, write categories). */
export async function platformAccount(role: PlatformRole = 'operator'): Promise<TestAccount> {
  const a = await account(`platform-${role}`);
  await setPlatformRole(a.id, role, 'test');
  return a;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a private local S3 (s3rver, checks presigned signatures) for this test file and points the functions at it. */
export async function withUploads(): Promise<{ stop(): Promise<void> }> {
  const bucket = process.env.UPLOADS_BUCKET ?? 'wxshop-test-uploads';
  const s3 = await startS3(await freePort(), mkdtempSync(join(tmpdir(), 'wxshop-s3-')), bucket);
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.UPLOADS_PUBLIC_BASE = `${s3.endpoint}/${bucket}`;
  return s3;
}

/** A tiny PNG-like body of `size` bytes. */
export const imageBytes = (size = 64): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(Math.max(0, size - 4), 1)]);

/** PUTs bytes through a presigned ticket, as the mini-program does. */
export async function put(ticket: UploadTicket, body: Buffer): Promise<number> {
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body });
  return res.status;
}

/** Uploads one application document for `who` and returns its key. */
export async function uploadDocument(who: TestAccount): Promise<string> {
  const body = imageBytes(128);
  const ticket = await invoke<UploadTicket>(createApplicationUpload, { body: { contentType: 'image/png', size: body.length }, token: await who.token() });
  expect(ticket.status).toBe(200);
  expect(await put(ticket.body, body)).toBe(200);
  return ticket.body.key;
}

/** A top-level category to apply under. */
export async function topCategory(name = '茶叶'): Promise<string> {
  return (await createCategory({ parentId: null, name: { 'zh-CN': name, en: 'Tea' } })).id;
}

/** A complete application body. */
export function applicationBody(storeName: string, categoryId: string, documentKeys: string[]) {
  return {
    businessType: 'company' as const,
    storeName,
    licenceNumber: '91330100MA2CFXXX1A',
    contactName: '王经理',
    contactPhone: '+8613912345678',
    categoryId,
    documentKeys,
  };
}

let n = 0;
/** A store name unique to this run. */
export const storeName = (base = 'Store'): string => `${base} ${process.pid}-${Date.now()}-${n++}`;

/**
 * tableDigest() narrowed to the items that mention any of `ids` (rate-limit counters excluded).
 * Jest runs test files in parallel against one table, so a whole-table digest moves with other
 * files' writes; the ids of this test's own accounts, stores and applications do not.
 */
export async function digestOf(...ids: string[]): Promise<string> {
  const hash = createHash('sha256');
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      if (String(item.PK).startsWith('RATE#')) continue;
      const text = JSON.stringify(item, Object.keys(item).sort());
      if (ids.some((id) => text.includes(id))) items.push(text);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  for (const i of items.sort()) hash.update(i);
  return `${items.length}:${hash.digest('hex')}`;
}
