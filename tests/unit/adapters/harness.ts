/** Test harness: the simulators on a free port, a merchant callback server, and the adapter env. */
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { resetAdapterConfig } from '../../../functions/lib/adapters/config';
import { localServiceEnv } from '../../../infra/local/keys';
import { type Simulators, type StartSimulatorsOptions, startSimulators } from '../../../infra/local/sims';

export interface CallbackRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface CannedAnswer {
  status: number;
  body?: string;
}

/** Plays our API's notify endpoints: records requests, answers 204 / "success" / Kuaidi100's ack unless told otherwise. */
export interface CallbackServer {
  url: string;
  requests: CallbackRequest[];
  /** The next requests get these answers, in order. */
  answerNext(...answers: CannedAnswer[]): void;
  close(): Promise<void>;
}

async function startCallbackServer(): Promise<CallbackServer> {
  const requests: CallbackRequest[] = [];
  const queued: CannedAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const fallback = path.startsWith('/alipay')
        ? { status: 200, body: 'success' }
        : path.startsWith('/kuaidi100')
          ? { status: 200, body: JSON.stringify({ result: true, returnCode: '200', message: '成功' }) }
          : { status: 204 };
      const answer = queued.shift() ?? fallback;
      res.writeHead(answer.status).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (...answers) => queued.push(...answers),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Harness {
  sims: Simulators;
  callback: CallbackServer;
  env: Record<string, string>;
  /** A request to a simulator dev endpoint, its JSON answer parsed with `schema`. */
  simJson<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.infer<S>>;
  /** Sets env vars for one test and resets the adapter config; `restoreEnv` undoes it. */
  overrideEnv(vars: Record<string, string | undefined>): void;
  restoreEnv(): void;
  close(): Promise<void>;
}

/** Starts everything and points the adapters at it (fast retries unless overridden). */
export async function startHarness(options: Partial<StartSimulatorsOptions> = {}): Promise<Harness> {
  const keysDir = await mkdtemp(join(tmpdir(), 'sim-keys-'));
  const sims = await startSimulators({ port: 0, keysDir, notifyRetryDelaysMs: [50, 100, 150, 200], refundDelayMs: 10, ...options });
  const callback = await startCallbackServer();
  const env = {
    ...localServiceEnv(sims.keys, sims.baseUrl),
    WECHATPAY_NOTIFY_URL: `${callback.url}/wechatpay/notify`,
    ALIPAY_NOTIFY_URL: `${callback.url}/alipay/notify`,
    KUAIDI100_CALLBACK_URL: `${callback.url}/kuaidi100/push`,
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (vars: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetAdapterConfig();
  };
  apply(env);
  return {
    sims,
    callback,
    env,
    simJson: async (method, path, body, schema) => {
      const response = await fetch(`${sims.baseUrl}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return schema.parse(await response.json());
    },
    overrideEnv: apply,
    restoreEnv: () => apply(env),
    close: async () => {
      apply(saved);
      await Promise.all([sims.close(), callback.close()]);
      await rm(keysDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value (or throws after `timeoutMs`). */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
