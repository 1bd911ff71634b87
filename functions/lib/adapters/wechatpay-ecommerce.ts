/**
 * WeChat Pay e-commerce platform (电商收付通), API v3: combine payments with one sub-order per store's
 * sub-merchant, sub-merchant balances and onboarding (applyments). See docs/adr/0031.
 *
 * The platform never holds shoppers' money: each sub-order's money lands frozen in that store's own
 * WeChat Pay account (`sub_mchid`); the platform's fee is later taken by profit sharing, which is why
 * every sub-order is placed with `settle_info.profit_sharing = true`.
 *
 * Money in and out is `{ amount, currency }` in minor units (fen). No domain code lives here: the
 * caller owns the order, and must compare every notified sub-order with it before marking it paid.
 */
import { constants, publicEncrypt } from 'node:crypto';
import { z } from 'zod';
import { ExternalServiceError, InvalidSignatureError, wechatPayConfig } from './config';
import {
  type HeaderBag,
  type RequestPaymentParams,
  NotificationBody,
  buildRequestPaymentParams,
  call,
  decryptResource,
  safeJson,
  verifyWechatpaySignature,
} from './wechatpay';

export { InvalidSignatureError } from './config';
export { WechatPayApiError, type RequestPaymentParams } from './wechatpay';

/** WeChat Pay accepts at most this many sub-orders (stores) in one combine order. */
export const MAX_COMBINE_SUB_ORDERS = 50;

/** Amounts WeChat Pay handles for combine orders. */
export interface CnyAmount {
  /** Minor units (fen). */
  amount: number;
  currency: 'CNY';
}

export interface CombineSubOrderInput {
  /** The store's WeChat Pay sub-merchant id (二级商户号). */
  subMchid: string;
  /** Our order number for this store's part (6-32 of `[A-Za-z0-9_-|*@]`, unique forever). */
  outTradeNo: string;
  amount: CnyAmount;
  /** What the shopper sees on the bill (1-127 chars). */
  description: string;
  /** Echoed back in queries and notifications (1-128 chars); defaults to outTradeNo. */
  attach?: string;
}

export interface CombineOrderInput {
  /** Our checkout number (6-32 chars); repeating it with the same sub-orders returns the same prepay. */
  combineOutTradeNo: string;
  subOrders: CombineSubOrderInput[];
  /** After this the order can no longer be paid (set it to the checkout's cancel time). */
  expiresAt?: Date;
}

/** Raised before any call when the input cannot be a valid combine order (e.g. more than 50 stores). */
export class CombineOrderInputError extends ExternalServiceError {
  override name = 'CombineOrderInputError';
  constructor(message: string) {
    super('wechatpay', 'INVALID_COMBINE_ORDER', message);
  }
}

const OUT_NO = /^[A-Za-z0-9_\-|*@]{6,32}$/;

/** `2026-12-03T15:30:00+08:00`: WeChat Pay's RFC 3339 in Beijing time. */
export function rfc3339Beijing(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function combineBody(input: CombineOrderInput): Record<string, unknown> {
  const { appid, mchid, notifyUrl } = wechatPayConfig();
  if (input.subOrders.length === 0) throw new CombineOrderInputError('a combine order needs at least one sub-order');
  if (input.subOrders.length > MAX_COMBINE_SUB_ORDERS) {
    throw new CombineOrderInputError(`${input.subOrders.length} sub-orders; WeChat Pay accepts at most ${MAX_COMBINE_SUB_ORDERS}`);
  }
  if (!OUT_NO.test(input.combineOutTradeNo)) throw new CombineOrderInputError('combineOutTradeNo must be 6-32 of [A-Za-z0-9_-|*@]');
  for (const sub of input.subOrders) {
    if (!OUT_NO.test(sub.outTradeNo)) throw new CombineOrderInputError(`outTradeNo ${sub.outTradeNo} must be 6-32 of [A-Za-z0-9_-|*@]`);
    if (sub.amount.currency !== 'CNY' || !Number.isSafeInteger(sub.amount.amount) || sub.amount.amount <= 0) {
      throw new CombineOrderInputError(`sub-order ${sub.outTradeNo}: amount must be a positive integer of CNY fen`);
    }
  }
  return {
    combine_appid: appid,
    combine_mchid: mchid,
    combine_out_trade_no: input.combineOutTradeNo,
    ...(input.expiresAt ? { time_expire: rfc3339Beijing(input.expiresAt) } : {}),
    notify_url: notifyUrl,
    sub_orders: input.subOrders.map((sub) => ({
      mchid,
      sub_mchid: sub.subMchid,
      attach: sub.attach ?? sub.outTradeNo,
      amount: { total_amount: sub.amount.amount, currency: sub.amount.currency },
      out_trade_no: sub.outTradeNo,
      description: sub.description,
      settle_info: { profit_sharing: true },
    })),
  };
}

/**
 * Places a combine JSAPI order (mini-program) and returns the signed `wx.requestPayment` arguments.
 * @throws CombineOrderInputError before calling when the input is invalid (e.g. > 50 sub-orders)
 * @throws WechatPayApiError e.g. 400 INVALID_REQUEST when the number was used with other sub-orders, ORDERPAID
 */
export async function createCombineJsapi(
  input: CombineOrderInput & { openid: string },
): Promise<{ prepayId: string; payParams: RequestPaymentParams & { appId: string } }> {
  const body = { ...combineBody(input), combine_payer_info: { openid: input.openid } };
  const answer = await call('POST', '/v3/combine-transactions/jsapi', body, z.object({ prepay_id: z.string().min(1) }));
  return { prepayId: answer.prepay_id, payParams: { appId: wechatPayConfig().appid, ...buildRequestPaymentParams(answer.prepay_id) } };
}

/**
 * Places a combine H5 order (a browser outside WeChat); send the shopper to `h5Url`.
 * @param input.payerClientIp the shopper's IP as the API saw it (required by WeChat Pay)
 * @param input.redirectUrl where the cashier sends the shopper afterwards (appended as `redirect_url`)
 */
export async function createCombineH5(input: CombineOrderInput & { payerClientIp: string; redirectUrl?: string }): Promise<{ h5Url: string }> {
  const body = { ...combineBody(input), scene_info: { payer_client_ip: input.payerClientIp, h5_info: { type: 'Wap' } } };
  const answer = await call('POST', '/v3/combine-transactions/h5', body, z.object({ h5_url: z.url() }));
  const h5Url = input.redirectUrl ? `${answer.h5_url}&redirect_url=${encodeURIComponent(input.redirectUrl)}` : answer.h5_url;
  return { h5Url };
}

export type CombineTradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'PAYERROR' | 'USERPAYING' | 'REVOKED';

const SubOrderJson = z.object({
  mchid: z.string(),
  sub_mchid: z.string(),
  out_trade_no: z.string(),
  trade_state: z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'PAYERROR', 'USERPAYING', 'REVOKED']),
  trade_type: z.string().optional(),
  transaction_id: z.string().optional(),
  success_time: z.string().optional(),
  attach: z.string().optional(),
  amount: z.object({
    total_amount: z.number().int(),
    currency: z.string(),
    payer_amount: z.number().int().optional(),
    payer_currency: z.string().optional(),
  }),
});

const CombineJson = z.object({
  combine_appid: z.string(),
  combine_mchid: z.string(),
  combine_out_trade_no: z.string(),
  sub_orders: z.array(SubOrderJson),
  combine_payer_info: z.object({ openid: z.string() }).optional(),
});

export interface CombineSubOrder {
  /** The platform's mchid (must be ours). */
  mchid: string;
  subMchid: string;
  outTradeNo: string;
  tradeState: CombineTradeState;
  transactionId?: string;
  successTime?: string;
  attach?: string;
  /** The order amount as WeChat Pay has it: compare with our order. */
  amount: { amount: number; currency: string };
  /** What the shopper paid (present once paid). */
  payerAmount?: { amount: number; currency: string };
}

export interface CombineTransaction {
  combineAppid: string;
  combineMchid: string;
  combineOutTradeNo: string;
  payerOpenid?: string;
  subOrders: CombineSubOrder[];
}

const toCombine = (c: z.infer<typeof CombineJson>): CombineTransaction => ({
  combineAppid: c.combine_appid,
  combineMchid: c.combine_mchid,
  combineOutTradeNo: c.combine_out_trade_no,
  payerOpenid: c.combine_payer_info?.openid,
  subOrders: c.sub_orders.map((s) => ({
    mchid: s.mchid,
    subMchid: s.sub_mchid,
    outTradeNo: s.out_trade_no,
    tradeState: s.trade_state,
    transactionId: s.transaction_id,
    successTime: s.success_time,
    attach: s.attach,
    amount: { amount: s.amount.total_amount, currency: s.amount.currency },
    ...(s.amount.payer_amount !== undefined ? { payerAmount: { amount: s.amount.payer_amount, currency: s.amount.payer_currency ?? s.amount.currency } } : {}),
  })),
});

/**
 * The combine order straight from WeChat Pay: the fallback when a notification is late.
 * @throws WechatPayApiError 404 ORDER_NOT_EXIST
 */
export async function queryCombine(combineOutTradeNo: string): Promise<CombineTransaction> {
  const path = `/v3/combine-transactions/out-trade-no/${encodeURIComponent(combineOutTradeNo)}`;
  return toCombine(await call('GET', path, undefined, CombineJson));
}

/**
 * Closes the listed sub-orders of an unpaid combine order (cancelling a checkout closes all of them).
 * @throws WechatPayApiError 400 ORDERPAID when it was paid meanwhile (then refund instead)
 */
export async function closeCombine(combineOutTradeNo: string, subOrders: { subMchid: string; outTradeNo: string }[]): Promise<void> {
  const { appid, mchid } = wechatPayConfig();
  const body = { combine_appid: appid, sub_orders: subOrders.map((s) => ({ mchid, out_trade_no: s.outTradeNo, sub_mchid: s.subMchid })) };
  await call('POST', `/v3/combine-transactions/out-trade-no/${encodeURIComponent(combineOutTradeNo)}/close`, body, z.undefined());
}

export interface CombineNotification {
  id: string;
  eventType: string;
  createTime: string;
  resource: CombineTransaction;
}

/**
 * Verifies a combine payment notification (Wechatpay-Serial must be our WeChat Pay public key id,
 * Wechatpay-Timestamp within 5 minutes, RSA-SHA256 over the exact raw body) and decrypts its
 * AEAD_AES_256_GCM resource.
 * NOTE: the caller checks every sub-order's mchid, sub_mchid, amount, currency and state against its
 * own orders and applies the payment once (retries run ~24 h); answer 204 within 5 seconds.
 * @throws InvalidSignatureError for anything forged, altered, unknown-serial or stale
 */
export function parseCombineNotification(input: { headers: HeaderBag; body: string }): CombineNotification {
  verifyWechatpaySignature(input.headers, input.body);
  const envelope = safeJson(NotificationBody, input.body);
  if (!envelope) throw new InvalidSignatureError('wechatpay', 'notification body is not a WeChat Pay notification');
  const resource = safeJson(CombineJson, decryptResource(envelope.resource));
  if (!resource) throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', 'notification resource is not a combine transaction');
  return { id: envelope.id, eventType: envelope.event_type, createTime: envelope.create_time, resource: toCombine(resource) };
}

export type EcommerceRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface EcommerceRefundInput {
  subMchid: string;
  /** The paid sub-order's transaction_id. */
  transactionId: string;
  /** Our refund number (1-64 of `[A-Za-z0-9_-|*@]`): repeating it with the same amount returns the same refund. */
  outRefundNo: string;
  refund: CnyAmount;
  /** The sub-order's paid total. */
  total: CnyAmount;
  reason?: string;
  /** Where the REFUND.* notification goes (optional: the refund can be queried). */
  notifyUrl?: string;
}

export interface EcommerceRefund {
  refundId: string;
  outRefundNo: string;
  status?: EcommerceRefundStatus;
  refund: CnyAmount;
  createTime?: string;
}

const REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const EcommerceRefundJson = z.object({
  refund_id: z.string().min(1),
  out_refund_no: z.string(),
  create_time: z.string().optional(),
  status: z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']).optional(),
  amount: z.object({ refund: z.number().int(), currency: z.string().default('CNY') }).loose(),
});
const toEcommerceRefund = (r: z.infer<typeof EcommerceRefundJson>): EcommerceRefund => ({
  refundId: r.refund_id,
  outRefundNo: r.out_refund_no,
  status: r.status,
  refund: { amount: r.amount.refund, currency: 'CNY' },
  createTime: r.create_time,
});

/**
 * Refunds (part of) a paid sub-order from the sub-merchant's balance (电商收付通 退款申请).
 * Idempotent by outRefundNo: a retry after a crash gets the same refund, never a second one.
 * @throws WechatPayApiError e.g. 400 INVALID_REQUEST (same number, other amount), NOT_ENOUGH
 */
export async function applyEcommerceRefund(input: EcommerceRefundInput): Promise<EcommerceRefund> {
  if (!REFUND_NO.test(input.outRefundNo)) throw new CombineOrderInputError('outRefundNo must be 1-64 of [A-Za-z0-9_-|*@]');
  const { appid } = wechatPayConfig();
  const body = {
    sub_mchid: input.subMchid,
    sp_appid: appid,
    transaction_id: input.transactionId,
    out_refund_no: input.outRefundNo,
    ...(input.reason ? { reason: input.reason.slice(0, 80) } : {}),
    amount: { refund: input.refund.amount, total: input.total.amount, currency: input.refund.currency },
    ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
  };
  return toEcommerceRefund(await call('POST', '/v3/ecommerce/refunds/apply', body, EcommerceRefundJson));
}

/** A refund by our number. @throws WechatPayApiError 404 RESOURCE_NOT_EXISTS */
export async function queryEcommerceRefund(subMchid: string, outRefundNo: string): Promise<EcommerceRefund> {
  const path = `/v3/ecommerce/refunds/out-refund-no/${encodeURIComponent(outRefundNo)}?sub_mchid=${encodeURIComponent(subMchid)}`;
  return toEcommerceRefund(await call('GET', path, undefined, EcommerceRefundJson));
}

const RefundNotificationJson = z.object({
  sp_mchid: z.string(),
  sub_mchid: z.string(),
  transaction_id: z.string(),
  out_trade_no: z.string(),
  refund_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  refund_status: z.enum(['SUCCESS', 'CLOSED', 'ABNORMAL']),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int(), refund: z.number().int() }).loose(),
});

export interface EcommerceRefundNotification {
  id: string;
  eventType: string;
  createTime: string;
  refund: {
    spMchid: string;
    subMchid: string;
    transactionId: string;
    outTradeNo: string;
    refundId: string;
    outRefundNo: string;
    status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
    successTime?: string;
    refund: CnyAmount;
    total: CnyAmount;
  };
}

/**
 * Verifies a refund notification (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED, sent to the refund's
 * own notify_url) exactly like a payment notification, and decrypts its resource.
 * NOTE: the caller checks sp_mchid, sub_mchid, the refund number and amount against its own refund.
 * @throws InvalidSignatureError for anything forged, altered, unknown-serial or stale
 * @throws ExternalServiceError when it verifies but its resource is not a refund
 */
export function parseEcommerceRefundNotification(input: { headers: HeaderBag; body: string }): EcommerceRefundNotification {
  verifyWechatpaySignature(input.headers, input.body);
  const envelope = safeJson(NotificationBody, input.body);
  if (!envelope) throw new InvalidSignatureError('wechatpay', 'notification body is not a WeChat Pay notification');
  const r = safeJson(RefundNotificationJson, decryptResource(envelope.resource));
  if (!r) throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', 'notification resource is not a refund');
  return {
    id: envelope.id,
    eventType: envelope.event_type,
    createTime: envelope.create_time,
    refund: {
      spMchid: r.sp_mchid,
      subMchid: r.sub_mchid,
      transactionId: r.transaction_id,
      outTradeNo: r.out_trade_no,
      refundId: r.refund_id,
      outRefundNo: r.out_refund_no,
      status: r.refund_status,
      ...(r.success_time ? { successTime: r.success_time } : {}),
      refund: { amount: r.amount.refund, currency: 'CNY' },
      total: { amount: r.amount.total, currency: 'CNY' },
    },
  };
}

/** A sub-merchant's balances in fen: `pending` is frozen money (paid, not yet released). */
export async function querySubMerchantBalance(subMchid: string): Promise<{ available: CnyAmount; pending: CnyAmount }> {
  const answer = await call(
    'GET',
    `/v3/ecommerce/fund/balance/${encodeURIComponent(subMchid)}`,
    undefined,
    z.object({ available_amount: z.number().int(), pending_amount: z.number().int() }),
  );
  return { available: { amount: answer.available_amount, currency: 'CNY' }, pending: { amount: answer.pending_amount, currency: 'CNY' } };
}

// ---------------- profit sharing and withdrawals (分账, 完结分账, 分账回退, 提现) ----------------

export type ProfitSharingStatus = 'PROCESSING' | 'FINISHED';
export type ProfitSharingReceiverResult = 'PENDING' | 'SUCCESS' | 'CLOSED';

export interface ProfitSharingReceiverInput {
  /** Our platform's mchid, or (later) a distributor's account. */
  receiverAccount: string;
  type: 'MERCHANT_ID' | 'PERSONAL_OPENID';
  amount: CnyAmount;
  description: string;
}

export interface ProfitSharingOrder {
  subMchid: string;
  transactionId: string;
  outOrderNo: string;
  orderId: string;
  status: ProfitSharingStatus;
  receivers: { receiverAccount: string; amount: number; result: ProfitSharingReceiverResult; failReason?: string }[];
}

const ProfitSharingJson = z.object({
  sub_mchid: z.string(),
  transaction_id: z.string(),
  out_order_no: z.string(),
  order_id: z.string().min(1),
  status: z.enum(['PROCESSING', 'FINISHED']),
  receivers: z
    .array(
      z
        .object({
          receiver_account: z.string(),
          amount: z.number().int(),
          result: z.enum(['PENDING', 'SUCCESS', 'CLOSED']),
          fail_reason: z.string().optional(),
        })
        .loose(),
    )
    .default([]),
});
const toProfitSharing = (o: z.infer<typeof ProfitSharingJson>): ProfitSharingOrder => ({
  subMchid: o.sub_mchid,
  transactionId: o.transaction_id,
  outOrderNo: o.out_order_no,
  orderId: o.order_id,
  status: o.status,
  receivers: o.receivers.map((r) => ({
    receiverAccount: r.receiver_account,
    amount: r.amount,
    result: r.result,
    ...(r.fail_reason ? { failReason: r.fail_reason } : {}),
  })),
});

/**
 * Asks WeChat Pay to share part of a paid sub-order's frozen money (请求分账). Asynchronous: the answer
 * is usually PROCESSING; ask `queryProfitSharing` until FINISHED. Idempotent by `outOrderNo`.
 * `finish: false`: the rest stays frozen until `finishProfitSharing`.
 * @throws WechatPayApiError e.g. 400 INVALID_REQUEST (over the 30% cap, not enough frozen), 400 PARAM_ERROR
 */
export async function createProfitSharing(input: {
  subMchid: string;
  transactionId: string;
  outOrderNo: string;
  receivers: ProfitSharingReceiverInput[];
}): Promise<ProfitSharingOrder> {
  if (!OUT_NO.test(input.outOrderNo)) throw new CombineOrderInputError('outOrderNo must be 6-32 of [A-Za-z0-9_-|*@]');
  const body = {
    appid: wechatPayConfig().appid,
    sub_mchid: input.subMchid,
    transaction_id: input.transactionId,
    out_order_no: input.outOrderNo,
    receivers: input.receivers.map((r) => ({
      type: r.type,
      receiver_account: r.receiverAccount,
      amount: r.amount.amount,
      description: r.description.slice(0, 80),
    })),
    finish: false,
  };
  return toProfitSharing(await call('POST', '/v3/ecommerce/profitsharing/orders', body, ProfitSharingJson));
}

/** A profit-sharing order by our number (查询分账结果). @throws WechatPayApiError 404 RESOURCE_NOT_EXISTS */
export async function queryProfitSharing(subMchid: string, transactionId: string, outOrderNo: string): Promise<ProfitSharingOrder> {
  const q = new URLSearchParams({ sub_mchid: subMchid, transaction_id: transactionId, out_order_no: outOrderNo });
  return toProfitSharing(await call('GET', `/v3/ecommerce/profitsharing/orders?${q.toString()}`, undefined, ProfitSharingJson));
}

/**
 * Ends profit sharing of a sub-order (完结分账): whatever of it is still frozen is released to the
 * sub-merchant's available balance. Idempotent by `outOrderNo`.
 */
export async function finishProfitSharing(input: {
  subMchid: string;
  transactionId: string;
  outOrderNo: string;
  description: string;
}): Promise<{ orderId: string }> {
  if (!OUT_NO.test(input.outOrderNo)) throw new CombineOrderInputError('outOrderNo must be 6-32 of [A-Za-z0-9_-|*@]');
  const body = { sub_mchid: input.subMchid, transaction_id: input.transactionId, out_order_no: input.outOrderNo, description: input.description.slice(0, 80) };
  const answer = await call(
    'POST',
    '/v3/ecommerce/profitsharing/finish-order',
    body,
    z.object({ sub_mchid: z.string(), transaction_id: z.string(), out_order_no: z.string(), order_id: z.string().min(1) }),
  );
  return { orderId: answer.order_id };
}

export type ProfitSharingReturnResult = 'PROCESSING' | 'SUCCESS' | 'FAILED';

/**
 * Gives back part of what a receiver got (分账回退): before a refund of a settled order, the platform
 * returns its share of the refunded part to the sub-merchant. Idempotent by `outReturnNo`.
 * @throws WechatPayApiError e.g. 400 INVALID_REQUEST (more than was shared)
 */
export async function returnProfitSharing(input: {
  subMchid: string;
  outOrderNo: string;
  outReturnNo: string;
  returnMchid: string;
  amount: CnyAmount;
  description: string;
}): Promise<{ returnNo: string; result: ProfitSharingReturnResult; amount: number }> {
  if (!OUT_NO.test(input.outReturnNo)) throw new CombineOrderInputError('outReturnNo must be 6-32 of [A-Za-z0-9_-|*@]');
  const body = {
    sub_mchid: input.subMchid,
    out_order_no: input.outOrderNo,
    out_return_no: input.outReturnNo,
    return_mchid: input.returnMchid,
    amount: input.amount.amount,
    description: input.description.slice(0, 80),
  };
  const answer = await call(
    'POST',
    '/v3/ecommerce/profitsharing/returnorders',
    body,
    z
      .object({ return_no: z.string().min(1), out_return_no: z.string(), amount: z.number().int(), result: z.enum(['PROCESSING', 'SUCCESS', 'FAILED']) })
      .loose(),
  );
  return { returnNo: answer.return_no, result: answer.result, amount: answer.amount };
}

export type WithdrawStatus = 'CREATE_SUCCESS' | 'SUCCESS' | 'FAIL' | 'REFUND' | 'CLOSE' | 'INIT';

/**
 * Withdraws a sub-merchant's available money to its bank account (二级商户余额提现). Idempotent by
 * `outRequestNo`; the result comes by `queryWithdrawal`.
 * @throws WechatPayApiError e.g. 400 NOT_ENOUGH
 */
export async function applyWithdrawal(input: { subMchid: string; outRequestNo: string; amount: CnyAmount; remark?: string }): Promise<{ withdrawId: string }> {
  if (!REFUND_NO.test(input.outRequestNo)) throw new CombineOrderInputError('outRequestNo must be 1-64 of [A-Za-z0-9_-|*@]');
  const body = {
    sub_mchid: input.subMchid,
    out_request_no: input.outRequestNo,
    amount: input.amount.amount,
    ...(input.remark ? { remark: input.remark.slice(0, 56) } : {}),
  };
  const answer = await call(
    'POST',
    '/v3/ecommerce/fund/withdraw',
    body,
    z.object({ sub_mchid: z.string(), withdraw_id: z.string().min(1), out_request_no: z.string() }),
  );
  return { withdrawId: answer.withdraw_id };
}

/** A withdrawal by our number. @throws WechatPayApiError 404 RESOURCE_NOT_EXISTS */
export async function queryWithdrawal(
  subMchid: string,
  outRequestNo: string,
): Promise<{ withdrawId: string; status: WithdrawStatus; amount: number; reason?: string }> {
  const path = `/v3/ecommerce/fund/withdraw/out-request-no/${encodeURIComponent(outRequestNo)}?sub_mchid=${encodeURIComponent(subMchid)}`;
  const a = await call(
    'GET',
    path,
    undefined,
    z
      .object({
        withdraw_id: z.string(),
        status: z.enum(['CREATE_SUCCESS', 'SUCCESS', 'FAIL', 'REFUND', 'CLOSE', 'INIT']),
        amount: z.number().int(),
        reason: z.string().optional(),
      })
      .loose(),
  );
  return { withdrawId: a.withdraw_id, status: a.status, amount: a.amount, ...(a.reason ? { reason: a.reason } : {}) };
}

// ---------------- sub-merchant onboarding (二级商户进件) ----------------

/** RSA-OAEP (SHA-1) with the WeChat Pay public key, as WeChat Pay wants sensitive fields. */
function encryptSensitive(plaintext: string): string {
  const { publicKey } = wechatPayConfig();
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plaintext, 'utf8')).toString('base64');
}

export interface ApplymentInput {
  /** Our idempotency key for the application (one per store application). */
  outRequestNo: string;
  /** 2401 小微商户, 2500 个人卖家, 4 个体工商户, 2 企业 ... */
  organizationType: '2401' | '2500' | '4' | '2' | '3' | '1708';
  merchantShortname: string;
  storeName: string;
  contact: { name: string; mobile: string; email?: string };
  idCard?: { name: string; number: string; copyMediaId: string; nationalMediaId: string; validTime: string };
  bankAccount?: { type: 'ACCOUNT_TYPE_BUSINESS' | 'ACCOUNT_TYPE_PRIVATE'; bank: string; name: string; number: string };
}

/**
 * Submits a sub-merchant application; sensitive fields are encrypted here. Repeating the same
 * outRequestNo returns the same applyment.
 */
export async function submitApplyment(input: ApplymentInput): Promise<{ applymentId: string; outRequestNo: string }> {
  const body = {
    out_request_no: input.outRequestNo,
    organization_type: input.organizationType,
    merchant_shortname: input.merchantShortname,
    contact_info: {
      contact_type: '65',
      contact_name: encryptSensitive(input.contact.name),
      mobile_phone: encryptSensitive(input.contact.mobile),
      ...(input.contact.email ? { contact_email: encryptSensitive(input.contact.email) } : {}),
    },
    sales_scene_info: { store_name: input.storeName },
    ...(input.idCard
      ? {
          id_card_info: {
            id_card_copy: input.idCard.copyMediaId,
            id_card_national: input.idCard.nationalMediaId,
            id_card_name: encryptSensitive(input.idCard.name),
            id_card_number: encryptSensitive(input.idCard.number),
            id_card_valid_time: input.idCard.validTime,
          },
        }
      : {}),
    ...(input.bankAccount
      ? {
          account_info: {
            bank_account_type: input.bankAccount.type === 'ACCOUNT_TYPE_BUSINESS' ? '74' : '75',
            account_bank: input.bankAccount.bank,
            account_name: encryptSensitive(input.bankAccount.name),
            account_number: encryptSensitive(input.bankAccount.number),
          },
        }
      : {}),
  };
  const answer = await call(
    'POST',
    '/v3/ecommerce/applyments/',
    body,
    z.object({ applyment_id: z.union([z.number(), z.string()]), out_request_no: z.string() }),
    { 'wechatpay-serial': wechatPayConfig().publicKeyId },
  );
  return { applymentId: String(answer.applyment_id), outRequestNo: answer.out_request_no };
}

export type ApplymentState = 'CHECKING' | 'ACCOUNT_NEED_VERIFY' | 'AUDITING' | 'REJECTED' | 'NEED_SIGN' | 'FINISH' | 'FROZEN' | 'CANCELED';

const ApplymentJson = z.object({
  applyment_state: z.enum(['CHECKING', 'ACCOUNT_NEED_VERIFY', 'AUDITING', 'REJECTED', 'NEED_SIGN', 'FINISH', 'FROZEN', 'CANCELED']),
  applyment_state_desc: z.string().default(''),
  applyment_id: z.union([z.number(), z.string()]),
  out_request_no: z.string(),
  sign_url: z.string().optional(),
  sub_mchid: z.string().optional(),
  account_validation: z
    .object({ pay_amount: z.number().int(), destination_account_number: z.string(), destination_account_name: z.string(), deadline: z.string().optional() })
    .loose()
    .optional(),
  audit_detail: z.array(z.object({ param_name: z.string(), reject_reason: z.string() }).loose()).default([]),
});

export interface ApplymentStatus {
  applymentId: string;
  outRequestNo: string;
  state: ApplymentState;
  stateDesc: string;
  /** NEED_SIGN: the merchant opens this to sign. */
  signUrl?: string;
  /** FINISH: the store can now sell. */
  subMchid?: string;
  /** ACCOUNT_NEED_VERIFY: the merchant pays this small amount to this account to prove it. */
  accountValidation?: { payAmount: CnyAmount; toAccountNumber: string; toAccountName: string; deadline?: string };
  /** REJECTED: what to fix. */
  rejectReasons: { field: string; reason: string }[];
}

/** The application's state by our outRequestNo; poll it (there is no notification). */
export async function queryApplyment(outRequestNo: string): Promise<ApplymentStatus> {
  const a = await call('GET', `/v3/ecommerce/applyments/out-request-no/${encodeURIComponent(outRequestNo)}`, undefined, ApplymentJson);
  return {
    applymentId: String(a.applyment_id),
    outRequestNo: a.out_request_no,
    state: a.applyment_state,
    stateDesc: a.applyment_state_desc,
    ...(a.sign_url ? { signUrl: a.sign_url } : {}),
    ...(a.sub_mchid ? { subMchid: a.sub_mchid } : {}),
    ...(a.account_validation
      ? {
          accountValidation: {
            payAmount: { amount: a.account_validation.pay_amount, currency: 'CNY' as const },
            toAccountNumber: a.account_validation.destination_account_number,
            toAccountName: a.account_validation.destination_account_name,
            deadline: a.account_validation.deadline,
          },
        }
      : {}),
    rejectReasons: a.audit_detail.map((d) => ({ field: d.param_name, reason: d.reject_reason })),
  };
}
