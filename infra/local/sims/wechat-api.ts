/**
 * WeChat mini-program server API (api.weixin.qq.com): login, access tokens, wxacode, subscribe
 * messages, text security checks (msg_sec_check v1 and v2) and asynchronous media checks, whose verdict
 * is pushed later to the message push URL, signed with the push token as WeChat does.
 * Errors are HTTP 200 with `{errcode, errmsg}`, as the real API.
 */
import { createHash } from 'node:crypto';
import { wechatMessageToken } from '../keys';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { SimContext } from './context';
import type { MediaCheckRecord } from './state';
import { type Route, type SimReply, type SimRequest, json, parseBody } from './http';
import { randomChars, randomHex } from './util';

export const wxError = (errcode: number, errmsg: string): SimReply => json(200, { errcode, errmsg: `${errmsg} rid: ${randomHex(12)}` });

/** Words that make msg_sec_check answer "risky", with the label the real service would give. */
const BANNED_WORDS: Record<string, number> = {
  违禁词: 20006,
  forbiddenword: 20006,
  赌博: 20006,
  色情: 20002,
  诈骗: 20008,
  傻逼: 20003,
};

/** `wxacode.getUnlimited` scene: at most 32 visible chars from this set. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

const newOpenid = (): string => `o${randomChars(27)}`;
/** The same user has the same unionid in every app of the same developer account. */
const unionidOf = (openid: string): string => `o${createHash('sha256').update(`unionid:${openid}`).digest('base64url').slice(0, 27)}`;

/** Guards endpoints that take `?access_token=`; returns an error reply when it is not valid. */
export function checkAccessToken(ctx: SimContext, req: SimRequest): SimReply | undefined {
  const token = req.url.searchParams.get('access_token') ?? '';
  const expiresAt = ctx.state.wechat.tokens.get(token);
  if (expiresAt === undefined) return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  if (expiresAt <= Date.now()) return wxError(42001, 'access_token expired');
  return undefined;
}

export function wechatRoutes(ctx: SimContext): Route[] {
  const { state, keys, timings } = ctx;

  const checkAppCredentials = (appid: string | null, secret: string | null): SimReply | undefined => {
    if (appid !== keys.wechat.appid) return wxError(40013, 'invalid appid');
    if (secret !== keys.wechat.secret) return wxError(40125, 'invalid appsecret');
    return undefined;
  };

  const issueToken = (): { token: string; expiresAt: number } => {
    const token = `${randomChars(20)}_${randomChars(60)}`;
    const expiresAt = Date.now() + timings.tokenTtlMs;
    state.wechat.tokens.set(token, expiresAt);
    state.wechat.tokensIssued += 1;
    return { token, expiresAt };
  };

  const tokenReply = (issued: { token: string; expiresAt: number }): SimReply =>
    json(200, { access_token: issued.token, expires_in: Math.round((issued.expiresAt - Date.now()) / 1000) });

  const checkToken = (req: SimRequest): SimReply | undefined => checkAccessToken(ctx, req);

  const withToken =
    (handler: (req: SimRequest) => SimReply | Promise<SimReply>) =>
    (req: SimRequest): SimReply | Promise<SimReply> =>
      checkToken(req) ?? handler(req);

  const code2session = (req: SimRequest): SimReply => {
    const q = req.url.searchParams;
    const denied = checkAppCredentials(q.get('appid'), q.get('secret'));
    if (denied) return denied;
    if (q.get('grant_type') !== 'authorization_code') return wxError(40002, 'invalid grant_type');
    const code = q.get('js_code') ?? '';
    const entry = state.wechat.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= Date.now()) return wxError(40029, 'invalid code');
    entry.used = true;
    const body = { openid: entry.openid, session_key: randomHex(16), unionid: unionidOf(entry.openid) };
    // NOTE: the real endpoint answers with content-type text/plain; clients must parse the text.
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) };
  };

  const devLogin = (req: SimRequest): SimReply => {
    const body = parseBody(z.object({ openid: z.string().min(1).optional() }), req.text || '{}');
    if (!body) return json(400, { error: 'body must be {openid?: string}' });
    const code = randomChars(32);
    const openid = body.openid ?? newOpenid();
    state.wechat.codes.set(code, { openid, expiresAt: Date.now() + timings.codeTtlMs, used: false });
    return json(200, { code, openid });
  };

  const getToken = (req: SimRequest): SimReply => {
    const q = req.url.searchParams;
    if (q.get('grant_type') !== 'client_credential') return wxError(40002, 'invalid grant_type');
    return checkAppCredentials(q.get('appid'), q.get('secret')) ?? tokenReply(issueToken());
  };

  const StableTokenBody = z.object({
    grant_type: z.string(),
    appid: z.string(),
    secret: z.string(),
    force_refresh: z.boolean().optional(),
  });

  const getStableToken = (req: SimRequest): SimReply => {
    const body = parseBody(StableTokenBody, req.text);
    if (!body) return wxError(47001, 'data format error');
    if (body.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
    const denied = checkAppCredentials(body.appid, body.secret);
    if (denied) return denied;
    let current = state.wechat.stableToken;
    const stillValid = current && current.expiresAt > Date.now() && state.wechat.tokens.has(current.token);
    if (!current || !stillValid || body.force_refresh) {
      current = issueToken();
      state.wechat.stableToken = current;
    }
    return tokenReply(current);
  };

  const WxacodeBody = z.object({
    scene: z.string(),
    page: z.string().optional(),
    width: z.number().int().optional(),
    check_path: z.boolean().optional(),
    env_version: z.enum(['release', 'trial', 'develop']).optional(),
  });

  const getUnlimitedWxacode = async (req: SimRequest): Promise<SimReply> => {
    const body = parseBody(WxacodeBody, req.text);
    if (!body) return wxError(47001, 'data format error');
    if (!SCENE_PATTERN.test(body.scene)) return wxError(40169, 'invalid length for scene, or the data is not json string');
    if (body.page?.startsWith('/')) return wxError(41030, 'invalid page');
    const target = new URL('https://sim.local/wxacode');
    target.searchParams.set('page', body.page ?? '');
    target.searchParams.set('scene', body.scene);
    target.searchParams.set('env', body.env_version ?? 'release');
    const width = Math.min(1280, Math.max(280, body.width ?? 430));
    const png = await QRCode.toBuffer(target.toString(), { type: 'png', width, margin: 2 });
    state.wechat.wxacodes.push({ scene: body.scene, page: body.page ?? '' });
    return { status: 200, headers: { 'content-type': 'image/png' }, body: png };
  };

  const SubscribeBody = z.object({
    touser: z.string(),
    template_id: z.string(),
    page: z.string().optional(),
    data: z.record(z.string(), z.object({ value: z.string() })),
    miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
    lang: z.string().optional(),
  });

  const sendSubscribe = (req: SimRequest): SimReply => {
    const body = parseBody(SubscribeBody, req.text);
    if (!body) return wxError(47003, 'argument invalid! data.thing1.value invalid');
    if (!body.touser) return wxError(40003, 'invalid openid');
    if (!body.template_id) return wxError(40037, 'invalid template_id');
    state.wechat.messages.push({
      touser: body.touser,
      templateId: body.template_id,
      page: body.page,
      data: body.data,
      miniprogramState: body.miniprogram_state,
      sentAt: new Date().toISOString(),
    });
    return json(200, { errcode: 0, errmsg: 'ok', msgid: Number(randomChars(12, '123456789')) });
  };

  const listMessages = (req: SimRequest): SimReply => {
    const touser = req.url.searchParams.get('touser');
    const messages = state.wechat.messages.filter((m) => !touser || m.touser === touser).reverse();
    return json(200, { messages });
  };

  const SecCheckBody = z.union([
    z.object({
      content: z.string(),
      version: z.literal(2),
      scene: z.number().int().min(1).max(4),
      openid: z.string().min(1),
      title: z.string().optional(),
      nickname: z.string().optional(),
      signature: z.string().optional(),
    }),
    // v1: no openid; risky content is errcode 87014
    z.object({ content: z.string(), version: z.literal(1).optional() }).strict(),
  ]);

  const msgSecCheck = (req: SimRequest): SimReply => {
    const body = parseBody(SecCheckBody, req.text);
    if (!body) return wxError(47001, 'data format error');
    const v2 = 'openid' in body ? body : undefined;
    const text = [body.content, v2?.title, v2?.nickname, v2?.signature].join('\n').toLowerCase();
    const hit = Object.entries(BANNED_WORDS).find(([word]) => text.includes(word.toLowerCase()));
    if (!v2) return hit ? wxError(87014, 'risky content') : json(200, { errcode: 0, errmsg: 'ok' });
    const result = hit ? { suggest: 'risky', label: hit[1] } : { suggest: 'pass', label: 100 };
    const detail = [
      { strategy: 'content_model', errcode: 0, ...result, prob: hit ? 90 : 0 },
      ...(hit ? [{ strategy: 'keyword', errcode: 0, ...result, level: 90, keyword: hit[0] }] : []),
    ];
    return json(200, { errcode: 0, errmsg: 'ok', result, detail, trace_id: randomHex(16) });
  };

  const MediaCheckBody = z.union([
    z.object({
      media_url: z.url(),
      media_type: z.union([z.literal(1), z.literal(2)]),
      version: z.literal(2),
      scene: z.number().int().min(1).max(4),
      openid: z.string().min(1),
    }),
    z.object({ media_url: z.url(), media_type: z.union([z.literal(1), z.literal(2)]) }).strict(),
  ]);

  /**
   * The simulator's "model": it downloads the media like WeChat does and calls it risky (label 20002)
   * when the bytes contain the ASCII marker `RISKY`; a download that fails gets the "review" verdict.
   */
  const judge = async (mediaUrl: string): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }> => {
    try {
      const response = await fetch(mediaUrl, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) return { suggest: 'review', label: 0 };
      const bytes = Buffer.from(await response.arrayBuffer());
      return bytes.includes('RISKY') ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 };
    } catch {
      return { suggest: 'review', label: 0 };
    }
  };

  /** Pushes a verdict to the message push URL (JSON, plaintext mode), signed over the push token. */
  const pushVerdict = (record: MediaCheckRecord): void => {
    const target = state.wechat.messagePushUrl;
    const verdict = record.verdict;
    if (!target || !verdict) return;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomChars(10, '0123456789');
    const signature = createHash('sha1')
      .update([wechatMessageToken(keys), timestamp, nonce].sort().join(''))
      .digest('hex');
    const url = new URL(target);
    url.search = new URLSearchParams({ signature, timestamp, nonce }).toString();
    const common = {
      ToUserName: `gh_${keys.wechat.appid.slice(2, 14)}`,
      FromUserName: record.openid ?? '',
      CreateTime: Number(timestamp),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: keys.wechat.appid,
      trace_id: record.traceId,
    };
    const body =
      record.version === 2
        ? {
            ...common,
            version: 2,
            errcode: 0,
            errmsg: 'ok',
            result: verdict,
            detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.suggest === 'pass' ? 0 : 90 }],
          }
        : { ...common, isrisky: verdict.suggest === 'risky' ? 1 : 0, extra_info_json: '', status_code: verdict.suggest === 'review' ? 1 : 0 };
    const text = JSON.stringify(body);
    ctx.notifier.send({
      channel: 'wechat',
      notificationId: record.traceId,
      event: 'wxa_media_check',
      url: url.toString(),
      build: () => ({ headers: { 'content-type': 'application/json' }, body: text }),
      accepts: (status, reply) => status === 200 && (reply === 'success' || reply === ''),
    });
  };

  const mediaCheckAsync = (req: SimRequest): SimReply => {
    const body = parseBody(MediaCheckBody, req.text);
    if (!body) return wxError(47001, 'data format error');
    const v2 = 'openid' in body ? body : undefined;
    const record: MediaCheckRecord = {
      traceId: `${randomHex(12)}-${randomHex(4)}`,
      mediaUrl: body.media_url,
      mediaType: body.media_type,
      version: v2 ? 2 : 1,
      openid: v2?.openid,
      requestedAt: new Date().toISOString(),
    };
    state.wechat.mediaChecks.push(record);
    ctx.later(() => {
      void judge(record.mediaUrl).then((verdict) => {
        record.verdict = verdict;
        pushVerdict(record);
      });
    }, timings.mediaCheckDelayMs);
    return json(200, { errcode: 0, errmsg: 'ok', trace_id: record.traceId });
  };

  const setMessagePush = (req: SimRequest): SimReply => {
    const body = parseBody(z.object({ url: z.url().nullable() }), req.text);
    if (!body) return json(400, { error: 'body must be {url: string | null}' });
    state.wechat.messagePushUrl = body.url ?? undefined;
    return json(200, { url: state.wechat.messagePushUrl ?? null });
  };

  const listMediaChecks = (): SimReply => json(200, { mediaChecks: [...state.wechat.mediaChecks].reverse() });

  return [
    { method: 'GET', path: '/sns/jscode2session', handler: code2session },
    { method: 'POST', path: '/_sim/wechat/login', handler: devLogin },
    { method: 'GET', path: '/cgi-bin/token', handler: getToken },
    { method: 'POST', path: '/cgi-bin/stable_token', handler: getStableToken },
    { method: 'POST', path: '/wxa/getwxacodeunlimit', handler: withToken(getUnlimitedWxacode) },
    { method: 'POST', path: '/cgi-bin/message/subscribe/send', handler: withToken(sendSubscribe) },
    { method: 'GET', path: '/_sim/wechat/messages', handler: listMessages },
    { method: 'POST', path: '/wxa/msg_sec_check', handler: withToken(msgSecCheck) },
    { method: 'POST', path: '/wxa/media_check_async', handler: withToken(mediaCheckAsync) },
    { method: 'POST', path: '/_sim/wechat/message-push', handler: setMessagePush },
    { method: 'GET', path: '/_sim/wechat/media-checks', handler: listMediaChecks },
  ];
}
