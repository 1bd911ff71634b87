/**
 * WeChat's message push to our server (消息推送, JSON, plaintext mode): every request carries
 * `signature`, `timestamp` and `nonce` in the query, the signature being SHA1 of the sorted
 * [token, timestamp, nonce] joined. The GET that verifies the URL echoes `echostr`.
 * Only `wxa_media_check` events are read here (the verdicts of media_check_async).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, ExternalServiceError, InvalidSignatureError } from './config';

/** A push older than this (or this far in the future) is refused: a replay of an old request. */
const MAX_SKEW_S = 300;

export const pushToken = (): string => {
  const token = process.env.WECHAT_MESSAGE_TOKEN?.trim();
  if (!token) throw new ConfigError(['WECHAT_MESSAGE_TOKEN'], 'WECHAT_MESSAGE_TOKEN is not set (the message push token of the mini-program console)');
  return token;
};

/** The push signature of (timestamp, nonce) with `token`. */
export const pushSignature = (token: string, timestamp: string, nonce: string): string =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

/** Throws InvalidSignatureError unless the query is signed with our token and recent. */
export function verifyPush(query: Record<string, string | undefined>, token = pushToken(), now = Date.now()): void {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) throw new InvalidSignatureError('wechat', 'signature, timestamp or nonce missing');
  const expected = Buffer.from(pushSignature(token, timestamp, nonce));
  const given = Buffer.from(signature.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidSignatureError('wechat', 'signature mismatch');
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_S) throw new InvalidSignatureError('wechat', 'timestamp outside the allowed window');
}

const MediaCheckPush = z.object({
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  appid: z.string().optional(),
  trace_id: z.string().min(1).max(128),
  version: z.number().optional(),
  /** v1: 1 risky, 0 not. */
  isrisky: z.number().optional(),
  /** v1: 0 checked; otherwise the check failed (e.g. the media could not be fetched). */
  status_code: z.number().optional(),
  /** v2 */
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number() }).optional(),
});

export interface MediaVerdict {
  traceId: string;
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

/**
 * The verdict of a verified `wxa_media_check` push, or undefined for another kind of event (answered
 * `success` and ignored). A media check that failed (`status_code` != 0) counts as "review": not shown.
 */
export function parseMediaCheckPush(body: string): MediaVerdict | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new ExternalServiceError('wechat', 'BAD_PUSH', 'not JSON');
  }
  const kind = z.object({ MsgType: z.string(), Event: z.string().optional() }).safeParse(raw);
  if (!kind.success) throw new ExternalServiceError('wechat', 'BAD_PUSH', 'no MsgType');
  if (kind.data.MsgType !== 'event' || kind.data.Event !== 'wxa_media_check') return undefined;
  const push = MediaCheckPush.safeParse(raw);
  if (!push.success) throw new ExternalServiceError('wechat', 'BAD_PUSH', push.error.message);
  const p = push.data;
  if (p.result) return { traceId: p.trace_id, suggest: p.result.suggest, label: p.result.label };
  if (p.status_code !== undefined && p.status_code !== 0) return { traceId: p.trace_id, suggest: 'review', label: 0 };
  return { traceId: p.trace_id, suggest: p.isrisky === 1 ? 'risky' : 'pass', label: p.isrisky === 1 ? 20002 : 100 };
}
