import { request, type Agent } from 'node:http';
import { randomInt } from 'node:crypto';

/** One HTTP request as the attack suites and the bench describe it. */
export interface RequestSpec {
  method: string;
  /** A concrete path (`/merchants/01H.../dashboard`), optionally with `?query`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json` unless a content type is given. */
  body?: unknown;
  /** Sent verbatim (malformed JSON, wrong encodings). */
  raw?: string;
  token?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface SendOptions {
  /**
   * The client address. Every 127.x.y.z address is this machine's loopback, so a test can act as
   * many distinct clients and stay inside per-IP rate limits without waiting for windows to pass.
   */
  sourceIp?: string;
  agent?: Agent;
  timeoutMs?: number;
}

/** A random loopback address other than 127.0.0.1: a fresh "client IP" for per-IP rate limits. */
export const randomSourceIp = (): string => `127.${randomInt(16, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** A random mainland mobile number (+86139...), so runs never collide on a reused table. */
export const randomPhone = (): string => `+86139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

export const randomEmail = (label = 'attack'): string => `${label}-${Date.now().toString(36)}-${randomInt(0, 1e9).toString(36)}@example.test`;

/** Lone surrogates cannot be sent in a URL: they become U+FFFD, as a browser would send them. */
export const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

export function buildPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? '')));
}

/** Sends one request with node:http (so the source address can be chosen) and parses a JSON answer. */
export function send(base: string, spec: RequestSpec, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(base);
  const qs = spec.query ? new URLSearchParams(spec.query).toString() : '';
  const path = qs ? `${spec.path}${spec.path.includes('?') ? '&' : '?'}${qs}` : spec.path;
  const headers: Record<string, string> = { ...spec.headers };
  const payload = spec.raw ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
  if (payload !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  if (spec.token) headers.Authorization = `Bearer ${spec.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: spec.method,
        path,
        headers,
        localAddress: options.sourceIp,
        agent: options.agent,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${spec.method} ${path}`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The `error.code` of an error body, if the answer has one. */
export function errorCode(reply: Reply): string | undefined {
  const body = reply.json as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}
