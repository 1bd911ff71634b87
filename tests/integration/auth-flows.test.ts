import { withSimulators, lastCode, uniquePhone, tableDigest, ownTable } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { handler as sendSms } from '../../functions/identity/send-sms-code';
import { handler as loginSms } from '../../functions/identity/login-sms';
import { handler as loginWechat } from '../../functions/identity/login-wechat';
import { handler as loginAlipay } from '../../functions/identity/login-alipay';
import { handler as registerEmail } from '../../functions/identity/register-email';
import { handler as loginEmail } from '../../functions/identity/login-email';
import { handler as refresh } from '../../functions/identity/refresh-token';
import { handler as logout } from '../../functions/identity/logout';
import { handler as logoutAll } from '../../functions/identity/logout-all';
import { handler as getMe } from '../../functions/me/get-me';
import { handler as bindPhone } from '../../functions/identity/bind-phone';
import { handler as bindWechat } from '../../functions/identity/bind-wechat';
import { SignJWT } from 'jose';
import { REFRESH_REUSE_GRACE_MS } from '../../functions/identity/sessions';

// whole-table digests below: this file writes to a table of its own
ownTable('auth');

interface Tokens {
  accessToken: string;
  refreshToken: string;
  isNewUser: boolean;
  profile: { id: string; identities: { provider: string; display: string }[]; nickname: string };
}

let sims: Simulators;
beforeAll(async () => {
  sims = await withSimulators();
});
afterAll(() => sims.close());

async function smsSignIn(phone = uniquePhone()): Promise<Tokens> {
  expect((await invoke(sendSms, { body: { phone, purpose: 'login' } })).status).toBe(200);
  const res = await invoke<Tokens>(loginSms, { body: { phone, code: lastCode(sims, phone) } });
  expect(res.status).toBe(200);
  return res.body;
}

async function wechatCode(openid?: string): Promise<string> {
  const res = await fetch(`${sims.baseUrl}/_sim/wechat/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(openid ? { openid } : {}),
  });
  return ((await res.json()) as { code: string }).code;
}

describe('phone + SMS code', () => {
  it('creates the account on first sign-in and finds it on the next', async () => {
    const phone = uniquePhone();
    const first = await smsSignIn(phone);
    expect(first.isNewUser).toBe(true);
    expect(first.profile.identities).toEqual([{ provider: 'phone', display: expect.stringMatching(/^\+86 \d{3}\*{4}\d{4}$/) }]);
    await new Promise((r) => setTimeout(r, 0));
    // NOTE: a second code for the same phone needs the 60 s resend interval; sign in via refresh instead.
    const me = await invoke<{ id: string }>(getMe, { method: 'GET', token: first.accessToken });
    expect(me.body.id).toBe(first.profile.id);
  });

  it('refuses a reused code and writes nothing', async () => {
    const phone = uniquePhone();
    await invoke(sendSms, { body: { phone, purpose: 'login' } });
    const code = lastCode(sims, phone);
    expect((await invoke(loginSms, { body: { phone, code } })).status).toBe(200);
    const before = await tableDigest();
    const again = await invoke<{ error: { code: string } }>(loginSms, { body: { phone, code } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('sms_code_invalid');
    expect(await tableDigest()).toBe(before);
  });

  it('voids the code after five wrong tries, even for the right code', async () => {
    const phone = uniquePhone();
    await invoke(sendSms, { body: { phone, purpose: 'login' } });
    const code = lastCode(sims, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await invoke<{ error: { code: string } }>(loginSms, { body: { phone, code: wrong } });
      expect(res.body.error.code).toBe('sms_code_invalid');
    }
    const right = await invoke<{ error: { code: string } }>(loginSms, { body: { phone, code } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('sms_code_attempts_exceeded');
  });

  it('allows one code per phone per minute', async () => {
    const phone = uniquePhone();
    expect((await invoke(sendSms, { body: { phone, purpose: 'login' } })).status).toBe(200);
    const again = await invoke<{ error: { code: string; retryAfter: number } }>(sendSms, { body: { phone, purpose: 'login' } });
    expect(again.status).toBe(429);
    expect(again.body.error.retryAfter).toBeGreaterThan(0);
    expect(again.headers['Retry-After']).toBeDefined();
  });

  it('rate-limits code requests per IP', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await invoke(sendSms, { body: { phone: uniquePhone(), purpose: 'login' }, ip })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('WeChat and Alipay', () => {
  it('signs in with a wx.login code once; the same code is refused the second time', async () => {
    const code = await wechatCode();
    const first = await invoke<Tokens>(loginWechat, { body: { code } });
    expect(first.status).toBe(200);
    expect(first.body.profile.identities[0]!.provider).toBe('wechat');
    expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);
    const again = await invoke<{ error: { code: string } }>(loginWechat, { body: { code } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('external_login_failed');
  });

  it('maps the same WeChat user to the same account', async () => {
    const openid = `o${Date.now()}`;
    const a = await invoke<Tokens>(loginWechat, { body: { code: await wechatCode(openid) } });
    const b = await invoke<Tokens>(loginWechat, { body: { code: await wechatCode(openid) } });
    expect(b.body.profile.id).toBe(a.body.profile.id);
    expect(b.body.isNewUser).toBe(false);
  });

  it('signs in with an Alipay auth code', async () => {
    const res = await fetch(`${sims.baseUrl}/_sim/alipay/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { authCode } = (await res.json()) as { authCode: string };
    const login = await invoke<Tokens>(loginAlipay, { body: { authCode } });
    expect(login.status).toBe(200);
    expect(login.body.profile.identities[0]!.provider).toBe('alipay');
  });
});

describe('binding login methods', () => {
  it('binds a phone to a WeChat account: one person, one account', async () => {
    const wx = await invoke<Tokens>(loginWechat, { body: { code: await wechatCode() } });
    const phone = uniquePhone();
    await invoke(sendSms, { body: { phone, purpose: 'bind' } });
    const bound = await invoke<Tokens['profile']>(bindPhone, { body: { phone, code: lastCode(sims, phone) }, token: wx.body.accessToken });
    expect(bound.status).toBe(200);
    expect(bound.body.identities.map((i) => i.provider).sort()).toEqual(['phone', 'wechat']);
    // Signing in by that phone now reaches the same account.
    await new Promise((r) => setTimeout(r, 10));
    const { handler: sendAgain } = await import('../../functions/identity/send-sms-code');
    expect((await invoke(sendAgain, { body: { phone, purpose: 'login' } })).status).toBe(200);
    const byPhone = await invoke<Tokens>(loginSms, { body: { phone, code: lastCode(sims, phone) } });
    expect(byPhone.body.profile.id).toBe(wx.body.profile.id);
  });

  it('refuses to bind a WeChat account that already belongs to someone else', async () => {
    const openid = `taken${Date.now()}`;
    await invoke(loginWechat, { body: { code: await wechatCode(openid) } });
    const other = await smsSignIn();
    const res = await invoke<{ error: { code: string } }>(bindWechat, { body: { code: await wechatCode(openid) }, token: other.accessToken });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('identity_already_bound');
  });
});

describe('email and password', () => {
  it('registers, signs in, and refuses a second registration of the same email', async () => {
    const email = `u${Date.now()}@example.com`;
    const reg = await invoke<Tokens>(registerEmail, { body: { email: email.toUpperCase(), password: 'correct horse 1' } });
    expect(reg.status).toBe(201);
    const login = await invoke<Tokens>(loginEmail, { body: { email, password: 'correct horse 1' } });
    expect(login.status).toBe(200);
    expect(login.body.profile.id).toBe(reg.body.profile.id);
    const dup = await invoke<{ error: { code: string } }>(registerEmail, { body: { email, password: 'another pass 2' } });
    expect(dup.status).toBe(409);
  });

  it('locks the login after five wrong passwords, even for the right one', async () => {
    const email = `lock${Date.now()}@example.com`;
    await invoke(registerEmail, { body: { email, password: 'right password' } });
    for (let i = 0; i < 4; i += 1) {
      const res = await invoke<{ error: { code: string } }>(loginEmail, { body: { email, password: 'wrong password' } });
      expect(res.body.error.code).toBe('invalid_credentials');
    }
    const fifth = await invoke<{ error: { code: string } }>(loginEmail, { body: { email, password: 'wrong password' } });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('account_locked');
    const right = await invoke<{ error: { code: string; retryAfter: number } }>(loginEmail, { body: { email, password: 'right password' } });
    expect(right.status).toBe(429);
    expect(right.body.error.retryAfter).toBeGreaterThan(800);
  });

  it('answers an unknown email like a wrong password', async () => {
    const res = await invoke<{ error: { code: string } }>(loginEmail, { body: { email: `nobody${Date.now()}@example.com`, password: 'whatever1' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });
});

describe('tokens and sessions', () => {
  it('rotates the refresh token; replaying the old one revokes the session', async () => {
    const t = await smsSignIn();
    const rotated = await invoke<Tokens>(refresh, { body: { refreshToken: t.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(t.refreshToken);
    // A replay, not the same client racing itself (session-lifetime.test.ts covers that grace).
    const later = Date.now() + REFRESH_REUSE_GRACE_MS + 1000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    const replay = await invoke<{ error: { code: string } }>(refresh, { body: { refreshToken: t.refreshToken } });
    expect(replay.status).toBe(401);
    // The thief's replay ended the session for the newest token too.
    expect((await invoke(refresh, { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
    expect((await invoke(getMe, { method: 'GET', token: rotated.body.accessToken })).status).toBe(401);
    jest.restoreAllMocks();
  });

  it('logout makes both tokens stop working at once', async () => {
    const t = await smsSignIn();
    expect((await invoke(logout, { token: t.accessToken })).status).toBe(200);
    expect((await invoke(getMe, { method: 'GET', token: t.accessToken })).status).toBe(401);
    expect((await invoke(refresh, { body: { refreshToken: t.refreshToken } })).status).toBe(401);
  });

  it('logout-all ends every session of the account', async () => {
    const t = await smsSignIn();
    const second = await invoke<Tokens>(refresh, { body: { refreshToken: t.refreshToken } });
    const res = await invoke<{ revoked: number }>(logoutAll, { token: second.body.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBe(1);
    expect((await invoke(getMe, { method: 'GET', token: second.body.accessToken })).status).toBe(401);
  });

  it('refuses a forged, a tampered and an expired access token with 401', async () => {
    const t = await smsSignIn();
    const [h, p, s] = t.accessToken.split('.');
    const forged = await new SignJWT({ sid: 'x', typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(t.profile.id)
      .setIssuer('wxshop')
      .setAudience('wxshop-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-but-long-enough-0123456789'));
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toString('base64url')}.${s}`;
    const expired = await new SignJWT({ sid: payload.sid, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(t.profile.id)
      .setIssuer('wxshop')
      .setAudience('wxshop-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(process.env.JWT_SECRET!));
    const codes = [];
    for (const token of [forged, tampered, expired, 'not-a-token-at-all-really']) {
      const res = await invoke<{ error: { code: string } }>(getMe, { method: 'GET', token });
      expect(res.status).toBe(401);
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual(['token_invalid', 'token_invalid', 'token_expired', 'token_invalid']);
    expect((await invoke(getMe, { method: 'GET' })).status).toBe(401);
  });
});
