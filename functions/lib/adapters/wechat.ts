/**
 * WeChat mini-program server API (https://api.weixin.qq.com): login, access token, unlimited
 * wxacode, subscribe messages, text security checks and asynchronous media checks.
 */
import { z } from 'zod';
import { ExternalServiceError, callUpstream, wechatConfig } from './config';

/** The API answered `{errcode != 0, errmsg}`. */
export class WechatApiError extends ExternalServiceError {
  override name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super('wechat', String(errcode), errmsg);
  }
}

/** errcodes that mean "fetch a new access_token and try again". */
const TOKEN_INVALID = new Set([40001, 40014, 42001]);
/** Refresh the cached token this long before WeChat says it expires. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

const ErrorBody = z.object({ errcode: z.number(), errmsg: z.string().default('') });

/** Throws WechatApiError when the body carries a non-zero errcode. */
function raiseOnError(body: unknown): void {
  const error = ErrorBody.safeParse(body);
  if (error.success && error.data.errcode !== 0) throw new WechatApiError(error.data.errcode, error.data.errmsg);
}

/** Parses a JSON answer (some endpoints send it as text/plain), raising on errcode, then on shape. */
async function readJson<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ExternalServiceError('wechat', `HTTP_${response.status}`, `not JSON: ${text.slice(0, 200)}`);
  }
  raiseOnError(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ExternalServiceError('wechat', 'BAD_RESPONSE', parsed.error.message);
  return parsed.data;
}

const endpoint = (path: string, query: Record<string, string> = {}): URL => {
  const url = new URL(`${wechatConfig().apiBase}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
};

const postJson = (url: URL, body: unknown): Promise<Response> =>
  callUpstream('wechat', url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const Session = z.object({ openid: z.string(), session_key: z.string(), unionid: z.string().optional() });

export interface WechatSession {
  openid: string;
  unionid?: string;
  /** NOTE: never send this to the client. */
  sessionKey: string;
}

/**
 * Exchanges a `wx.login` code for the user's identity. A code works once and lives 5 minutes.
 * @throws WechatApiError 40029 for an invalid or used code, 40125 for a wrong app secret
 */
export async function code2Session(code: string): Promise<WechatSession> {
  const { appid, secret } = wechatConfig();
  const url = endpoint('/sns/jscode2session', { appid, secret, js_code: code, grant_type: 'authorization_code' });
  const session = await readJson(await callUpstream('wechat', url, { method: 'GET' }), Session);
  return { openid: session.openid, unionid: session.unionid, sessionKey: session.session_key };
}

const Token = z.object({ access_token: z.string(), expires_in: z.number() });
let cachedToken: { token: string; refreshAt: number } | undefined;
let pendingToken: Promise<string> | undefined;

async function fetchStableToken(): Promise<string> {
  const { appid, secret } = wechatConfig();
  const response = await postJson(endpoint('/cgi-bin/stable_token'), { grant_type: 'client_credential', appid, secret, force_refresh: false });
  const token = await readJson(response, Token);
  cachedToken = { token: token.access_token, refreshAt: Date.now() + token.expires_in * 1000 - TOKEN_REFRESH_MARGIN_MS };
  return token.access_token;
}

/**
 * The app's access_token, cached in memory until shortly before it expires.
 * NOTE: uses `stable_token`, which returns the same token to every caller while it is valid, so
 * many Lambda instances each caching their own copy do not invalidate one another.
 */
export async function getAccessToken(): Promise<string> {
  if (cachedToken && cachedToken.refreshAt > Date.now()) return cachedToken.token;
  pendingToken ??= fetchStableToken().finally(() => {
    pendingToken = undefined;
  });
  return pendingToken;
}

/** Drops the cached access_token (after WeChat rejected it, or in tests). */
export function clearAccessTokenCache(): void {
  cachedToken = undefined;
}

/** Runs a call with the access_token, fetching a fresh token once if WeChat says it is stale. */
async function withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await call(await getAccessToken());
  } catch (error) {
    if (!(error instanceof WechatApiError) || !TOKEN_INVALID.has(error.errcode)) throw error;
    clearAccessTokenCache();
    return call(await getAccessToken());
  }
}

/**
 * POSTs JSON to a `?access_token=` endpoint (token fetched, cached and refreshed once when stale) and
 * parses the answer; a non-zero errcode throws WechatApiError. Shared with wechat-shipping.ts.
 */
export async function postWithAccessToken<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  return withAccessToken(async (token) => readJson(await postJson(endpoint(path, { access_token: token }), body), schema));
}

export interface UnlimitedQrCodeInput {
  /** At most 32 visible characters: letters, digits and `!#$&'()*+,/:;=?@-._~`. */
  scene: string;
  /** e.g. `pages/product/index` (no leading slash); default: the home page. */
  page?: string;
  width?: number;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

/**
 * A PNG mini-program code for `page?scene=...` (wxacode.getUnlimited).
 * NOTE: limited to 5,000 calls a minute: generate once and store the image.
 * @throws WechatApiError 40169 when the scene is too long or has invalid characters
 */
export async function getUnlimitedQrCode(input: UnlimitedQrCodeInput): Promise<Buffer> {
  const body = {
    scene: input.scene,
    ...(input.page !== undefined ? { page: input.page } : {}),
    ...(input.width !== undefined ? { width: input.width } : {}),
    check_path: input.checkPath ?? false,
    env_version: input.envVersion ?? 'release',
  };
  return withAccessToken(async (token) => {
    const response = await postJson(endpoint('/wxa/getwxacodeunlimit', { access_token: token }), body);
    // The endpoint answers an image on success and JSON on error, both with HTTP 200.
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('image/')) return Buffer.from(await response.arrayBuffer());
    await readJson(response, z.unknown());
    throw new ExternalServiceError('wechat', 'BAD_RESPONSE', `expected an image, got ${type || 'no content-type'}`);
  });
}

export interface SubscribeMessageInput {
  touser: string;
  templateId: string;
  page?: string;
  /** Template keyword -> value, e.g. `{ thing1: 'Order shipped', time2: '2024-05-20 10:00' }`. */
  data: Record<string, string>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

const Ok = z.object({ errcode: z.number().optional() });

/**
 * Sends a one-time subscribe message the user agreed to receive.
 * @throws WechatApiError e.g. 43101 when the user has not subscribed
 */
export async function sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
  const data = Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, { value }]));
  const body = {
    touser: input.touser,
    template_id: input.templateId,
    ...(input.page !== undefined ? { page: input.page } : {}),
    data,
    miniprogram_state: input.miniprogramState ?? 'formal',
    lang: 'zh_CN',
  };
  await withAccessToken(async (token) => readJson(await postJson(endpoint('/cgi-bin/message/subscribe/send', { access_token: token }), body), Ok));
}

/** 1 profile, 2 comment, 3 forum, 4 social log. */
export type TextCheckScene = 1 | 2 | 3 | 4;

export interface TextCheckResult {
  pass: boolean;
  suggest: 'pass' | 'review' | 'risky';
  /** 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, ... */
  label: number;
}

const SecCheck = z.object({
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number() }),
});

/**
 * Checks user text with msg_sec_check v2. Only "pass" passes; "review" needs a human.
 * NOTE: the openid must belong to a user who opened the mini-program within the last 2 hours.
 */
export async function checkText(input: { content: string; openid: string; scene: TextCheckScene }): Promise<TextCheckResult> {
  const body = { content: input.content, version: 2, scene: input.scene, openid: input.openid };
  const { result } = await withAccessToken(async (token) => readJson(await postJson(endpoint('/wxa/msg_sec_check', { access_token: token }), body), SecCheck));
  return { pass: result.suggest === 'pass', suggest: result.suggest, label: result.label };
}

/** errcode of msg_sec_check v1 (and media checks) for risky content. */
const RISKY_CONTENT = 87014;

/**
 * Checks text of an author without a mini-program openid (signed in by phone or email, merchant staff)
 * with msg_sec_check v1, which answers errcode 87014 for risky content and has no "review" verdict.
 */
export async function checkTextWithoutOpenid(content: string): Promise<TextCheckResult> {
  try {
    await postWithAccessToken('/wxa/msg_sec_check', { content }, Ok);
    return { pass: true, suggest: 'pass', label: 100 };
  } catch (err) {
    if (err instanceof WechatApiError && err.errcode === RISKY_CONTENT) return { pass: false, suggest: 'risky', label: 0 };
    throw err;
  }
}

const MediaCheckAccepted = z.object({ trace_id: z.string().min(1) });

/**
 * Starts an asynchronous check of one image (media_check_async; v2 with the author's openid, v1
 * without one). The verdict arrives later by the message push (`parseMediaCheckPush`), matched by
 * the returned trace_id. NOTE: WeChat fetches `mediaUrl` itself, so it must be reachable for a while.
 */
export async function checkMediaAsync(input: { mediaUrl: string; openid?: string; scene: TextCheckScene }): Promise<{ traceId: string }> {
  const body = input.openid
    ? { media_url: input.mediaUrl, media_type: 2, version: 2, scene: input.scene, openid: input.openid }
    : { media_url: input.mediaUrl, media_type: 2 };
  const out = await postWithAccessToken('/wxa/media_check_async', body, MediaCheckAccepted);
  return { traceId: out.trace_id };
}
