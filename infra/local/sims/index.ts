/**
 * Local simulators of the outside services we call (WeChat, WeChat Pay v3, Alipay, Tencent Cloud
 * SMS), speaking their real wire protocols and signatures, on one node:http server routed by path.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalKeys, ensureLocalKeys } from '../keys';
import { alipayRoutes } from './alipay-api';
import type { SimContext, SimTimings } from './context';
import { renderDashboard } from './dashboard';
import { type Route, type SimReply, html, json, matchRoute } from './http';
import { kuaidi100Routes } from './kuaidi100-api';
import { createNotifier } from './notifier';
import { smsRoutes } from './sms-api';
import { type SimState, createState } from './state';
import { wechatRoutes } from './wechat-api';
import { wechatShippingRoutes } from './wechat-shipping-api';
import { wechatpayRoutes } from './wechatpay-api';
import { wechatpayEcommerce } from './wechatpay-ecommerce-api';
import { wechatpayBillRoutes } from './wechatpay-bills';

export type { SimState } from './state';

export interface StartSimulatorsOptions extends Partial<SimTimings> {
  /** 0 picks a free port. */
  port: number;
  /** Where the local key material lives (created on first use), e.g. `.local/keys`. */
  keysDir: string;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Where WeChat's message push goes (media check verdicts); also settable with POST /_sim/wechat/message-push. */
  messagePushUrl?: string;
}

export interface Simulators {
  port: number;
  /** e.g. `http://127.0.0.1:4010`, for `localServiceEnv`. */
  baseUrl: string;
  keys: LocalKeys;
  state: SimState;
  close(): Promise<void>;
}

const DEFAULT_TIMINGS: SimTimings = {
  codeTtlMs: 5 * 60 * 1000,
  tokenTtlMs: 7200 * 1000,
  // WeChat Pay retries for ~24 h (15 s, 15 s, 30 s, 3 min, ...): compressed, but long enough to outlast an API restart
  notifyRetryDelaysMs: [1000, 2000, 4000, 8000, 15000, 30000, 30000],
  refundDelayMs: 200,
  mediaCheckDelayMs: 300,
};

/** Starts every simulator on one HTTP server. */
export async function startSimulators(options: StartSimulatorsOptions): Promise<Simulators> {
  const keys = await ensureLocalKeys(options.keysDir);
  const state = createState();
  state.wechat.messagePushUrl = options.messagePushUrl;
  const timings: SimTimings = {
    codeTtlMs: options.codeTtlMs ?? DEFAULT_TIMINGS.codeTtlMs,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TIMINGS.tokenTtlMs,
    notifyRetryDelaysMs: options.notifyRetryDelaysMs ?? DEFAULT_TIMINGS.notifyRetryDelaysMs,
    refundDelayMs: options.refundDelayMs ?? DEFAULT_TIMINGS.refundDelayMs,
    mediaCheckDelayMs: options.mediaCheckDelayMs ?? DEFAULT_TIMINGS.mediaCheckDelayMs,
  };
  const notifier = createNotifier(timings.notifyRetryDelaysMs, state.notifications);
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, delayMs: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, delayMs);
    timers.add(timer);
  };
  const ctx: SimContext = { keys, state, timings, notifier, later };
  const ecommerce = wechatpayEcommerce(ctx);
  const routes: Route[] = [
    { method: 'GET', path: '/_sim/health', handler: () => json(200, { ok: true }) },
    { method: 'GET', path: '/', handler: () => html(renderDashboard(state)) },
    ...wechatRoutes(ctx),
    ...wechatShippingRoutes(ctx),
    ...wechatpayRoutes(ctx, ecommerce),
    ...ecommerce.routes,
    ...wechatpayBillRoutes(ctx),
    ...alipayRoutes(ctx),
    ...smsRoutes(ctx),
    ...kuaidi100Routes(ctx),
  ];

  const server = createServer((req, res) => void handle(routes, req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    port,
    baseUrl: `http://${urlHost}:${port}`,
    keys,
    state,
    close: async () => {
      notifier.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  let reply: SimReply;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const method = req.method ?? 'GET';
    const found = matchRoute(routes, method, url.pathname);
    reply = found
      ? await found.route.handler({
          method,
          url,
          pathWithQuery: req.url ?? '/',
          headers: req.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          params: found.params,
        })
      : json(404, { error: 'not_found', message: `no simulator route for ${method} ${url.pathname}` });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = json(500, { error: 'simulator_error', message });
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}
