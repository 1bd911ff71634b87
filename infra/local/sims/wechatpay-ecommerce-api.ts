/**
 * WeChat Pay e-commerce platform (电商收付通), API v3: combine payments (合单支付) with one sub-order per
 * sub-merchant, the H5 cashier, sub-merchant frozen balances and sub-merchant onboarding (applyments).
 * Money paid lands frozen in the sub-merchant's account; it becomes releasable only after WeChat has
 * the order's shipping information and the shopper's receipt (see wechat-api.ts, order shipping).
 */
import { constants, privateDecrypt } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, header, html, json } from './http';
import type {
  Applyment,
  ApplymentState,
  CombineOrder,
  CombineSubOrder,
  ProfitSharingOrder,
  ProfitSharingReturn,
  SubMerchant,
  SubOrderFunds,
  WechatPayRefund,
  Withdrawal,
} from './state';
import { beijingDate, escapeHtml, fenToYuan, randomChars, randomDigits, rfc3339Beijing } from './util';
import { type MerchantHandler, parseRequest, payError, publicBase, releaseHeld, wechatpayServer } from './wechatpay-server';

/** Sub-merchants every simulator starts with (the demo stores are seeded with these sub_mchids). */
export const DEMO_SUB_MERCHANTS: readonly { subMchid: string; name: string }[] = [
  { subMchid: '1900000101', name: '演示店铺一' },
  { subMchid: '1900000102', name: '演示店铺二' },
];

/** WeChat Pay's limit on sub-orders in one combine order. */
export const MAX_SUB_ORDERS = 50;

const OUT_NO = /^[A-Za-z0-9_\-|*@]{6,32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const SubOrderBody = z
  .object({
    mchid: z.string().min(1),
    sub_mchid: z.string().min(1),
    attach: z.string().min(1).max(128),
    amount: z.object({ total_amount: z.number().int().positive(), currency: z.literal('CNY') }).strict(),
    out_trade_no: z.string().regex(OUT_NO),
    description: z.string().min(1).max(127),
    settle_info: z.object({ profit_sharing: z.boolean().optional(), subsidy_amount: z.number().int().nonnegative().optional() }).strict().optional(),
    sub_appid: z.string().optional(),
  })
  .strict();

const CombineBase = z.object({
  combine_appid: z.string().min(1),
  combine_mchid: z.string().min(1),
  combine_out_trade_no: z.string().regex(OUT_NO),
  time_start: z.string().regex(RFC3339).optional(),
  time_expire: z.string().regex(RFC3339).optional(),
  notify_url: z.url(),
  sub_orders: z.array(SubOrderBody).min(1).max(MAX_SUB_ORDERS),
});

const CombineJsapiBody = CombineBase.extend({
  scene_info: z
    .object({ device_id: z.string().optional(), payer_client_ip: z.string().min(1) })
    .strict()
    .optional(),
  combine_payer_info: z.object({ openid: z.string().min(1) }).strict(),
}).strict();

const CombineH5Body = CombineBase.extend({
  scene_info: z
    .object({
      payer_client_ip: z.string().min(1),
      device_id: z.string().optional(),
      h5_info: z.object({ type: z.enum(['iOS', 'Android', 'Wap']), app_name: z.string().optional(), app_url: z.string().optional() }).loose(),
    })
    .strict(),
}).strict();

const CloseBody = z
  .object({
    combine_appid: z.string().min(1),
    sub_orders: z
      .array(z.object({ mchid: z.string(), out_trade_no: z.string(), sub_mchid: z.string(), sub_appid: z.string().optional() }).strict())
      .min(1)
      .max(MAX_SUB_ORDERS),
  })
  .strict();

const EcommerceRefundBody = z
  .object({
    sub_mchid: z.string().min(1),
    sp_appid: z.string().min(1),
    sub_appid: z.string().optional(),
    transaction_id: z.string().min(1).optional(),
    out_trade_no: z.string().min(1).optional(),
    out_refund_no: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/),
    reason: z.string().max(80).optional(),
    amount: z.object({ refund: z.number().int().positive(), total: z.number().int().positive(), currency: z.literal('CNY') }).strict(),
    notify_url: z.url().optional(),
    refund_account: z.string().optional(),
    funds_account: z.string().optional(),
  })
  .strict();

/** WeChat Pay's profit-sharing cap of a sub-order (30%; see also shared/src/settlement.ts). */
const PROFIT_SHARING_MAX_BPS = 3000;

const ProfitSharingBody = z
  .object({
    appid: z.string().min(1),
    sub_mchid: z.string().min(1),
    transaction_id: z.string().min(1),
    out_order_no: z.string().regex(OUT_NO),
    receivers: z
      .array(
        z
          .object({
            type: z.enum(['MERCHANT_ID', 'PERSONAL_OPENID']),
            receiver_account: z.string().min(1),
            receiver_name: z.string().optional(),
            amount: z.number().int().positive(),
            description: z.string().min(1).max(80),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    finish: z.boolean(),
  })
  .strict();

const FinishBody = z
  .object({ sub_mchid: z.string().min(1), transaction_id: z.string().min(1), out_order_no: z.string().regex(OUT_NO), description: z.string().min(1).max(80) })
  .strict();

const ReturnBody = z
  .object({
    sub_mchid: z.string().min(1),
    order_id: z.string().min(1).optional(),
    out_order_no: z.string().regex(OUT_NO).optional(),
    out_return_no: z.string().regex(OUT_NO),
    return_mchid: z.string().min(1),
    amount: z.number().int().positive(),
    description: z.string().min(1).max(80),
  })
  .strict()
  .refine((b) => b.order_id !== undefined || b.out_order_no !== undefined, { message: 'order_id和out_order_no必须填写一个', path: ['out_order_no'] });

const WithdrawBody = z
  .object({
    sub_mchid: z.string().min(1),
    out_request_no: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/),
    amount: z.number().int().positive(),
    remark: z.string().max(56).optional(),
    bank_memo: z.string().max(32).optional(),
    account_type: z.enum(['BASIC', 'FEES', 'OPERATION']).optional(),
  })
  .strict();

const ApplymentBody = z
  .object({
    out_request_no: z.string().regex(/^[A-Za-z0-9_-]{1,124}$/),
    organization_type: z.enum(['2401', '2500', '4', '2', '3', '1708']),
    merchant_shortname: z.string().min(1).max(64),
    contact_info: z
      .object({
        contact_type: z.enum(['65', '66']).optional(),
        contact_name: z.string().min(1),
        mobile_phone: z.string().min(1),
        contact_email: z.string().optional(),
      })
      .loose(),
    sales_scene_info: z.object({ store_name: z.string().min(1) }).loose(),
    account_info: z.object({ bank_account_type: z.string(), account_name: z.string(), account_number: z.string() }).loose().optional(),
    id_card_info: z.object({ id_card_name: z.string(), id_card_number: z.string() }).loose().optional(),
    business_license_info: z.object({}).loose().optional(),
  })
  .loose();

const APPLYMENT_FLOW: ApplymentState[] = ['CHECKING', 'ACCOUNT_NEED_VERIFY', 'AUDITING', 'NEED_SIGN', 'FINISH'];
const APPLYMENT_DESC: Record<ApplymentState, string> = {
  CHECKING: '资料校验中',
  ACCOUNT_NEED_VERIFY: '待账户验证',
  AUDITING: '审核中',
  REJECTED: '已驳回',
  NEED_SIGN: '待签约',
  FINISH: '完成',
  FROZEN: '已冻结',
  CANCELED: '已作废',
};

const AdvanceBody = z
  .object({
    to: z.enum(['CHECKING', 'ACCOUNT_NEED_VERIFY', 'AUDITING', 'REJECTED', 'NEED_SIGN', 'FINISH', 'FROZEN', 'CANCELED']).optional(),
    reasons: z.array(z.object({ param_name: z.string(), reject_reason: z.string() }).strict()).optional(),
  })
  .strict();

const NotifyControlBody = z
  .object({ copies: z.number().int().min(1).max(50).optional(), delayMs: z.number().int().min(0).max(60_000).optional(), hold: z.boolean().optional() })
  .strict();

function subOrderJson(order: CombineOrder, sub: CombineSubOrder): Record<string, unknown> {
  const paid = sub.transactionId !== undefined;
  return {
    mchid: sub.mchid,
    trade_type: order.tradeType,
    trade_state: sub.tradeState,
    ...(paid ? { bank_type: 'OTHERS', success_time: sub.successTime, transaction_id: sub.transactionId } : {}),
    attach: sub.attach,
    out_trade_no: sub.outTradeNo,
    sub_mchid: sub.subMchid,
    amount: {
      total_amount: sub.total,
      currency: sub.currency,
      ...(paid ? { payer_amount: sub.total, payer_currency: sub.currency } : {}),
    },
  };
}

function combineJson(order: CombineOrder): Record<string, unknown> {
  return {
    combine_appid: order.combineAppid,
    combine_mchid: order.combineMchid,
    combine_out_trade_no: order.combineOutTradeNo,
    ...(order.payerClientIp ? { scene_info: { payer_client_ip: order.payerClientIp } } : {}),
    sub_orders: order.subOrders.map((sub) => subOrderJson(order, sub)),
    ...(order.openid ? { combine_payer_info: { openid: order.openid } } : {}),
  };
}

const balanceJson = (m: SubMerchant): Record<string, unknown> => ({
  sub_mchid: m.subMchid,
  account_type: 'BASIC',
  available_amount: m.available,
  pending_amount: m.frozen,
});

export interface EcommerceSim {
  routes: Route[];
  /** Pays a combine order by its prepay_id (the shopper confirming wx.requestPayment or the cashier). */
  pay(prepayId: string, outcome: 'SUCCESS' | 'FAIL'): SimReply;
}

export function wechatpayEcommerce(ctx: SimContext): EcommerceSim {
  const { keys, state } = ctx;
  const wp = state.wechatpay;
  const { authenticated, notify } = wechatpayServer(ctx);

  const registerSubMerchant = (subMchid: string, name: string): SubMerchant => {
    const existing = wp.subMerchants.get(subMchid);
    if (existing) return existing;
    const created: SubMerchant = { subMchid, name, frozen: 0, available: 0, postings: [] };
    wp.subMerchants.set(subMchid, created);
    return created;
  };
  for (const demo of DEMO_SUB_MERCHANTS) registerSubMerchant(demo.subMchid, demo.name);

  /** Checks a combine body against the platform and its sub-merchants; an error reply or undefined. */
  const checkCombine = (body: z.infer<typeof CombineBase>, mchid: string): SimReply | undefined => {
    if (body.combine_mchid !== mchid) return payError(400, 'PARAM_ERROR', 'combine_mchid与请求头中的商户号不一致');
    if (body.combine_appid !== keys.wechat.appid) return payError(400, 'PARAM_ERROR', 'combine_appid和combine_mchid不匹配');
    const seen = new Set<string>();
    for (const sub of body.sub_orders) {
      if (sub.mchid !== mchid) return payError(400, 'PARAM_ERROR', '子单mchid必须为电商平台商户号');
      if (!wp.subMerchants.has(sub.sub_mchid)) return payError(400, 'PARAM_ERROR', `sub_mchid ${sub.sub_mchid} 与服务商不存在绑定关系`);
      if (seen.has(sub.out_trade_no)) return payError(400, 'PARAM_ERROR', '子单out_trade_no重复');
      seen.add(sub.out_trade_no);
      const usedBy = [...wp.combine.values()].find(
        (o) => o.combineOutTradeNo !== body.combine_out_trade_no && o.subOrders.some((s) => s.outTradeNo === sub.out_trade_no),
      );
      if (usedBy) return payError(400, 'INVALID_REQUEST', `子单out_trade_no ${sub.out_trade_no} 已被其他合单使用`);
    }
    if (body.time_expire && Date.parse(body.time_expire) <= Date.now()) return payError(400, 'PARAM_ERROR', 'time_expire已过期');
    return undefined;
  };

  const place = (
    mchid: string,
    tradeType: CombineOrder['tradeType'],
    body: z.infer<typeof CombineJsapiBody> | z.infer<typeof CombineH5Body>,
  ): SimReply | CombineOrder => {
    const invalid = checkCombine(body, mchid);
    if (invalid) return invalid;
    const fingerprint = JSON.stringify({ tradeType, sub: body.sub_orders, payer: 'combine_payer_info' in body ? body.combine_payer_info : null });
    const existing = wp.combine.get(body.combine_out_trade_no);
    if (existing) {
      if (existing.subOrders.some((s) => s.tradeState === 'SUCCESS' || s.tradeState === 'REFUND')) return payError(400, 'ORDERPAID', '该订单已支付');
      if (existing.subOrders.every((s) => s.tradeState === 'CLOSED')) return payError(400, 'ORDER_CLOSED', '该订单已关闭');
      if (existing.fingerprint !== fingerprint) return payError(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return existing;
    }
    const prepayId = `wx${beijingDate()}${randomChars(24, '0123456789abcdef')}`;
    const order: CombineOrder = {
      combineAppid: body.combine_appid,
      combineMchid: mchid,
      combineOutTradeNo: body.combine_out_trade_no,
      tradeType,
      ...('combine_payer_info' in body ? { openid: body.combine_payer_info.openid } : {}),
      ...(body.scene_info ? { payerClientIp: body.scene_info.payer_client_ip } : {}),
      notifyUrl: body.notify_url,
      ...(body.time_expire ? { expiresAt: Date.parse(body.time_expire) } : {}),
      prepayId,
      fingerprint,
      subOrders: body.sub_orders.map((s) => ({
        mchid: s.mchid,
        subMchid: s.sub_mchid,
        outTradeNo: s.out_trade_no,
        description: s.description,
        attach: s.attach,
        total: s.amount.total_amount,
        currency: s.amount.currency,
        profitSharing: s.settle_info?.profit_sharing ?? false,
        tradeState: 'NOTPAY',
      })),
    };
    wp.combine.set(order.combineOutTradeNo, order);
    wp.combinePrepay.set(prepayId, order.combineOutTradeNo);
    return order;
  };

  const createJsapi: MerchantHandler = (req, mchid) => {
    const parsed = parseRequest(CombineJsapiBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const placed = place(mchid, 'JSAPI', parsed.data);
    return 'status' in placed ? placed : json(200, { prepay_id: placed.prepayId });
  };

  const createH5: MerchantHandler = (req, mchid) => {
    const parsed = parseRequest(CombineH5Body, req.text);
    if ('reply' in parsed) return parsed.reply;
    const placed = place(mchid, 'MWEB', parsed.data);
    if ('status' in placed) return placed;
    return json(200, { h5_url: `${publicBase(req)}/_sim/wechatpay/cashier?prepay_id=${placed.prepayId}&package=${randomDigits(10)}` });
  };

  const query: MerchantHandler = (req) => {
    const order = wp.combine.get(req.params.no ?? '');
    return order ? json(200, combineJson(order)) : payError(404, 'ORDER_NOT_EXIST', '订单不存在');
  };

  const close: MerchantHandler = (req) => {
    const parsed = parseRequest(CloseBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const order = wp.combine.get(req.params.no ?? '');
    if (!order) return payError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (parsed.data.combine_appid !== order.combineAppid) return payError(400, 'PARAM_ERROR', 'combine_appid参数错误');
    const targets: CombineSubOrder[] = [];
    for (const wanted of parsed.data.sub_orders) {
      const sub = order.subOrders.find((s) => s.outTradeNo === wanted.out_trade_no && s.subMchid === wanted.sub_mchid && s.mchid === wanted.mchid);
      if (!sub) return payError(400, 'PARAM_ERROR', `子单${wanted.out_trade_no}不存在`);
      targets.push(sub);
    }
    if (order.subOrders.some((s) => s.tradeState === 'SUCCESS' || s.tradeState === 'REFUND')) return payError(400, 'ORDERPAID', '该订单已支付');
    for (const sub of targets) sub.tradeState = 'CLOSED';
    return { status: 204 };
  };

  const pay = (prepayId: string, outcome: 'SUCCESS' | 'FAIL'): SimReply => {
    const order = wp.combine.get(wp.combinePrepay.get(prepayId) ?? '');
    if (!order) return payError(404, 'ORDER_NOT_EXIST', 'prepay_id不存在');
    if (order.subOrders.some((s) => s.tradeState !== 'NOTPAY' && s.tradeState !== 'PAYERROR')) {
      return payError(409, 'ORDER_STATE_ERROR', `订单状态为${order.subOrders.map((s) => s.tradeState).join(',')}`);
    }
    if (order.expiresAt !== undefined && order.expiresAt <= Date.now()) return payError(409, 'ORDER_CLOSED', '订单已过支付期限');
    if (outcome === 'FAIL') {
      for (const sub of order.subOrders) sub.tradeState = 'PAYERROR';
      return json(200, { trade_state: 'PAYERROR' });
    }
    const successTime = rfc3339Beijing();
    for (const sub of order.subOrders) {
      sub.tradeState = 'SUCCESS';
      sub.transactionId = `42000${beijingDate()}${randomDigits(15)}`;
      sub.successTime = successTime;
      freeze(sub);
    }
    notify(order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', combineJson(order));
    return json(200, { trade_state: 'SUCCESS', transaction_ids: order.subOrders.map((s) => s.transactionId) });
  };

  /** Paid money lands frozen in the sub-merchant's account (posting and balance in one step). */
  const freeze = (sub: CombineSubOrder): void => {
    const merchant = registerSubMerchant(sub.subMchid, sub.subMchid);
    const transactionId = sub.transactionId ?? '';
    merchant.postings.push({ at: rfc3339Beijing(), kind: 'PAYMENT_FROZEN', transactionId, outTradeNo: sub.outTradeNo, amount: sub.total });
    merchant.frozen += sub.total;
    const funds: SubOrderFunds = {
      subMchid: sub.subMchid,
      transactionId,
      outTradeNo: sub.outTradeNo,
      amount: sub.total,
      shippingUploaded: false,
      receiptConfirmed: false,
      releasable: false,
      frozenLeft: sub.total,
      shared: 0,
      finished: false,
    };
    wp.funds.set(transactionId, funds);
  };

  // ---- e-commerce refunds (退款申请): paid back from the sub-merchant's frozen balance ----
  const refundJson = (r: WechatPayRefund): Record<string, unknown> => ({
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    create_time: r.createTime,
    status: r.status,
    ...(r.successTime ? { success_time: r.successTime } : {}),
    amount: { refund: r.refund, payer_refund: r.refund, discount_refund: 0, currency: r.currency },
    promotion_detail: [],
  });

  const applyRefund: MerchantHandler = (req) => {
    const parsed = parseRequest(EcommerceRefundBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    if (body.sp_appid !== keys.wechat.appid) return payError(400, 'PARAM_ERROR', 'sp_appid参数错误');
    if (!body.transaction_id && !body.out_trade_no) return payError(400, 'PARAM_ERROR', 'transaction_id和out_trade_no必须填写一个');
    let found: { order: CombineOrder; sub: CombineSubOrder } | undefined;
    for (const order of wp.combine.values()) {
      const sub = order.subOrders.find((s) => (body.transaction_id ? s.transactionId === body.transaction_id : s.outTradeNo === body.out_trade_no));
      if (sub) found = { order, sub };
    }
    if (!found || found.sub.subMchid !== body.sub_mchid) return payError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const { sub } = found;
    const previous = wp.refunds.get(body.out_refund_no);
    if (previous) {
      const same = previous.transactionId === sub.transactionId && previous.refund === body.amount.refund;
      return same ? json(200, refundJson(previous)) : payError(400, 'INVALID_REQUEST', '退款单号重复，且与原请求参数不一致');
    }
    if (!sub.transactionId || (sub.tradeState !== 'SUCCESS' && sub.tradeState !== 'REFUND')) return payError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (body.amount.total !== sub.total) return payError(400, 'PARAM_ERROR', '订单金额total与原订单不一致');
    if (body.amount.refund > sub.total - (sub.refunded ?? 0)) return payError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const merchant = registerSubMerchant(sub.subMchid, sub.subMchid);
    const refundable = (wp.funds.get(sub.transactionId)?.frozenLeft ?? merchant.frozen) + merchant.available;
    if (refundable < body.amount.refund) return payError(403, 'NOT_ENOUGH', '二级商户余额不足');
    const refund: WechatPayRefund = {
      refundId: `50${randomDigits(30)}`,
      outRefundNo: body.out_refund_no,
      outTradeNo: sub.outTradeNo,
      transactionId: sub.transactionId,
      refund: body.amount.refund,
      total: sub.total,
      currency: body.amount.currency,
      status: 'PROCESSING',
      createTime: rfc3339Beijing(),
      notifyUrl: body.notify_url ?? '',
      subMchid: sub.subMchid,
    };
    wp.refunds.set(refund.outRefundNo, refund);
    // the money leaves the sub-merchant's account once (posting and balance in one step): first what of
    // this sub-order is still frozen, then the available balance (a refund after profit sharing finished)
    const funds = wp.funds.get(refund.transactionId);
    const fromFrozen = Math.min(funds ? funds.frozenLeft : merchant.frozen, refund.refund);
    if (funds) funds.frozenLeft -= fromFrozen;
    merchant.frozen -= fromFrozen;
    merchant.available -= refund.refund - fromFrozen;
    merchant.postings.push({ at: refund.createTime, kind: 'REFUND', transactionId: refund.transactionId, outTradeNo: sub.outTradeNo, amount: -refund.refund });
    sub.refunded = (sub.refunded ?? 0) + refund.refund;
    sub.tradeState = 'REFUND';
    ctx.later(() => {
      refund.status = 'SUCCESS';
      refund.successTime = rfc3339Beijing();
      if (!refund.notifyUrl) return;
      notify(refund.notifyUrl, 'REFUND.SUCCESS', '退款成功', 'refund', {
        sp_mchid: keys.wechatpay.mchid,
        sub_mchid: sub.subMchid,
        transaction_id: refund.transactionId,
        out_trade_no: refund.outTradeNo,
        refund_id: refund.refundId,
        out_refund_no: refund.outRefundNo,
        refund_status: 'SUCCESS',
        success_time: refund.successTime,
        user_received_account: '支付用户零钱',
        amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
      });
    }, ctx.timings.refundDelayMs);
    return json(200, refundJson(refund));
  };

  const queryRefund: MerchantHandler = (req) => {
    const refund = wp.refunds.get(req.params.no ?? '');
    const sub = req.url.searchParams.get('sub_mchid');
    return refund && refund.subMchid !== undefined && refund.subMchid === sub
      ? json(200, refundJson(refund))
      : payError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  };

  // ---- sub-merchant balances ----
  const balance: MerchantHandler = (req) => {
    const merchant = wp.subMerchants.get(req.params.sub ?? '');
    return merchant ? json(200, balanceJson(merchant)) : payError(404, 'RESOURCE_NOT_EXISTS', '二级商户不存在');
  };

  // ---- profit sharing (请求分账, 查询, 完结分账, 分账回退) ----
  const sharingJson = (o: ProfitSharingOrder): Record<string, unknown> => ({
    sub_mchid: o.subMchid,
    transaction_id: o.transactionId,
    out_order_no: o.outOrderNo,
    order_id: o.orderId,
    status: o.status,
    receivers: o.receivers.map((r, i) => ({
      receiver_mchid: r.type === 'MERCHANT_ID' ? r.receiver_account : undefined,
      amount: r.amount,
      description: r.description,
      type: r.type,
      receiver_account: r.receiver_account,
      result: r.result,
      detail_id: `${o.orderId}${String(i).padStart(4, '0')}`,
      ...(r.result !== 'PENDING' ? { finish_time: rfc3339Beijing() } : {}),
    })),
  });

  /** The paid sub-order's funds, or the error WeChat Pay answers. */
  const fundsOf = (subMchid: string, transactionId: string): SubOrderFunds | SimReply => {
    const funds = wp.funds.get(transactionId);
    if (!funds || funds.subMchid !== subMchid) return payError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const sub = [...wp.combine.values()].flatMap((o) => o.subOrders).find((x) => x.transactionId === transactionId);
    if (!sub?.profitSharing) return payError(400, 'INVALID_REQUEST', '该笔订单不需要分账');
    if (funds.finished) return payError(400, 'INVALID_REQUEST', '该笔订单已完结分账');
    return funds;
  };

  const createSharing: MerchantHandler = (req) => {
    const parsed = parseRequest(ProfitSharingBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    if (body.appid !== keys.wechat.appid) return payError(400, 'PARAM_ERROR', 'appid参数错误');
    const fingerprint = JSON.stringify([body.sub_mchid, body.transaction_id, body.receivers, body.finish]);
    const previous = wp.profitSharing.get(body.out_order_no);
    if (previous)
      return previous.fingerprint === fingerprint
        ? json(200, sharingJson(previous))
        : payError(400, 'INVALID_REQUEST', '商户分账单号重复，且与原请求参数不一致');
    const funds = fundsOf(body.sub_mchid, body.transaction_id);
    if ('status' in funds) return funds;
    const total = body.receivers.reduce((n, r) => n + r.amount, 0);
    // the platform's cap: everything shared of a sub-order stays within 30% of its amount
    if (funds.shared + total > Math.floor((funds.amount * PROFIT_SHARING_MAX_BPS) / 10_000))
      return payError(400, 'INVALID_REQUEST', '分账金额超出最大分账比例');
    if (total > funds.frozenLeft) return payError(400, 'NOT_ENOUGH', '分账金额不足');
    const merchant = registerSubMerchant(funds.subMchid, funds.subMchid);
    const order: ProfitSharingOrder = {
      subMchid: body.sub_mchid,
      transactionId: body.transaction_id,
      outOrderNo: body.out_order_no,
      orderId: `30${randomDigits(26)}`,
      kind: 'share',
      status: 'PROCESSING',
      receivers: body.receivers.map((r) => ({
        type: r.type,
        receiver_account: r.receiver_account,
        amount: r.amount,
        description: r.description,
        result: 'PENDING',
      })),
      fingerprint,
    };
    wp.profitSharing.set(order.outOrderNo, order);
    // the money leaves the frozen balance at once (posting and balance in one step)
    funds.frozenLeft -= total;
    funds.shared += total;
    merchant.frozen -= total;
    merchant.postings.push({ at: rfc3339Beijing(), kind: 'PROFIT_SHARING', transactionId: funds.transactionId, outTradeNo: funds.outTradeNo, amount: -total });
    for (const r of order.receivers) if (r.receiver_account === keys.wechatpay.mchid) wp.platformShared += r.amount;
    if (body.finish) unfreeze(funds, merchant);
    ctx.later(() => {
      order.status = 'FINISHED';
      for (const r of order.receivers) r.result = 'SUCCESS';
    }, ctx.timings.refundDelayMs);
    return json(200, sharingJson(order));
  };

  const querySharing: MerchantHandler = (req) => {
    const q = req.url.searchParams;
    const order = wp.profitSharing.get(q.get('out_order_no') ?? '');
    return order && order.kind === 'share' && order.subMchid === q.get('sub_mchid') && order.transactionId === q.get('transaction_id')
      ? json(200, sharingJson(order))
      : payError(404, 'RESOURCE_NOT_EXISTS', '记录不存在');
  };

  /** What of the sub-order is still frozen goes to the available balance; nothing can be shared after. */
  const unfreeze = (funds: SubOrderFunds, merchant: SubMerchant): void => {
    const rest = funds.frozenLeft;
    merchant.frozen -= rest;
    merchant.available += rest;
    funds.frozenLeft = 0;
    funds.finished = true;
    merchant.postings.push({ at: rfc3339Beijing(), kind: 'UNFREEZE', transactionId: funds.transactionId, outTradeNo: funds.outTradeNo, amount: rest });
  };

  const finishSharing: MerchantHandler = (req) => {
    const parsed = parseRequest(FinishBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    const answer = (o: ProfitSharingOrder) =>
      json(200, { sub_mchid: o.subMchid, transaction_id: o.transactionId, out_order_no: o.outOrderNo, order_id: o.orderId });
    const previous = wp.profitSharing.get(body.out_order_no);
    if (previous) {
      return previous.kind === 'finish' && previous.transactionId === body.transaction_id && previous.subMchid === body.sub_mchid
        ? answer(previous)
        : payError(400, 'INVALID_REQUEST', '商户分账单号重复，且与原请求参数不一致');
    }
    const funds = fundsOf(body.sub_mchid, body.transaction_id);
    if ('status' in funds) return funds;
    const processing = [...wp.profitSharing.values()].some((o) => o.transactionId === funds.transactionId && o.status === 'PROCESSING');
    if (processing) return payError(400, 'INVALID_REQUEST', '分账处理中，请稍后再试');
    const order: ProfitSharingOrder = {
      subMchid: body.sub_mchid,
      transactionId: body.transaction_id,
      outOrderNo: body.out_order_no,
      orderId: `30${randomDigits(26)}`,
      kind: 'finish',
      status: 'FINISHED',
      receivers: [],
      fingerprint: '',
    };
    wp.profitSharing.set(order.outOrderNo, order);
    unfreeze(funds, registerSubMerchant(funds.subMchid, funds.subMchid));
    return answer(order);
  };

  const returnJson = (r: ProfitSharingReturn): Record<string, unknown> => ({
    sub_mchid: r.subMchid,
    order_id: r.orderId,
    out_order_no: r.outOrderNo,
    out_return_no: r.outReturnNo,
    return_mchid: r.returnMchid,
    amount: r.amount,
    return_no: r.returnNo,
    result: r.result,
    finish_time: r.finishTime,
  });

  const returnSharing: MerchantHandler = (req) => {
    const parsed = parseRequest(ReturnBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    const order = body.out_order_no ? wp.profitSharing.get(body.out_order_no) : [...wp.profitSharing.values()].find((o) => o.orderId === body.order_id);
    if (!order || order.kind !== 'share' || order.subMchid !== body.sub_mchid) return payError(404, 'RESOURCE_NOT_EXISTS', '分账单不存在');
    const previous = wp.profitSharingReturns.get(body.out_return_no);
    if (previous) {
      return previous.amount === body.amount && previous.outOrderNo === order.outOrderNo
        ? json(200, returnJson(previous))
        : payError(400, 'INVALID_REQUEST', '回退单号重复，且与原请求参数不一致');
    }
    const got = order.receivers.filter((r) => r.receiver_account === body.return_mchid && r.result === 'SUCCESS').reduce((n, r) => n + r.amount, 0);
    const returned = [...wp.profitSharingReturns.values()].filter((r) => r.outOrderNo === order.outOrderNo && r.returnMchid === body.return_mchid);
    if (body.amount > got - returned.reduce((n, r) => n + r.amount, 0)) return payError(400, 'INVALID_REQUEST', '回退金额超过可回退金额');
    const funds = wp.funds.get(order.transactionId)!;
    const merchant = registerSubMerchant(funds.subMchid, funds.subMchid);
    const ret: ProfitSharingReturn = {
      subMchid: body.sub_mchid,
      outOrderNo: order.outOrderNo,
      orderId: order.orderId,
      outReturnNo: body.out_return_no,
      returnNo: `30${randomDigits(26)}`,
      returnMchid: body.return_mchid,
      amount: body.amount,
      result: 'SUCCESS',
      finishTime: rfc3339Beijing(),
    };
    wp.profitSharingReturns.set(ret.outReturnNo, ret);
    if (body.return_mchid === keys.wechatpay.mchid) wp.platformShared -= body.amount;
    funds.shared -= body.amount;
    // back where it came from: frozen while the sub-order's sharing is open, available once finished
    if (funds.finished) merchant.available += body.amount;
    else {
      merchant.frozen += body.amount;
      funds.frozenLeft += body.amount;
    }
    merchant.postings.push({
      at: ret.finishTime,
      kind: 'PROFIT_SHARING_RETURN',
      transactionId: funds.transactionId,
      outTradeNo: funds.outTradeNo,
      amount: body.amount,
    });
    return json(200, returnJson(ret));
  };

  // ---- withdrawals (二级商户余额提现) ----
  const withdrawJson = (w: Withdrawal): Record<string, unknown> => ({
    sp_mchid: keys.wechatpay.mchid,
    sub_mchid: w.subMchid,
    status: w.status,
    withdraw_id: w.withdrawId,
    out_request_no: w.outRequestNo,
    amount: w.amount,
    create_time: w.createTime,
    update_time: w.updateTime,
    reason: w.reason,
    remark: '',
    bank_memo: '',
    account_type: 'BASIC',
    account_number: '1234',
    account_bank: '招商银行',
  });

  const withdraw: MerchantHandler = (req) => {
    const parsed = parseRequest(WithdrawBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    const merchant = wp.subMerchants.get(body.sub_mchid);
    if (!merchant) return payError(404, 'RESOURCE_NOT_EXISTS', '二级商户不存在');
    const previous = wp.withdrawals.get(body.out_request_no);
    if (previous) {
      return previous.subMchid === body.sub_mchid && previous.amount === body.amount
        ? json(200, { sub_mchid: previous.subMchid, withdraw_id: previous.withdrawId, out_request_no: previous.outRequestNo })
        : payError(400, 'INVALID_REQUEST', '提现单号重复，且与原请求参数不一致');
    }
    if (body.amount > merchant.available) return payError(400, 'NOT_ENOUGH', '可提现余额不足');
    const at = rfc3339Beijing();
    const w: Withdrawal = {
      subMchid: body.sub_mchid,
      outRequestNo: body.out_request_no,
      withdrawId: `${beijingDate()}${randomDigits(18)}`,
      amount: body.amount,
      status: 'CREATE_SUCCESS',
      reason: '',
      createTime: at,
      updateTime: at,
    };
    wp.withdrawals.set(w.outRequestNo, w);
    merchant.available -= w.amount;
    merchant.postings.push({ at, kind: 'WITHDRAW', transactionId: w.withdrawId, outTradeNo: w.outRequestNo, amount: -w.amount });
    const fails = wp.withdrawalsFail;
    ctx.later(() => {
      w.updateTime = rfc3339Beijing();
      if (!fails) {
        w.status = 'SUCCESS';
        return;
      }
      // the bank refused it: the money goes back to the available balance
      w.status = 'FAIL';
      w.reason = '银行账户户名与开户名不一致';
      merchant.available += w.amount;
      merchant.postings.push({ at: w.updateTime, kind: 'WITHDRAW_RETURN', transactionId: w.withdrawId, outTradeNo: w.outRequestNo, amount: w.amount });
    }, ctx.timings.refundDelayMs);
    return json(200, { sub_mchid: w.subMchid, withdraw_id: w.withdrawId, out_request_no: w.outRequestNo });
  };

  const queryWithdraw: MerchantHandler = (req) => {
    const w = wp.withdrawals.get(req.params.no ?? '');
    return w && w.subMchid === req.url.searchParams.get('sub_mchid') ? json(200, withdrawJson(w)) : payError(404, 'RESOURCE_NOT_EXISTS', '提现单不存在');
  };

  const withdrawalsFailRoute = (req: SimRequest): SimReply => {
    const parsed = z
      .object({ fail: z.boolean() })
      .strict()
      .safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request' });
    wp.withdrawalsFail = parsed.data.fail;
    return json(200, { fail: wp.withdrawalsFail });
  };

  // ---- applyments ----
  const applymentJson = (req: SimRequest, a: Applyment): Record<string, unknown> => ({
    applyment_state: a.state,
    applyment_state_desc: APPLYMENT_DESC[a.state],
    out_request_no: a.outRequestNo,
    applyment_id: a.applymentId,
    ...(a.state === 'NEED_SIGN' || a.state === 'FINISH'
      ? {
          sign_state: a.state === 'FINISH' ? 'SIGNED' : 'UNSIGNED',
          sign_url: `${publicBase(req)}/_sim/wechatpay/applyments/sign?out_request_no=${encodeURIComponent(a.outRequestNo)}`,
        }
      : {}),
    ...(a.state === 'ACCOUNT_NEED_VERIFY'
      ? {
          account_validation: {
            account_name: '***',
            pay_amount: 12,
            destination_account_number: '7222223333322332',
            destination_account_name: '财付通支付科技有限公司',
            destination_account_bank: '招商银行深圳分行大冲支行',
            city: '深圳',
            remark: `${a.applymentId}`,
            deadline: rfc3339Beijing(Date.now() + 86_400_000),
          },
        }
      : {}),
    ...(a.subMchid ? { sub_mchid: a.subMchid } : {}),
    audit_detail: a.state === 'REJECTED' ? a.rejectReasons : [],
  });

  /** Sensitive fields are RSA-OAEP encrypted with the WeChat Pay public key named in Wechatpay-Serial. */
  const decryptsWithPlatformKey = (ciphertext: string): boolean => {
    try {
      privateDecrypt(
        { key: keys.wechatpay.platform.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
        Buffer.from(ciphertext, 'base64'),
      );
      return true;
    } catch {
      return false;
    }
  };

  const submitApplyment: MerchantHandler = (req) => {
    const parsed = parseRequest(ApplymentBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    if (header(req, 'wechatpay-serial') !== keys.wechatpay.publicKeyId) return payError(400, 'PARAM_ERROR', 'Wechatpay-Serial 与加密敏感信息的公钥不一致');
    const sensitive = [
      body.contact_info.contact_name,
      body.contact_info.mobile_phone,
      body.id_card_info?.id_card_name,
      body.id_card_info?.id_card_number,
      body.account_info?.account_name,
      body.account_info?.account_number,
    ];
    if (sensitive.some((v) => v !== undefined && !decryptsWithPlatformKey(v))) return payError(400, 'PARAM_ERROR', '敏感信息解密失败');
    const existing = wp.applyments.get(body.out_request_no);
    if (existing) return json(200, { applyment_id: existing.applymentId, out_request_no: existing.outRequestNo });
    const applyment: Applyment = {
      applymentId: 2000002000000000 + wp.applyments.size + 1,
      outRequestNo: body.out_request_no,
      organizationType: body.organization_type,
      merchantShortname: body.merchant_shortname,
      state: 'CHECKING',
      rejectReasons: [],
      createdAt: rfc3339Beijing(),
    };
    wp.applyments.set(applyment.outRequestNo, applyment);
    return json(200, { applyment_id: applyment.applymentId, out_request_no: applyment.outRequestNo });
  };

  const queryApplyment: MerchantHandler = (req) => {
    const a = req.params.no !== undefined ? wp.applyments.get(req.params.no) : [...wp.applyments.values()].find((x) => String(x.applymentId) === req.params.id);
    return a ? json(200, applymentJson(req, a)) : payError(404, 'RESOURCE_NOT_EXISTS', '申请单不存在');
  };

  /** Control: moves an applyment to `to` (default: the next state of the happy path). */
  const advance = (a: Applyment, to: ApplymentState | undefined, reasons: Applyment['rejectReasons'] = []): void => {
    const next = to ?? APPLYMENT_FLOW[Math.min(APPLYMENT_FLOW.indexOf(a.state) + 1, APPLYMENT_FLOW.length - 1)] ?? 'FINISH';
    a.state = next;
    a.rejectReasons = next === 'REJECTED' ? (reasons.length ? reasons : [{ param_name: 'id_card_copy', reject_reason: '身份证照片不清晰' }]) : [];
    if (next === 'FINISH' && !a.subMchid) {
      a.subMchid = `16${randomDigits(8)}`;
      registerSubMerchant(a.subMchid, a.merchantShortname);
    }
  };

  const advanceRoute = (req: SimRequest): SimReply => {
    const a = wp.applyments.get(req.params.no ?? '');
    if (!a) return json(404, { error: 'not_found' });
    const parsed = AdvanceBody.safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request', message: parsed.error.message });
    advance(a, parsed.data.to, parsed.data.reasons);
    return json(200, applymentJson(req, a));
  };

  const signPage = (req: SimRequest): SimReply => {
    const no = req.url.searchParams.get('out_request_no') ?? '';
    const a = wp.applyments.get(no);
    if (!a) return html('<!doctype html><p id="result">申请单不存在</p>');
    return html(`<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>签约 - 微信支付</title></head><body><h1>微信支付 电商收付通 签约</h1>
<p>商户简称: ${escapeHtml(a.merchantShortname)}</p><p id="state">${a.state}</p>
<form method="post" action="/_sim/wechatpay/applyments/sign?out_request_no=${encodeURIComponent(no)}"><button id="sign" type="submit" ${a.state === 'NEED_SIGN' ? '' : 'disabled'}>确认签约</button></form>
</body></html>`);
  };

  const sign = (req: SimRequest): SimReply => {
    const a = wp.applyments.get(req.url.searchParams.get('out_request_no') ?? '');
    if (!a || a.state !== 'NEED_SIGN') return html('<!doctype html><p id="result">当前状态不可签约</p>');
    advance(a, 'FINISH');
    return html(`<!doctype html><p id="result">签约成功，二级商户号 ${escapeHtml(a.subMchid ?? '')}</p>`);
  };

  // ---- H5 cashier ----
  const cashier = (req: SimRequest): SimReply => {
    const prepayId = req.url.searchParams.get('prepay_id') ?? '';
    const order = wp.combine.get(wp.combinePrepay.get(prepayId) ?? '');
    if (!order) return html('<!doctype html><p id="result">订单不存在</p>');
    const redirect = req.url.searchParams.get('redirect_url') ?? '';
    const total = order.subOrders.reduce((sum, s) => sum + s.total, 0);
    const rows = order.subOrders.map((s) => `<li>${escapeHtml(s.description)} — ¥${fenToYuan(s.total)}</li>`).join('');
    const form = (action: string, id: string, label: string): string =>
      `<form method="post" action="/_sim/wechatpay/cashier/${action}"><input type="hidden" name="prepay_id" value="${escapeHtml(prepayId)}"><input type="hidden" name="redirect_url" value="${escapeHtml(redirect)}"><button id="${id}" type="submit">${label}</button></form>`;
    return html(`<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>微信支付</title><style>body{font:16px system-ui,sans-serif;margin:0 auto;max-width:480px;padding:1em}
ul{padding-left:1.2em}button{display:block;width:100%;margin:.6em 0;padding:.8em;font-size:1.1em;border-radius:6px;border:0}
#pay{background:#07c160;color:#fff}#cancel{background:#eee}</style></head><body><h1>微信支付收银台</h1>
<p>订单号 <span id="combine-out-trade-no">${escapeHtml(order.combineOutTradeNo)}</span></p><ul>${rows}</ul>
<p>合计 <strong id="total">¥${fenToYuan(total)}</strong></p>
${form('pay', 'pay', '立即支付')}${form('cancel', 'cancel', '取消支付')}</body></html>`);
  };

  const cashierResult =
    (outcome: 'pay' | 'cancel') =>
    (req: SimRequest): SimReply => {
      const form = new URLSearchParams(req.text);
      const prepayId = form.get('prepay_id') ?? '';
      const redirect = form.get('redirect_url') ?? '';
      let message = '已取消支付';
      if (outcome === 'pay') {
        const reply = pay(prepayId, 'SUCCESS');
        message = reply.status === 200 ? '支付成功' : `支付失败: ${typeof reply.body === 'string' ? reply.body : ''}`;
      }
      const safeRedirect = /^https?:\/\//.test(redirect) ? redirect : '';
      if (safeRedirect) return { status: 302, headers: { location: safeRedirect } };
      return html(
        `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>微信支付</title></head><body><p id="result">${escapeHtml(message)}</p></body></html>`,
      );
    };

  // ---- notification test hooks ----
  const notifyControl = (req: SimRequest): SimReply => {
    const parsed = NotifyControlBody.safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request', message: parsed.error.message });
    Object.assign(wp.notifyControl, parsed.data);
    const { copies, delayMs, hold, held } = wp.notifyControl;
    return json(200, { copies, delayMs, hold, held: held.length });
  };

  const release = (req: SimRequest): SimReply => {
    const order = z.object({ order: z.enum(['fifo', 'reverse']).default('fifo') }).safeParse(JSON.parse(req.text || '{}'));
    if (!order.success) return json(400, { error: 'bad_request' });
    wp.notifyControl.hold = false;
    return json(200, { released: releaseHeld(ctx, order.data.order) });
  };

  const resend = (req: SimRequest): SimReply => {
    const job = wp.sentNotifications.get(req.params.id ?? '');
    if (!job) return json(404, { error: 'not_found' });
    const copies = z.object({ copies: z.number().int().min(1).max(50).default(1) }).safeParse(JSON.parse(req.text || '{}'));
    if (!copies.success) return json(400, { error: 'bad_request' });
    for (let i = 0; i < copies.data.copies; i += 1) ctx.notifier.send(job);
    return json(200, { resent: copies.data.copies });
  };

  const subMerchantsRoute = (): SimReply =>
    json(200, {
      sub_merchants: [...wp.subMerchants.values()].map((m) => ({ ...balanceJson(m), name: m.name, postings: m.postings })),
      funds: [...wp.funds.values()],
    });

  const addSubMerchant = (req: SimRequest): SimReply => {
    const parsed = z
      .object({ sub_mchid: z.string().regex(/^\d{10}$/), name: z.string().min(1) })
      .strict()
      .safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request', message: parsed.error.message });
    return json(200, balanceJson(registerSubMerchant(parsed.data.sub_mchid, parsed.data.name)));
  };

  /** Test hook: a combine order as the query API would answer it, without signing a request. */
  const combineRoute = (req: SimRequest): SimReply => {
    const order = wp.combine.get(req.params.no ?? '');
    return order ? json(200, combineJson(order)) : json(404, { error: 'not_found' });
  };

  const routes: Route[] = [
    { method: 'POST', path: '/v3/combine-transactions/jsapi', handler: authenticated(createJsapi) },
    { method: 'POST', path: '/v3/combine-transactions/h5', handler: authenticated(createH5) },
    { method: 'GET', path: /^\/v3\/combine-transactions\/out-trade-no\/(?<no>[^/]+)$/, handler: authenticated(query) },
    { method: 'POST', path: /^\/v3\/combine-transactions\/out-trade-no\/(?<no>[^/]+)\/close$/, handler: authenticated(close) },
    { method: 'GET', path: /^\/v3\/ecommerce\/fund\/balance\/(?<sub>[^/]+)$/, handler: authenticated(balance) },
    { method: 'POST', path: '/v3/ecommerce/refunds/apply', handler: authenticated(applyRefund) },
    { method: 'GET', path: /^\/v3\/ecommerce\/refunds\/out-refund-no\/(?<no>[^/]+)$/, handler: authenticated(queryRefund) },
    { method: 'POST', path: '/v3/ecommerce/profitsharing/orders', handler: authenticated(createSharing) },
    { method: 'GET', path: '/v3/ecommerce/profitsharing/orders', handler: authenticated(querySharing) },
    { method: 'POST', path: '/v3/ecommerce/profitsharing/finish-order', handler: authenticated(finishSharing) },
    { method: 'POST', path: '/v3/ecommerce/profitsharing/returnorders', handler: authenticated(returnSharing) },
    { method: 'POST', path: '/v3/ecommerce/fund/withdraw', handler: authenticated(withdraw) },
    { method: 'GET', path: /^\/v3\/ecommerce\/fund\/withdraw\/out-request-no\/(?<no>[^/]+)$/, handler: authenticated(queryWithdraw) },
    { method: 'POST', path: '/_sim/wechatpay/withdrawals-fail', handler: withdrawalsFailRoute },
    { method: 'POST', path: '/v3/ecommerce/applyments/', handler: authenticated(submitApplyment) },
    { method: 'GET', path: /^\/v3\/ecommerce\/applyments\/out-request-no\/(?<no>[^/]+)$/, handler: authenticated(queryApplyment) },
    { method: 'GET', path: /^\/v3\/ecommerce\/applyments\/(?<id>\d+)$/, handler: authenticated(queryApplyment) },
    { method: 'GET', path: '/_sim/wechatpay/cashier', handler: cashier },
    { method: 'POST', path: '/_sim/wechatpay/cashier/pay', handler: cashierResult('pay') },
    { method: 'POST', path: '/_sim/wechatpay/cashier/cancel', handler: cashierResult('cancel') },
    { method: 'GET', path: '/_sim/wechatpay/applyments/sign', handler: signPage },
    { method: 'POST', path: '/_sim/wechatpay/applyments/sign', handler: sign },
    { method: 'POST', path: /^\/_sim\/wechatpay\/applyments\/(?<no>[^/]+)\/advance$/, handler: advanceRoute },
    { method: 'GET', path: /^\/_sim\/wechatpay\/combine\/(?<no>[^/]+)$/, handler: combineRoute },
    { method: 'GET', path: '/_sim/wechatpay/sub-merchants', handler: subMerchantsRoute },
    { method: 'POST', path: '/_sim/wechatpay/sub-merchants', handler: addSubMerchant },
    { method: 'POST', path: '/_sim/wechatpay/notify-control', handler: notifyControl },
    { method: 'POST', path: '/_sim/wechatpay/notify-control/release', handler: release },
    { method: 'POST', path: /^\/_sim\/wechatpay\/notifications\/(?<id>[^/]+)\/resend$/, handler: resend },
  ];
  return { routes, pay };
}

/**
 * Order shipping management (微信小程序发货信息管理) tells the pay side: funds of a paid sub-order become
 * releasable (to profit sharing and unfreezing) once WeChat has both its shipping upload and the receipt.
 */
export function markFunds(ctx: SimContext, transactionId: string, event: 'shipped' | 'received'): SubOrderFunds | undefined {
  const wp = ctx.state.wechatpay;
  const funds = wp.funds.get(transactionId);
  if (!funds) return undefined;
  if (event === 'shipped') funds.shippingUploaded = true;
  else funds.receiptConfirmed = true;
  if (funds.shippingUploaded && funds.receiptConfirmed && !funds.releasable) {
    // NOTE: the money stays frozen; profit sharing (a later issue) splits it and unfreezes the rest.
    wp.subMerchants
      .get(funds.subMchid)
      ?.postings.push({ at: rfc3339Beijing(), kind: 'RELEASABLE', transactionId, outTradeNo: funds.outTradeNo, amount: funds.amount });
    funds.releasable = true;
  }
  return funds;
}
