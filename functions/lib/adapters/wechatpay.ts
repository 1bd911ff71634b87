/**
 * WeChat Pay API v3, JSAPI (mini-program) payments (https://api.mch.weixin.qq.com).
 * Requests are signed with our merchant key; every answer and notification is verified with the
 * WeChat Pay public key ("public key" mode, `Wechatpay-Serial` = the public key id).
 */
import { createDecipheriv, randomBytes, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { ExternalServiceError, InvalidSignatureError, callUpstream, wechatPayConfig } from './config';

export { InvalidSignatureError } from './config';

/** WeChat Pay refused a request: HTTP status plus its `code` (PARAM_ERROR, ORDERPAID, SIGN_ERROR, ...). */
export class WechatPayApiError extends ExternalServiceError {
  override name = 'WechatPayApiError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super('wechatpay', code, message);
  }
}

const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const MAX_AGE_S = 5 * 60;
const GCM_TAG_BYTES = 16;

const nonce = (): string => randomBytes(16).toString('hex');
const unixSeconds = (): string => String(Math.floor(Date.now() / 1000));

/**
 * The `Authorization` header for one request: RSA-SHA256 with our merchant key over
 * `METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n`. Exported for diagnostics and tests.
 */
export function buildAuthorizationHeader(request: { method: string; pathWithQuery: string; body: string }): string {
  const { mchid, merchantSerial, privateKey } = wechatPayConfig();
  const timestamp = unixSeconds();
  const nonceStr = nonce();
  const message = `${request.method}\n${request.pathWithQuery}\n${timestamp}\n${nonceStr}\n${request.body}\n`;
  const signature = sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
  return `${AUTH_SCHEME} mchid="${mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchantSerial}"`;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** Case-insensitive header lookup (API Gateway may or may not lowercase names). */
function headerValue(headers: HeaderBag, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Verifies `Wechatpay-*` headers over `timestamp\nnonce\nbody\n`; throws InvalidSignatureError. */
export function verifyWechatpaySignature(headers: HeaderBag, body: string): void {
  const { publicKeyId, publicKey } = wechatPayConfig();
  const serial = headerValue(headers, 'wechatpay-serial');
  const timestamp = headerValue(headers, 'wechatpay-timestamp');
  const nonceStr = headerValue(headers, 'wechatpay-nonce');
  const signature = headerValue(headers, 'wechatpay-signature');
  if (!serial || !timestamp || !nonceStr || !signature) throw new InvalidSignatureError('wechatpay', 'Wechatpay-* signature headers missing');
  // NOTE: only "WeChat Pay public key" mode; platform certificates (serial = cert serial) are not supported.
  if (serial !== publicKeyId) throw new InvalidSignatureError('wechatpay', `unknown Wechatpay-Serial ${serial}`);
  if (!(Math.abs(Number(unixSeconds()) - Number(timestamp)) <= MAX_AGE_S)) {
    throw new InvalidSignatureError('wechatpay', `Wechatpay-Timestamp ${timestamp} is more than 5 minutes off`);
  }
  const message = Buffer.from(`${timestamp}\n${nonceStr}\n${body}\n`, 'utf8');
  if (!verify('sha256', message, publicKey, Buffer.from(signature, 'base64'))) {
    throw new InvalidSignatureError('wechatpay', 'Wechatpay-Signature does not match');
  }
}

const ApiError = z.object({ code: z.string(), message: z.string().default('') });

/**
 * Signs and sends one request, verifies the answer's signature, parses it with `schema`.
 * Shared with the e-commerce adapter (wechatpay-ecommerce.ts); not for domain code.
 */
export async function call<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  schema: S,
  extraHeaders: Record<string, string> = {},
): Promise<z.infer<S>> {
  const url = new URL(`${wechatPayConfig().apiBase}${path}`);
  const text = body === undefined ? '' : JSON.stringify(body);
  const authorization = buildAuthorizationHeader({ method, pathWithQuery: `${url.pathname}${url.search}`, body: text });
  const response = await callUpstream('wechatpay', url, {
    method,
    headers: {
      authorization,
      accept: 'application/json',
      'user-agent': 'wxshop-functions',
      ...extraHeaders,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: text }),
  });
  const answer = await response.text();
  if (!response.ok) {
    // NOTE: error answers are not verified (gateway errors may be unsigned); they are never trusted as data.
    const error = safeJson(ApiError, answer);
    throw new WechatPayApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? answer.slice(0, 200));
  }
  verifyWechatpaySignature(Object.fromEntries(response.headers), answer);
  let data: unknown;
  try {
    data = answer === '' ? undefined : JSON.parse(answer);
  } catch {
    throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', `not JSON: ${answer.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', parsed.error.message);
  return parsed.data;
}

export function safeJson<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type WechatPayTradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

const TransactionBody = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']),
  trade_state_desc: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z.object({ total: z.number().optional(), payer_total: z.number().optional(), currency: z.string().optional() }).optional(),
});

export interface WechatPayTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  transactionId?: string;
  tradeState: WechatPayTradeState;
  tradeStateDesc?: string;
  successTime?: string;
  payerOpenid?: string;
  /** Order total in fen. NOTE: compare it with our order before marking the order paid. */
  totalFen?: number;
  payerTotalFen?: number;
  currency?: string;
}

const toTransaction = (t: z.infer<typeof TransactionBody>): WechatPayTransaction => ({
  appid: t.appid,
  mchid: t.mchid,
  outTradeNo: t.out_trade_no,
  transactionId: t.transaction_id,
  tradeState: t.trade_state,
  tradeStateDesc: t.trade_state_desc,
  successTime: t.success_time,
  payerOpenid: t.payer?.openid,
  totalFen: t.amount?.total,
  payerTotalFen: t.amount?.payer_total,
  currency: t.amount?.currency,
});

export type WechatPayRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

const RefundAmount = z.object({ total: z.number(), refund: z.number() });
const RefundBody = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  status: z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']),
  create_time: z.string().optional(),
  success_time: z.string().optional(),
  amount: RefundAmount,
});
/** The refund resource of a REFUND.* notification (`refund_status`, not `status`). */
const RefundNoticeBody = RefundBody.omit({ status: true, create_time: true }).extend({
  refund_status: z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']),
});

export interface WechatPayRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  status: WechatPayRefundStatus;
  refundFen: number;
  totalFen: number;
  createTime?: string;
  successTime?: string;
}

const toRefund = (r: z.infer<typeof RefundBody>): WechatPayRefund => ({
  refundId: r.refund_id,
  outRefundNo: r.out_refund_no,
  outTradeNo: r.out_trade_no,
  transactionId: r.transaction_id,
  status: r.status,
  refundFen: r.amount.refund,
  totalFen: r.amount.total,
  createTime: r.create_time,
  successTime: r.success_time,
});

export interface JsapiPrepayInput {
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
}

/**
 * Places a JSAPI order and returns its prepay_id (valid 2 hours). Repeating the same
 * out_trade_no with the same parameters returns the same prepay_id.
 * @throws WechatPayApiError e.g. 400 INVALID_REQUEST when the out_trade_no was used with other parameters
 */
export async function createJsapiPrepay(input: JsapiPrepayInput): Promise<{ prepayId: string }> {
  const { appid, mchid, notifyUrl } = wechatPayConfig();
  const body = {
    appid,
    mchid,
    description: input.description,
    out_trade_no: input.outTradeNo,
    notify_url: notifyUrl,
    amount: { total: input.amountFen, currency: 'CNY' },
    payer: { openid: input.openid },
  };
  const answer = await call('POST', '/v3/pay/transactions/jsapi', body, z.object({ prepay_id: z.string() }));
  return { prepayId: answer.prepay_id };
}

/** The arguments of `wx.requestPayment` (JSAPI and combine JSAPI alike). */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** The arguments of `wx.requestPayment`, signed with our merchant key over `appId\ntimeStamp\nnonceStr\npackage\n`. */
export function buildRequestPaymentParams(prepayId: string): RequestPaymentParams {
  const { appid, privateKey } = wechatPayConfig();
  const timeStamp = unixSeconds();
  const nonceStr = nonce();
  const pkg = `prepay_id=${prepayId}`;
  const paySign = sign('sha256', Buffer.from(`${appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, 'utf8'), privateKey).toString('base64');
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
}

/**
 * The current state of an order, straight from WeChat Pay (use it when a notification is late).
 * @throws WechatPayApiError 404 ORDER_NOT_EXIST
 */
export async function queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction> {
  const { mchid } = wechatPayConfig();
  const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(mchid)}`;
  return toTransaction(await call('GET', path, undefined, TransactionBody));
}

/**
 * Closes an unpaid order so it can no longer be paid.
 * @throws WechatPayApiError 400 ORDERPAID when it was paid meanwhile
 */
export async function closeOrder(outTradeNo: string): Promise<void> {
  const { mchid } = wechatPayConfig();
  await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid }, z.undefined());
}

export interface RefundInput {
  outTradeNo: string;
  /** Our idempotency key: repeating it returns the same refund. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
}

/**
 * Requests a refund (usually PROCESSING; REFUND.SUCCESS is notified later to WECHATPAY_NOTIFY_URL).
 * @throws WechatPayApiError 400 when the amount exceeds what is left to refund
 */
export async function refund(input: RefundInput): Promise<WechatPayRefund> {
  const { notifyUrl } = wechatPayConfig();
  const body = {
    out_trade_no: input.outTradeNo,
    out_refund_no: input.outRefundNo,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    notify_url: notifyUrl,
    amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
  };
  return toRefund(await call('POST', '/v3/refund/domestic/refunds', body, RefundBody));
}

/** A refund's current state by our out_refund_no. */
export async function queryRefund(outRefundNo: string): Promise<WechatPayRefund> {
  return toRefund(await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, undefined, RefundBody));
}

export const NotificationBody = z.object({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().default(''),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().default(''),
    original_type: z.string(),
  }),
});

interface NotificationMeta {
  id: string;
  /** e.g. TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED */
  eventType: string;
  createTime: string;
  summary: string;
}

export type WechatPayNotification =
  | (NotificationMeta & { originalType: 'transaction'; resource: WechatPayTransaction })
  | (NotificationMeta & { originalType: 'refund'; resource: WechatPayRefund });

/** AEAD_AES_256_GCM with the APIv3 key; the last 16 bytes of the ciphertext are the tag. */
export function decryptResource(resource: z.infer<typeof NotificationBody>['resource']): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= GCM_TAG_BYTES) throw new InvalidSignatureError('wechatpay', 'resource ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(wechatPayConfig().apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new InvalidSignatureError('wechatpay', 'resource does not decrypt with the APIv3 key');
  }
}

/**
 * Verifies a payment/refund notification (serial, timestamp within 5 minutes, signature over the
 * exact raw body) and returns its decrypted resource.
 * NOTE: notifications are retried for ~24 h, so duplicates are normal: lock the order, check its
 * state and amount, and answer 2xx (204) within 5 seconds.
 * @throws InvalidSignatureError when anything does not check out
 */
export function parseNotification(input: { headers: HeaderBag; body: string }): WechatPayNotification {
  verifyWechatpaySignature(input.headers, input.body);
  const envelope = safeJson(NotificationBody, input.body);
  if (!envelope) throw new InvalidSignatureError('wechatpay', 'notification body is not a WeChat Pay notification');
  const meta: NotificationMeta = {
    id: envelope.id,
    eventType: envelope.event_type,
    createTime: envelope.create_time,
    summary: envelope.summary,
  };
  const plaintext = decryptResource(envelope.resource);
  if (envelope.resource.original_type === 'transaction') {
    const transaction = safeJson(TransactionBody, plaintext);
    if (transaction) return { ...meta, originalType: 'transaction', resource: toTransaction(transaction) };
  } else if (envelope.resource.original_type === 'refund') {
    const notice = safeJson(RefundNoticeBody, plaintext);
    if (notice) return { ...meta, originalType: 'refund', resource: toRefund({ ...notice, status: notice.refund_status }) };
  }
  throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', `unexpected ${envelope.resource.original_type} resource`);
}
