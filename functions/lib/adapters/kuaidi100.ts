/**
 * Kuaidi100 (快递100) parcel tracking: subscribe a waybill once (`POST /poll`), then Kuaidi100 pushes
 * every status change to KUAIDI100_CALLBACK_URL as `param=<json>&sign=MD5(param + salt)` (upper hex).
 * Carrier codes come from shared/src/carriers.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type CarrierCode, carrierByCode, carrierByKuaidi100 } from '@wxshop/shared/carriers';
import { z } from 'zod';
import { ExternalServiceError, InvalidSignatureError, callUpstream, kuaidi100Config } from './config';

export { InvalidSignatureError } from './config';

/** Kuaidi100 refused a subscription: its returnCode (600 bad key, 700 bad param, 701 bad company, ...). */
export class Kuaidi100ApiError extends ExternalServiceError {
  override name = 'Kuaidi100ApiError';
  constructor(returnCode: string, message: string) {
    super('kuaidi100', returnCode, message);
  }
}

const SubscribeAnswer = z.object({ result: z.boolean(), returnCode: z.string(), message: z.string().default('') });

/**
 * Subscribes a waybill for push updates. Subscribing it again is fine (Kuaidi100's 501 "duplicate"
 * counts as success), so callers can retry freely.
 * @param input.phone the receiver's phone (SF requires it; the last 4 digits are enough)
 * @throws Kuaidi100ApiError on any other refusal
 */
export async function subscribeTracking(input: { carrier: CarrierCode; trackingNo: string; phone?: string }): Promise<{ alreadySubscribed: boolean }> {
  const { apiBase, key, salt, callbackUrl } = kuaidi100Config();
  const carrier = carrierByCode(input.carrier);
  if (carrier.needsPhone && !input.phone) throw new Kuaidi100ApiError('700', `${carrier.code} tracking needs the receiver's phone`);
  const param = JSON.stringify({
    company: carrier.kuaidi100,
    number: input.trackingNo,
    key,
    parameters: { callbackurl: callbackUrl, salt, resultv2: '1', ...(input.phone ? { phone: input.phone } : {}) },
  });
  const response = await callUpstream('kuaidi100', new URL(`${apiBase}/poll`), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ schema: 'json', param }).toString(),
  });
  const text = await response.text();
  let parsed: z.infer<typeof SubscribeAnswer>;
  try {
    parsed = SubscribeAnswer.parse(JSON.parse(text));
  } catch {
    throw new ExternalServiceError('kuaidi100', `HTTP_${response.status}`, text.slice(0, 200));
  }
  if (parsed.result && parsed.returnCode === '200') return { alreadySubscribed: false };
  if (parsed.returnCode === '501') return { alreadySubscribed: true };
  throw new Kuaidi100ApiError(parsed.returnCode, parsed.message);
}

/** Kuaidi100's state codes, named. */
const STATES = {
  '0': 'IN_TRANSIT',
  '1': 'COLLECTED',
  '2': 'TROUBLE',
  '3': 'SIGNED',
  '4': 'SIGN_RETURNED',
  '5': 'OUT_FOR_DELIVERY',
  '6': 'RETURNING',
  '7': 'FORWARDED',
  '8': 'CUSTOMS',
  '14': 'REFUSED',
} as const;
export type TrackingState = (typeof STATES)[keyof typeof STATES] | 'UNKNOWN';
const stateOf = (code: string): TrackingState => (STATES as Record<string, TrackingState>)[code] ?? 'UNKNOWN';

const PushParam = z.object({
  status: z.string(),
  message: z.string().optional(),
  lastResult: z.object({
    nu: z.string(),
    com: z.string(),
    state: z.string(),
    ischeck: z.string(),
    data: z.array(z.object({ time: z.string(), context: z.string(), statusCode: z.string().optional(), areaName: z.string().optional() }).loose()),
  }),
});

export interface TrackingEvent {
  /** ISO 8601 with +08:00 (Kuaidi100 sends Beijing local time). */
  at: string;
  description: string;
  state: TrackingState;
  area?: string;
}

export interface TrackingUpdate {
  carrier?: CarrierCode;
  /** Kuaidi100's company code (kept when it is not one of our carriers). */
  company: string;
  trackingNo: string;
  state: TrackingState;
  /** Kuaidi100 reports the parcel signed for (ischeck=1). */
  signed: boolean;
  /** polling: more will come; shutdown: finished; abort: Kuaidi100 gave up (e.g. no info for days). */
  subscription: 'polling' | 'shutdown' | 'abort' | 'updateall' | 'other';
  /** Every event so far, oldest first. */
  events: TrackingEvent[];
}

/** The body a push callback must answer; anything else makes Kuaidi100 retry. */
export const TRACKING_PUSH_ACK = { result: true, returnCode: '200', message: '成功' } as const;

const toIso = (beijing: string): string => `${beijing.replace(' ', 'T')}+08:00`;

/**
 * Verifies a push (`sign` = upper-case MD5 of the raw `param` + our salt, compared in constant time)
 * and parses it. The caller stores events idempotently (a push repeats all earlier events).
 * @param body the raw `application/x-www-form-urlencoded` request body
 * @throws InvalidSignatureError when the sign is missing or wrong
 */
export function parseTrackingPush(body: string): TrackingUpdate {
  const form = new URLSearchParams(body);
  const param = form.get('param') ?? '';
  const sign = form.get('sign') ?? '';
  const expected = createHash('md5')
    .update(param + kuaidi100Config().salt)
    .digest('hex')
    .toUpperCase();
  if (sign.length !== expected.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) {
    throw new InvalidSignatureError('kuaidi100', 'push sign does not match MD5(param + salt)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(param);
  } catch {
    throw new ExternalServiceError('kuaidi100', 'BAD_PUSH', 'param is not JSON');
  }
  const parsed = PushParam.safeParse(raw);
  if (!parsed.success) throw new ExternalServiceError('kuaidi100', 'BAD_PUSH', parsed.error.message);
  const { lastResult, status } = parsed.data;
  const carrier = carrierByKuaidi100(lastResult.com)?.code as CarrierCode | undefined;
  return {
    ...(carrier ? { carrier } : {}),
    company: lastResult.com,
    trackingNo: lastResult.nu,
    state: stateOf(lastResult.state),
    signed: lastResult.ischeck === '1',
    subscription: (['polling', 'shutdown', 'abort', 'updateall'] as const).find((s) => s === status) ?? 'other',
    events: [...lastResult.data].reverse().map((e) => ({
      at: toIso(e.time),
      description: e.context,
      state: stateOf(e.statusCode ?? lastResult.state),
      ...(e.areaName ? { area: e.areaName } : {}),
    })),
  };
}
