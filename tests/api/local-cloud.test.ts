import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { API, call, smsLogin } from '../support/api-client';
import { closeDb, db } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { businessDay } from '../../functions/events/count-signups';

/** The running stack's environment (written by infra/local/start.ts). */
const stackEnv = (): Record<string, string> =>
  (JSON.parse(readFileSync(join(__dirname, '..', '..', '.local', 'stack.json'), 'utf8')) as { env: Record<string, string> }).env;

beforeAll(() => {
  const env = stackEnv();
  process.env.DYNAMODB_ENDPOINT = env.DYNAMODB_ENDPOINT;
  process.env.TABLE_NAME = env.TABLE_NAME;
});
afterAll(() => closeDb());

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082',
  'hex',
);

describe('the local cloud, end to end', () => {
  it('uploads an avatar through a presigned URL and shows it on the profile', async () => {
    const { accessToken, profile } = await smsLogin();
    const ticket = await call<{ key: string; uploadUrl: string; headers: Record<string, string> }>('POST', '/me/avatar-upload', {
      token: accessToken,
      body: { contentType: 'image/png', size: PNG.length },
    });
    expect(ticket.status).toBe(200);
    expect(ticket.body.key.startsWith(`avatars/${profile.id}/`)).toBe(true);
    const put = await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: PNG });
    expect(put.status).toBe(200);
    const updated = await call<{ avatarUrl: string }>('POST', '/me', { token: accessToken, body: { avatarKey: ticket.body.key } });
    expect(updated.status).toBe(200);
    const image = await fetch(updated.body.avatarUrl);
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(PNG.subarray(0, 8));
  });

  it('refuses an upload that does not match the signed size, and an avatar that was never uploaded', async () => {
    const { accessToken } = await smsLogin();
    const ticket = await call<{ key: string; uploadUrl: string; headers: Record<string, string> }>('POST', '/me/avatar-upload', {
      token: accessToken,
      body: { contentType: 'image/png', size: 10 },
    });
    const put = await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: PNG });
    expect(put.status).toBeGreaterThanOrEqual(400);
    const res = await call<{ error: { code: string } }>('POST', '/me', { token: accessToken, body: { avatarKey: ticket.body.key } });
    expect(res.status).toBe(400);
  });

  it('refuses an avatar larger than 2 MiB before issuing a URL', async () => {
    const { accessToken } = await smsLogin();
    const res = await call('POST', '/me/avatar-upload', { token: accessToken, body: { contentType: 'image/png', size: 3 * 1024 * 1024 } });
    expect(res.status).toBe(400);
  });

  it('counts a signup through the real table stream and the declared consumer', async () => {
    const key = keys.dailyStat(businessDay(new Date().toISOString()), 'signups');
    const read = async () => Number((await db().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: key, ConsistentRead: true }))).Item?.total ?? 0);
    const before = await read();
    await smsLogin();
    const deadline = Date.now() + 15_000;
    let after = before;
    while (after <= before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await read();
    }
    expect(after).toBeGreaterThan(before);
  });

  it('answers a CORS preflight from the H5 origin', async () => {
    const res = await fetch(`${API}/me`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
  });

  it('serves the OpenAPI document and a readable docs page', async () => {
    const doc = (await (await fetch(`${API}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/auth/sms/login');
    const page = await fetch(`${API}/docs`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/auth/sms/login');
  });

  it('answers an unknown route with 404 and a malformed body with 400, not 5xx', async () => {
    expect((await call('GET', '/no-such-route')).status).toBe(404);
    const bad = await call<{ error: { code: string } }>('POST', '/auth/sms/send', { raw: '{"phone":' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
  });
});
