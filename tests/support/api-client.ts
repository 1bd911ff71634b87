import { request } from 'node:http';
import { randomInt } from 'node:crypto';

/** A tiny HTTP client for tests against the local API and simulators. */
export const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
export const SIMS = process.env.SIM_URL ?? 'http://127.0.0.1:4010';

/**
 * This test file's own client address: every 127.x.y.z is this machine's loopback, and the API's
 * per-IP rate limits key on the source address, so files sharing a stack never share a limit.
 * Printed in failure messages; set TEST_CLIENT_IP to replay one.
 */
export const CLIENT_IP = process.env.TEST_CLIENT_IP ?? `127.${randomInt(16, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, localAddress: CLIENT_IP },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) h.append(k, one);
          resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', (err) => reject(new Error(`${method} ${url.href} from ${CLIENT_IP}: ${err.message}`)));
    req.end(body);
  });
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined || opts.raw !== undefined) headers['Content-Type'] ??= 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await send(new URL(`${API}${path}`), method, headers, opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)));
  const text = res.text;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** A random mainland mobile number, so tests never collide on a reused stack. */
/** Notes a phone or a tab of the running e2e test: printed if it fails (tests/support/e2e-environment.ts; a no-op elsewhere). */
export function noteSubject(kind: 'phones' | 'tabs', value: string): void {
  const subjects = (globalThis as { __e2eSubjects?: Record<'phones' | 'tabs', string[]> }).__e2eSubjects;
  if (subjects && !subjects[kind].includes(value)) subjects[kind].push(value);
}

export const randomPhone = (): string => {
  const phone = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  noteSubject('phones', phone);
  return phone;
};

/** The latest SMS code the simulator recorded for a phone. */
export async function latestSmsCode(phone: string): Promise<string> {
  const res = await fetch(`${SIMS}/_sim/sms/messages?phone=${encodeURIComponent(phone)}`);
  const messages = (await res.json()) as { params?: string[]; templateParams?: string[] }[] | { messages: { params?: string[]; templateParams?: string[] }[] };
  const list = Array.isArray(messages) ? messages : messages.messages;
  const first = list[0];
  const code = (first?.params ?? first?.templateParams)?.[0];
  if (!code) throw new Error(`no SMS recorded for ${phone}`);
  return code;
}

/** Signs in by phone + SMS code through the real API and simulator. */
export async function smsLogin(
  phone = randomPhone(),
): Promise<{ phone: string; accessToken: string; refreshToken: string; profile: { id: string; roles: Record<string, unknown> } }> {
  const sent = await call('POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
  if (sent.status !== 200) throw new Error(`sms send: ${sent.status} ${JSON.stringify(sent.body)}`);
  const code = await latestSmsCode(phone);
  const res = await call<{ accessToken: string; refreshToken: string; profile: { id: string; roles: Record<string, unknown> } }>('POST', '/auth/sms/login', {
    body: { phone, code },
  });
  if (res.status !== 200) throw new Error(`sms login: ${res.status} ${JSON.stringify(res.body)}`);
  return { phone, ...res.body };
}
