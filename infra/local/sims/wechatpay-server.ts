/**
 * What every WeChat Pay v3 route of the simulator shares: merchant-signature checking, signed answers,
 * strict body parsing and signed + encrypted notifications (with a test hook to duplicate, delay and
 * reorder them).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SimContext } from './context';
import { type SimReply, type SimRequest, header, json } from './http';
import type { NotificationJob } from './notifier';
import { randomChars, rfc3339Beijing } from './util';
import { encryptResource, signedHeaders, verifyMerchantRequest } from './wechatpay-crypto';

const MAX_RESENDABLE = 1000;

export const payError = (status: number, code: string, message: string): SimReply => json(status, { code, message });

export type Parsed<T> = { data: T } | { reply: SimReply };

/** Parses a JSON body with a strict schema; failures answer 400 PARAM_ERROR naming the field, as WeChat Pay does. */
export function parseRequest<S extends z.ZodType>(schema: S, text: string): Parsed<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { reply: payError(400, 'PARAM_ERROR', '请求体不是合法的JSON') };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  return { reply: payError(400, 'PARAM_ERROR', `输入源"/body/${issue?.path.join('/') ?? ''}"映射到值字段"${issue?.message ?? ''}"`) };
}

export type MerchantHandler = (req: SimRequest, mchid: string) => SimReply | Promise<SimReply>;

export interface WechatPayServer {
  /** Verifies the merchant signature, runs the handler and signs whatever it answers. */
  authenticated(handler: MerchantHandler): (req: SimRequest) => Promise<SimReply>;
  /** Sends a signed notification whose resource is AEAD_AES_256_GCM-encrypted with the APIv3 key. */
  notify(url: string, eventType: string, summary: string, originalType: string, resource: object): void;
}

/** Base URL the caller reached the simulator at (for h5_url / sign_url links). */
export const publicBase = (req: SimRequest): string => `http://${header(req, 'host') ?? '127.0.0.1'}`;

export function wechatpayServer(ctx: SimContext): WechatPayServer {
  const pay = ctx.keys.wechatpay;
  const control = ctx.state.wechatpay.notifyControl;

  const sign = (reply: SimReply): SimReply => {
    const body = typeof reply.body === 'string' ? reply.body : '';
    return {
      ...reply,
      headers: { ...reply.headers, 'Request-ID': randomChars(32), ...signedHeaders(pay.platform.privateKey, pay.publicKeyId, body) },
    };
  };

  const authenticated =
    (handler: MerchantHandler) =>
    async (req: SimRequest): Promise<SimReply> => {
      const verdict = verifyMerchantRequest(
        { mchid: pay.mchid, serialNo: pay.merchantSerial, publicKeyPem: pay.merchant.publicKey },
        { authorization: header(req, 'authorization'), method: req.method, pathWithQuery: req.pathWithQuery, body: req.text },
      );
      if ('reason' in verdict) return sign(payError(401, 'SIGN_ERROR', `签名错误: ${verdict.reason}`));
      return sign(await handler(req, verdict.mchid));
    };

  const dispatch = (job: NotificationJob): void => {
    for (let copy = 0; copy < control.copies; copy += 1) {
      if (control.delayMs > 0) ctx.later(() => ctx.notifier.send(job), control.delayMs);
      else ctx.notifier.send(job);
    }
  };

  const notify: WechatPayServer['notify'] = (url, eventType, summary, originalType, resource) => {
    const { ciphertext, nonce } = encryptResource(pay.apiV3Key, JSON.stringify(resource), originalType);
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      create_time: rfc3339Beijing(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: originalType, nonce },
    });
    const job: NotificationJob = {
      channel: 'wechatpay',
      notificationId: id,
      event: eventType,
      url,
      // Every attempt is signed afresh (new timestamp and nonce), as WeChat Pay does.
      build: () => ({
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/4.0', ...signedHeaders(pay.platform.privateKey, pay.publicKeyId, body) },
        body,
      }),
      accepts: (status) => status >= 200 && status < 300,
    };
    const sent = ctx.state.wechatpay.sentNotifications;
    sent.set(id, job);
    // NOTE: only the latest ones can be resent; a long bench run must not grow the simulator without bound.
    if (sent.size > MAX_RESENDABLE) sent.delete(sent.keys().next().value ?? '');
    if (control.hold) control.held.push(job);
    else dispatch(job);
  };

  return { authenticated, notify };
}

/** Sends the held notifications (oldest first, or newest first to test reordering). */
export function releaseHeld(ctx: SimContext, order: 'fifo' | 'reverse'): number {
  const control = ctx.state.wechatpay.notifyControl;
  const jobs = control.held.splice(0, control.held.length);
  if (order === 'reverse') jobs.reverse();
  // NOTE: spaced by 20 ms so the receiver really sees them in this order.
  jobs.forEach((job, i) => ctx.later(() => ctx.notifier.send(job), i * 20));
  return jobs.length;
}
