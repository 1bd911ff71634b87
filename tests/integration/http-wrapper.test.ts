import { withSimulators, lastCode, uniquePhone, tableDigest, ownTable } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { handler as sendSms } from '../../functions/identity/send-sms-code';
import { handler as loginSms } from '../../functions/identity/login-sms';
import { handler as updateMe } from '../../functions/me/update-me';
import { handler as getMe } from '../../functions/me/get-me';
import { handler as createStaff } from '../../functions/admin/create-platform-staff';
import { handler as health } from '../../functions/ops/health';
import { MAX_BODY_BYTES } from '../../functions/lib/http';
import { createAccount, setPlatformRole } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';

// whole-table digests below: this file writes to a table of its own
ownTable('http');

interface ErrorReply {
  error: { code: string; message: string; requestId: string; fields?: Record<string, string> };
}

let sims: Simulators;
let token: string;
beforeAll(async () => {
  sims = await withSimulators();
  const phone = uniquePhone();
  await invoke(sendSms, { body: { phone, purpose: 'login' } });
  token = (await invoke<{ accessToken: string }>(loginSms, { body: { phone, code: lastCode(sims, phone) } })).body.accessToken;
});
afterAll(() => sims.close());

describe('bad input gets a clear error and changes nothing', () => {
  const cases: [string, Parameters<typeof invoke>[1], number, string][] = [
    ['malformed JSON', { method: 'POST', raw: '{"nickname": "a",' }, 400, 'malformed_json'],
    ['an unknown field (a client-sent role)', { method: 'POST', body: { nickname: 'ok', roles: { platform: 'super_admin' } } }, 400, 'validation_failed'],
    ['a wrong type', { method: 'POST', body: { nickname: 42 } }, 400, 'validation_failed'],
    ['an unsupported language', { method: 'POST', body: { language: 'xx' } }, 400, 'validation_failed'],
    ['a body that is not an object', { method: 'POST', body: ['nickname'] }, 400, 'validation_failed'],
    ['an oversized body', { method: 'POST', raw: JSON.stringify({ nickname: 'x'.repeat(MAX_BODY_BYTES) }) }, 413, 'payload_too_large'],
    [
      'a non-JSON content type',
      { method: 'POST', raw: 'nickname=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    ['an unexpected query parameter', { method: 'POST', body: { nickname: 'ok' }, query: { admin: 'true' } }, 400, 'validation_failed'],
  ];
  it.each(cases)('refuses %s', async (_name, inv, status, code) => {
    const before = await tableDigest();
    const res = await invoke<ErrorReply>(updateMe, { ...inv, token });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.requestId).toEqual(expect.any(String));
    expect(await tableDigest()).toBe(before);
  });

  it('names the failing fields', async () => {
    const res = await invoke<ErrorReply>(updateMe, { method: 'POST', token, body: { nickname: '', currency: 'XXX', extra: 1 } });
    expect(res.body.error.fields).toEqual({
      'body.nickname': expect.any(String),
      'body.currency': expect.any(String),
      body: expect.stringContaining('extra'),
    });
  });

  it('refuses an invalid phone before sending anything', async () => {
    const sent = sims.state.sms.messages.length;
    const res = await invoke<ErrorReply>(sendSms, { body: { phone: '13800000000', purpose: 'login' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.['body.phone']).toMatch(/E\.164/);
    expect(sims.state.sms.messages.length).toBe(sent);
  });

  it('applies a valid change and returns the profile', async () => {
    const res = await invoke<{ nickname: string; language: string }>(updateMe, { method: 'POST', token, body: { nickname: '测试用户', language: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nickname: '测试用户', language: 'en' });
    expect((await invoke<{ language: string }>(getMe, { method: 'GET', token })).body.language).toBe('en');
  });

  it('answers an unexpected failure with a 500 that leaks nothing', async () => {
    const saved = process.env.TABLE_NAME;
    process.env.TABLE_NAME = 'no-such-table';
    try {
      const res = await invoke<ErrorReply>(health, { method: 'GET' });
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({ code: 'internal_error', message: 'Something went wrong', requestId: expect.any(String) });
    } finally {
      process.env.TABLE_NAME = saved;
    }
  });
});

describe('Idempotency-Key', () => {
  let adminToken: string;
  beforeAll(async () => {
    const adminId = (await createAccount({ provider: 'phone', subject: uniquePhone(), display: 'admin' }, { nickname: 'admin' }))!;
    await setPlatformRole(adminId, 'super_admin', 'test');
    adminToken = (await startSession(adminId, 'phone', false)).accessToken;
  });

  it('replays the first answer for a retried request and writes once', async () => {
    const body = { role: 'operator', phone: uniquePhone() };
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await invoke<{ userId: string }>(createStaff, { body, headers, token: adminToken });
    expect(first.status).toBe(201);
    const before = await tableDigest();
    const retry = await invoke<{ userId: string }>(createStaff, { body, headers, token: adminToken });
    expect(retry.status).toBe(201);
    expect(retry.headers['Idempotent-Replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await tableDigest()).toBe(before);
  });

  it('refuses the same key with a different request', async () => {
    const headers = { 'idempotency-key': `key2-${Date.now()}` };
    await invoke(createStaff, { body: { role: 'operator', phone: uniquePhone() }, headers, token: adminToken });
    const res = await invoke<ErrorReply>(createStaff, { body: { role: 'finance', phone: uniquePhone() }, headers, token: adminToken });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idempotency_key_reused');
  });

  it('refuses a malformed key', async () => {
    const res = await invoke<ErrorReply>(createStaff, {
      body: { role: 'operator', phone: uniquePhone() },
      headers: { 'idempotency-key': 'bad key!' },
      token: adminToken,
    });
    expect(res.status).toBe(400);
  });
});

describe('routes without a body', () => {
  it('accept an empty JSON object (what wx.request sends) and refuse anything else', async () => {
    const { handler: logoutAll } = await import('../../functions/identity/logout-all');
    const { handler: getMe } = await import('../../functions/me/get-me');
    const phone = uniquePhone();
    await invoke(sendSms, { body: { phone, purpose: 'login' } });
    const t = (await invoke<{ accessToken: string }>(loginSms, { body: { phone, code: lastCode(sims, phone) } })).body.accessToken;
    expect((await invoke(getMe, { method: 'GET', token: t, body: { x: 1 } })).status).toBe(400);
    expect((await invoke(getMe, { method: 'GET', token: t, body: [] })).status).toBe(400);
    expect((await invoke(logoutAll, { token: t, body: {} })).status).toBe(200);
  });
});
