/**
 * Alipay open platform (https://openapi.alipay.com/gateway.do), RSA2 ("public key" mode): user
 * authorisation, mini-program trades, refunds and async notifications.
 */
import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { ExternalServiceError, InvalidSignatureError, alipayConfig, callUpstream } from './config';

export { InvalidSignatureError } from './config';

/** The gateway answered a non-10000 code; `subCode` (ACQ.TRADE_NOT_EXIST, isv.code-invalid, ...) says why. */
export class AlipayApiError extends ExternalServiceError {
  override name = 'AlipayApiError';
  constructor(
    readonly alipayCode: string,
    readonly subCode: string,
    message: string,
  ) {
    super('alipay', subCode || alipayCode, message);
  }
}

/** Sorted `k=v&...` of the non-empty params, minus the excluded keys (values not URL-encoded). */
function signingString(params: Record<string, string>, exclude: readonly string[]): string {
  return Object.entries(params)
    .filter(([key, value]) => !exclude.includes(key) && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, as the gateway expects. */
function beijingTimestamp(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function fenToYuan(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`amount must be a non-negative integer of fen, got ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** `12.30` -> 1230, exactly (no floats); anything else is a BAD_RESPONSE. */
export function yuanToFen(yuan: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!match) throw new ExternalServiceError('alipay', 'BAD_RESPONSE', `not an amount: ${yuan}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * The exact text of the JSON object under `key`: Alipay signs the bytes it sent, so the object
 * must not be re-serialised before verification.
 */
function rawObjectText(text: string, key: string): string | undefined {
  const keyAt = text.indexOf(`"${key}"`);
  if (keyAt < 0) return undefined;
  const start = text.indexOf('{', keyAt);
  if (start < 0 || !/^\s*:\s*$/.test(text.slice(keyAt + key.length + 2, start))) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

const Envelope = z.object({ sign: z.string().optional() });
const Payload = z.record(z.string(), z.unknown());
const Status = z.object({ code: z.string().optional(), msg: z.string().optional(), sub_code: z.string().optional(), sub_msg: z.string().optional() });

/** Unwraps `{"<method>_response": {...}, "sign": "..."}` (or `error_response`), verifying the sign. */
function unwrap(method: string, text: string): Record<string, unknown> {
  const key = [`${method.replace(/\./g, '_')}_response`, 'error_response'].find((k) => rawObjectText(text, k) !== undefined);
  const raw = key && rawObjectText(text, key);
  if (!key || !raw) throw new ExternalServiceError('alipay', 'BAD_RESPONSE', `unexpected answer: ${text.slice(0, 200)}`);
  const envelope = Envelope.safeParse(parseJson(text));
  const payload = Payload.safeParse(parseJson(raw));
  const status = Status.safeParse(payload.data);
  if (!envelope.success || !payload.success || !status.success) {
    throw new ExternalServiceError('alipay', 'BAD_RESPONSE', `malformed answer: ${text.slice(0, 200)}`);
  }
  return checkAnswer(method, { key, raw, signature: envelope.data.sign, payload: payload.data, status: status.data });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Answer {
  key: string;
  /** The payload exactly as received (what the sign covers). */
  raw: string;
  signature: string | undefined;
  payload: Record<string, unknown>;
  status: z.infer<typeof Status>;
}

/** Verifies the answer's sign and turns a failure code into AlipayApiError. */
function checkAnswer(method: string, { key, raw, signature, payload, status }: Answer): Record<string, unknown> {
  const { publicKey } = alipayConfig();
  const failed = key === 'error_response' || (status.code !== undefined && status.code !== '10000');
  // NOTE: some gateway-level errors (bad signature, bad app_id) come back unsigned; success never does.
  if (signature !== undefined || !failed) {
    const valid = signature !== undefined && verify('sha256', Buffer.from(raw, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
    if (!valid) throw new InvalidSignatureError('alipay', `response sign of ${method} does not verify`);
  }
  if (failed) throw new AlipayApiError(status.code ?? '', status.sub_code ?? '', status.sub_msg ?? status.msg ?? 'failed');
  return payload;
}

/** Calls one gateway method with RSA2-signed common parameters and returns its verified payload. */
export async function execute<S extends z.ZodType>(
  method: string,
  schema: S,
  options: { biz?: Record<string, unknown>; params?: Record<string, string> },
): Promise<z.infer<S>> {
  const { gateway, appid, privateKey } = alipayConfig();
  const params: Record<string, string> = {
    app_id: appid,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: beijingTimestamp(),
    version: '1.0',
    ...options.params,
    ...(options.biz ? { biz_content: JSON.stringify(options.biz) } : {}),
  };
  const signature = sign('sha256', Buffer.from(signingString(params, ['sign']), 'utf8'), privateKey).toString('base64');
  const response = await callUpstream('alipay', new URL(gateway), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams({ ...params, sign: signature }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new ExternalServiceError('alipay', `HTTP_${response.status}`, text.slice(0, 200));
  const parsed = schema.safeParse(unwrap(method, text));
  if (!parsed.success) throw new ExternalServiceError('alipay', 'BAD_RESPONSE', parsed.error.message);
  return parsed.data;
}

const OauthToken = z.object({ user_id: z.string().optional(), open_id: z.string().optional(), access_token: z.string() });

/**
 * Exchanges a `my.getAuthCode` code for the user's id. A code works once.
 * @throws AlipayApiError isv.code-invalid
 */
export async function exchangeAuthCode(code: string): Promise<{ userId: string; openId?: string }> {
  const token = await execute('alipay.system.oauth.token', OauthToken, { params: { grant_type: 'authorization_code', code } });
  const userId = token.user_id ?? token.open_id;
  if (!userId) throw new ExternalServiceError('alipay', 'BAD_RESPONSE', 'oauth token without user_id or open_id');
  return { userId, openId: token.open_id };
}

export interface CreateTradeInput {
  outTradeNo: string;
  amountFen: number;
  subject: string;
  /** `2088...` user_id, or an open_id for apps in open_id mode. */
  buyerId: string;
  /** 直付通: the store's Alipay sub-merchant id (smid); the whole amount settles to it (docs/adr/0032). */
  subMerchantId?: string;
}

/** The 直付通 parts of a trade: money goes to the sub-merchant, settled in full to its default account. */
const directPay = (subMerchantId: string | undefined, amountFen: number): Record<string, unknown> =>
  subMerchantId === undefined
    ? {}
    : {
        sub_merchant: { merchant_id: subMerchantId },
        settle_info: { settle_detail_infos: [{ trans_in_type: 'defaultSettle', amount: fenToYuan(amountFen) }] },
      };

/**
 * Creates a mini-program trade; the client pays it with `my.tradePay({ tradeNO })`.
 * Repeating the same out_trade_no with the same parameters returns the same trade_no.
 */
export async function createTrade(input: CreateTradeInput): Promise<{ tradeNo: string; outTradeNo: string }> {
  const { notifyUrl } = alipayConfig();
  const buyer = /^2088\d{12}$/.test(input.buyerId) ? { buyer_id: input.buyerId } : { buyer_open_id: input.buyerId };
  const biz = {
    out_trade_no: input.outTradeNo,
    total_amount: fenToYuan(input.amountFen),
    subject: input.subject,
    product_code: 'JSAPI_PAY',
    ...buyer,
    ...directPay(input.subMerchantId, input.amountFen),
  };
  const answer = await execute('alipay.trade.create', z.object({ trade_no: z.string(), out_trade_no: z.string() }), {
    biz,
    params: { notify_url: notifyUrl },
  });
  return { tradeNo: answer.trade_no, outTradeNo: answer.out_trade_no };
}

export interface MergedTradeInput {
  /** Our checkout number: repeating it returns the same pre_order_no. */
  outMergeNo: string;
  buyerId: string;
  /** One trade per store (at most 10), each settled to the store's smid. */
  orders: { outTradeNo: string; amountFen: number; subject: string; subMerchantId: string }[];
}

/**
 * 直付通 合并支付: one payment for a checkout across stores (alipay.trade.merge.precreate). The shopper
 * pays the returned pre_order_no once; each store's trade is notified on its own.
 * @throws AlipayApiError e.g. ACQ.SUB_MERCHANT_NOT_EXIST
 */
export async function createMergedTrade(input: MergedTradeInput): Promise<{ preOrderNo: string; trades: { outTradeNo: string; tradeNo: string }[] }> {
  const { appid, notifyUrl } = alipayConfig();
  if (input.orders.length === 0 || input.orders.length > 10) throw new RangeError('a merged Alipay payment takes 1-10 trades');
  const buyer = /^2088\d{12}$/.test(input.buyerId) ? { buyer_id: input.buyerId } : { buyer_open_id: input.buyerId };
  const biz = {
    out_merge_no: input.outMergeNo,
    order_details: input.orders.map((o) => ({
      app_id: appid,
      out_trade_no: o.outTradeNo,
      total_amount: fenToYuan(o.amountFen),
      subject: o.subject,
      product_code: 'JSAPI_PAY',
      ...buyer,
      ...directPay(o.subMerchantId, o.amountFen),
    })),
  };
  const answer = await execute(
    'alipay.trade.merge.precreate',
    z.object({
      pre_order_no: z.string(),
      order_detail_results: z.array(z.object({ out_trade_no: z.string(), trade_no: z.string() }).loose()).default([]),
    }),
    { biz, params: { notify_url: notifyUrl } },
  );
  return { preOrderNo: answer.pre_order_no, trades: answer.order_detail_results.map((r) => ({ outTradeNo: r.out_trade_no, tradeNo: r.trade_no })) };
}

/**
 * 直付通: settles a paid trade's money to its sub-merchant (after delivery). `outRequestNo` is the
 * idempotency key: repeating it settles nothing more.
 * @throws AlipayApiError ACQ.SETTLE_AMOUNT_ERROR when more than what is left is asked for
 */
export async function confirmSettlement(input: { tradeNo: string; outRequestNo: string; amountFen: number }): Promise<{ settledFen: number }> {
  const answer = await execute('alipay.trade.settle.confirm', z.object({ settle_amount: z.string() }), {
    biz: {
      out_request_no: input.outRequestNo,
      trade_no: input.tradeNo,
      settle_info: { settle_detail_infos: [{ trans_in_type: 'defaultSettle', amount: fenToYuan(input.amountFen) }] },
    },
  });
  return { settledFen: yuanToFen(answer.settle_amount) };
}

export type AlipayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

export interface AlipayTrade {
  tradeNo: string;
  outTradeNo: string;
  tradeStatus: AlipayTradeStatus;
  totalFen: number;
  buyerId?: string;
  paidAt?: string;
}

const TradeQuery = z.object({
  trade_no: z.string(),
  out_trade_no: z.string(),
  trade_status: z.enum(['WAIT_BUYER_PAY', 'TRADE_CLOSED', 'TRADE_SUCCESS', 'TRADE_FINISHED']),
  total_amount: z.string(),
  buyer_user_id: z.string().optional(),
  send_pay_date: z.string().optional(),
});

/**
 * A trade's current state by our out_trade_no.
 * @throws AlipayApiError ACQ.TRADE_NOT_EXIST
 */
export async function queryTrade(input: { outTradeNo: string }): Promise<AlipayTrade> {
  const t = await execute('alipay.trade.query', TradeQuery, { biz: { out_trade_no: input.outTradeNo } });
  return {
    tradeNo: t.trade_no,
    outTradeNo: t.out_trade_no,
    tradeStatus: t.trade_status,
    totalFen: yuanToFen(t.total_amount),
    buyerId: t.buyer_user_id,
    paidAt: t.send_pay_date,
  };
}

export interface AlipayRefundInput {
  outTradeNo: string;
  /** Our idempotency key: repeating it does not refund twice (fundChange false). */
  outRequestNo: string;
  refundFen: number;
  reason?: string;
}

/**
 * Refunds part or all of a paid trade.
 * @returns whether money moved this time, and the total refunded so far
 * @throws AlipayApiError ACQ.REFUND_AMT_NOT_EQUAL_TOTAL when it exceeds what is left
 */
export async function refund(input: AlipayRefundInput): Promise<{ fundChange: boolean; refundedTotalFen: number }> {
  const biz = {
    out_trade_no: input.outTradeNo,
    out_request_no: input.outRequestNo,
    refund_amount: fenToYuan(input.refundFen),
    ...(input.reason !== undefined ? { refund_reason: input.reason } : {}),
  };
  const answer = await execute('alipay.trade.refund', z.object({ fund_change: z.enum(['Y', 'N']), refund_fee: z.string() }), { biz });
  return { fundChange: answer.fund_change === 'Y', refundedTotalFen: yuanToFen(answer.refund_fee) };
}

/** Closes an unpaid trade. */
export async function closeTrade(input: { outTradeNo: string }): Promise<void> {
  await execute('alipay.trade.close', z.object({ out_trade_no: z.string().optional() }), { biz: { out_trade_no: input.outTradeNo } });
}

/**
 * Checks an async notification (the form fields, already URL-decoded): RSA2 over every field but
 * `sign` and `sign_type`, and that it is addressed to our app.
 * NOTE: still check out_trade_no, total_amount and trade_status against our order, then answer
 * the literal body `success` (anything else makes Alipay retry).
 */
export function verifyNotify(params: Record<string, string>): boolean {
  const { appid, publicKey } = alipayConfig();
  const { sign: signature, sign_type: signType } = params;
  if (!signature || (signType !== undefined && signType !== 'RSA2') || params.app_id !== appid) return false;
  const content = Buffer.from(signingString(params, ['sign', 'sign_type']), 'utf8');
  try {
    return verify('sha256', content, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
