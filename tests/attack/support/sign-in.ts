import { randomPhone, randomSourceIp, send, type Reply } from './http';

/** A signed-in account: real tokens from the real login routes. */
export interface Session {
  userId: string;
  accessToken: string;
  refreshToken: string;
  roles: { platform?: string; merchants?: Record<string, string> };
  phone?: string;
  email?: string;
  /** When the access token was issued (epoch ms): it lives 15 minutes. */
  issuedAt: number;
}

interface TokenPairBody {
  accessToken: string;
  refreshToken: string;
  profile: { id: string; roles: Session['roles'] };
}

const sessionOf = (reply: Reply, what: string, extra: Partial<Session> = {}): Session => {
  if (reply.status < 200 || reply.status > 299) throw new Error(`${what}: ${reply.status} ${reply.text.slice(0, 300)}`);
  const body = reply.json as TokenPairBody;
  return { userId: body.profile.id, accessToken: body.accessToken, refreshToken: body.refreshToken, roles: body.profile.roles, issuedAt: Date.now(), ...extra };
};

/** Signs in through an API's login routes and the simulators, each call from a fresh client address. */
export class SignIn {
  constructor(
    readonly api: string,
    readonly sims: string,
  ) {}

  async latestSmsCode(phone: string): Promise<string> {
    const res = await fetch(`${this.sims}/_sim/sms/messages?phone=${encodeURIComponent(phone)}`);
    const { messages } = (await res.json()) as { messages: { params?: string[] }[] };
    const code = messages[0]?.params?.[0];
    if (!code) throw new Error(`no SMS recorded for ${phone}`);
    return code;
  }

  /** POST /auth/sms/send then /auth/sms/login (signs up an unknown phone). */
  async sms(phone = randomPhone()): Promise<Session> {
    const sent = await send(this.api, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } }, { sourceIp: randomSourceIp() });
    if (sent.status !== 200) throw new Error(`sms send for ${phone}: ${sent.status} ${sent.text.slice(0, 300)}`);
    const code = await this.latestSmsCode(phone);
    const reply = await send(this.api, { method: 'POST', path: '/auth/sms/login', body: { phone, code } }, { sourceIp: randomSourceIp() });
    return sessionOf(reply, `sms login ${phone}`, { phone });
  }

  async email(email: string, password: string): Promise<Session> {
    const reply = await send(this.api, { method: 'POST', path: '/auth/email/login', body: { email, password } }, { sourceIp: randomSourceIp() });
    return sessionOf(reply, `email login ${email}`, { email });
  }

  async register(email: string, password: string): Promise<Session> {
    const reply = await send(this.api, { method: 'POST', path: '/auth/email/register', body: { email, password } }, { sourceIp: randomSourceIp() });
    return sessionOf(reply, `register ${email}`, { email });
  }

  /** A one-time wx.login code from the WeChat simulator. */
  async wechatCode(): Promise<string> {
    const res = await fetch(`${this.sims}/_sim/wechat/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return ((await res.json()) as { code: string }).code;
  }

  /** A one-time my.getAuthCode code from the Alipay simulator. */
  async alipayCode(): Promise<string> {
    const res = await fetch(`${this.sims}/_sim/alipay/auth`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return ((await res.json()) as { authCode: string }).authCode;
  }

  /** Rotates the refresh token for a new access token, in place (callers keep their reference). */
  async refresh(session: Session): Promise<void> {
    const reply = await send(this.api, { method: 'POST', path: '/auth/refresh', body: { refreshToken: session.refreshToken } }, { sourceIp: randomSourceIp() });
    const fresh = sessionOf(reply, 'refresh');
    Object.assign(session, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, issuedAt: fresh.issuedAt });
  }

  async wechat(): Promise<Session> {
    const reply = await send(this.api, { method: 'POST', path: '/auth/wechat', body: { code: await this.wechatCode() } }, { sourceIp: randomSourceIp() });
    return sessionOf(reply, 'wechat login');
  }
}
