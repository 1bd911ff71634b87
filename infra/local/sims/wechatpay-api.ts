/**
 * WeChat Pay API v3, JSAPI payments (api.mch.weixin.qq.com): every /v3 request must carry a valid
 * merchant signature; every answer and notification is signed with the platform key.
 */
import { z } from 'zod';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, json } from './http';
import type { WechatPayOrder, WechatPayRefund, WechatPayTradeState } from './state';
import { beijingDate, randomChars, randomDigits, rfc3339Beijing } from './util';
import { verifyPaySign } from './wechatpay-crypto';
import type { EcommerceSim } from './wechatpay-ecommerce-api';
import { type MerchantHandler, parseRequest, payError, wechatpayServer } from './wechatpay-server';

const TRADE_STATE_DESC: Record<WechatPayTradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
  PAYERROR: '支付失败',
};

function transactionJson(order: WechatPayOrder): Record<string, unknown> {
  const paid = order.transactionId !== undefined;
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    ...(paid ? { transaction_id: order.transactionId, bank_type: 'OTHERS', success_time: order.successTime } : {}),
    trade_type: 'JSAPI',
    trade_state: order.tradeState,
    trade_state_desc: TRADE_STATE_DESC[order.tradeState],
    attach: '',
    payer: { openid: order.openid },
    amount: {
      total: order.total,
      currency: order.currency,
      ...(paid ? { payer_total: order.total, payer_currency: order.currency } : {}),
    },
  };
}

function refundJson(refund: WechatPayRefund): Record<string, unknown> {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime ? { success_time: refund.successTime } : {}),
    create_time: refund.createTime,
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.total,
      refund: refund.refund,
      payer_total: refund.total,
      payer_refund: refund.refund,
      settlement_total: refund.total,
      settlement_refund: refund.refund,
      discount_refund: 0,
      refund_fee: 0,
      currency: refund.currency,
    },
    promotion_detail: [],
  };
}

const OUT_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

const JsapiBody = z.object({
  appid: z.string(),
  mchid: z.string(),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/),
  time_expire: z.string().optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.url(),
  amount: z.object({ total: z.number().int().positive(), currency: z.literal('CNY').optional() }),
  payer: z.object({ openid: z.string().min(1) }),
});

const RefundBody = z.object({
  transaction_id: z.string().optional(),
  out_trade_no: z.string().optional(),
  out_refund_no: z.string().regex(OUT_NO),
  reason: z.string().max(80).optional(),
  notify_url: z.url().optional(),
  funds_account: z.string().optional(),
  amount: z.object({
    refund: z.number().int().positive(),
    total: z.number().int().positive(),
    currency: z.literal('CNY'),
  }),
});

const PayBody = z.object({
  prepay_id: z.string().optional(),
  timeStamp: z.string().optional(),
  nonceStr: z.string().optional(),
  package: z.string().optional(),
  signType: z.literal('RSA').optional(),
  paySign: z.string().optional(),
  outcome: z.enum(['SUCCESS', 'FAIL']).optional(),
});

export function wechatpayRoutes(ctx: SimContext, ecommerce: EcommerceSim): Route[] {
  const { keys, state, timings } = ctx;
  const pay = keys.wechatpay;

  const { authenticated, notify } = wechatpayServer(ctx);

  const createJsapi: MerchantHandler = (req, mchid) => {
    const parsed = parseRequest(JsapiBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    if (body.mchid !== mchid) return payError(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
    if (body.appid !== keys.wechat.appid) return payError(400, 'PARAM_ERROR', 'appid和mch_id不匹配');
    const existing = state.wechatpay.orders.get(body.out_trade_no);
    if (existing) return repeatPrepay(existing, body);
    const prepayId = `wx${beijingDate()}${randomChars(24, '0123456789abcdef')}`;
    state.wechatpay.orders.set(body.out_trade_no, {
      appid: body.appid,
      mchid,
      outTradeNo: body.out_trade_no,
      description: body.description,
      notifyUrl: body.notify_url,
      total: body.amount.total,
      currency: body.amount.currency ?? 'CNY',
      openid: body.payer.openid,
      prepayId,
      tradeState: 'NOTPAY',
      refundedFen: 0,
    });
    state.wechatpay.prepay.set(prepayId, body.out_trade_no);
    return json(200, { prepay_id: prepayId });
  };

  /** A repeated out_trade_no: same parameters get the same prepay_id, different ones are refused. */
  const repeatPrepay = (order: WechatPayOrder, body: z.infer<typeof JsapiBody>): SimReply => {
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return payError(400, 'ORDERPAID', '该订单已支付');
    if (order.tradeState === 'CLOSED') return payError(400, 'ORDER_CLOSED', '该订单已关');
    const same = order.total === body.amount.total && order.openid === body.payer.openid && order.description === body.description;
    if (!same) return payError(400, 'INVALID_REQUEST', '201 商户订单号重复');
    return json(200, { prepay_id: order.prepayId });
  };

  const checkMchidQuery = (req: SimRequest, mchid: string): SimReply | undefined =>
    req.url.searchParams.get('mchid') === mchid ? undefined : payError(400, 'PARAM_ERROR', 'mchid参数错误');

  const queryByOutTradeNo: MerchantHandler = (req, mchid) => {
    const order = state.wechatpay.orders.get(req.params.no ?? '');
    return checkMchidQuery(req, mchid) ?? (order ? json(200, transactionJson(order)) : payError(404, 'ORDER_NOT_EXIST', '订单不存在'));
  };

  const queryByTransactionId: MerchantHandler = (req, mchid) => {
    const order = [...state.wechatpay.orders.values()].find((o) => o.transactionId === req.params.id);
    return checkMchidQuery(req, mchid) ?? (order ? json(200, transactionJson(order)) : payError(404, 'ORDER_NOT_EXIST', '订单不存在'));
  };

  const close: MerchantHandler = (req, mchid) => {
    const parsed = parseRequest(z.object({ mchid: z.string() }), req.text);
    if ('reply' in parsed) return parsed.reply;
    if (parsed.data.mchid !== mchid) return payError(400, 'PARAM_ERROR', 'mchid参数错误');
    const order = state.wechatpay.orders.get(req.params.no ?? '');
    if (!order) return payError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return payError(400, 'ORDERPAID', '该订单已支付');
    order.tradeState = 'CLOSED';
    return { status: 204 };
  };

  const createRefund: MerchantHandler = (req) => {
    const parsed = parseRequest(RefundBody, req.text);
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    const order = body.out_trade_no
      ? state.wechatpay.orders.get(body.out_trade_no)
      : [...state.wechatpay.orders.values()].find((o) => o.transactionId !== undefined && o.transactionId === body.transaction_id);
    if (!order) return payError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const previous = state.wechatpay.refunds.get(body.out_refund_no);
    if (previous) {
      const same = previous.outTradeNo === order.outTradeNo && previous.refund === body.amount.refund;
      return same ? json(200, refundJson(previous)) : payError(400, 'INVALID_REQUEST', '退款单号重复，且与原请求参数不一致');
    }
    return startRefund(order, body);
  };

  const startRefund = (order: WechatPayOrder, body: z.infer<typeof RefundBody>): SimReply => {
    if (!order.transactionId || (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')) {
      return payError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    }
    if (body.amount.total !== order.total) return payError(400, 'PARAM_ERROR', '订单金额total与原订单不一致');
    if (body.amount.refund > order.total - order.refundedFen) {
      return payError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    }
    const refund: WechatPayRefund = {
      refundId: `50${randomDigits(30)}`,
      outRefundNo: body.out_refund_no,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      refund: body.amount.refund,
      total: order.total,
      currency: body.amount.currency,
      status: 'PROCESSING',
      createTime: rfc3339Beijing(),
      notifyUrl: body.notify_url ?? order.notifyUrl,
    };
    state.wechatpay.refunds.set(refund.outRefundNo, refund);
    order.refundedFen += refund.refund;
    order.tradeState = 'REFUND';
    ctx.later(() => completeRefund(refund), timings.refundDelayMs);
    return json(200, refundJson(refund));
  };

  const completeRefund = (refund: WechatPayRefund): void => {
    refund.status = 'SUCCESS';
    refund.successTime = rfc3339Beijing();
    notify(refund.notifyUrl, 'REFUND.SUCCESS', '退款成功', 'refund', {
      mchid: pay.mchid,
      out_trade_no: refund.outTradeNo,
      transaction_id: refund.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: 'SUCCESS',
      success_time: refund.successTime,
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    });
  };

  const queryRefund: MerchantHandler = (req) => {
    const refund = state.wechatpay.refunds.get(req.params.no ?? '');
    return refund ? json(200, refundJson(refund)) : payError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  };

  /** Stands in for the shopper confirming wx.requestPayment (verifies paySign when given). */
  const devPay = (req: SimRequest): SimReply => {
    const parsed = parseRequest(PayBody, req.text || '{}');
    if ('reply' in parsed) return parsed.reply;
    const body = parsed.data;
    const prepayId = body.prepay_id ?? body.package?.replace(/^prepay_id=/, '');
    if (body.package !== undefined) {
      const { timeStamp, nonceStr, paySign } = body;
      const valid =
        timeStamp !== undefined &&
        nonceStr !== undefined &&
        paySign !== undefined &&
        verifyPaySign(pay.merchant.publicKey, { appId: keys.wechat.appid, timeStamp, nonceStr, package: body.package, paySign });
      if (!valid) return payError(401, 'SIGN_ERROR', 'paySign验证失败');
    }
    if (prepayId !== undefined && state.wechatpay.combinePrepay.has(prepayId)) return ecommerce.pay(prepayId, body.outcome ?? 'SUCCESS');
    const order = state.wechatpay.orders.get(state.wechatpay.prepay.get(prepayId ?? '') ?? '');
    if (!order) return payError(404, 'ORDER_NOT_EXIST', 'prepay_id不存在');
    if (order.tradeState !== 'NOTPAY' && order.tradeState !== 'PAYERROR') {
      return payError(409, 'ORDER_STATE_ERROR', `订单状态为${order.tradeState}`);
    }
    if (body.outcome === 'FAIL') {
      order.tradeState = 'PAYERROR';
      return json(200, { trade_state: order.tradeState });
    }
    order.tradeState = 'SUCCESS';
    order.transactionId = `42000${beijingDate()}${randomDigits(15)}`;
    order.successTime = rfc3339Beijing();
    notify(order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', transactionJson(order));
    return json(200, { trade_state: order.tradeState, transaction_id: order.transactionId });
  };

  const listNotifications = (): SimReply => json(200, { attempts: state.notifications.filter((n) => n.channel === 'wechatpay') });

  return [
    { method: 'POST', path: '/v3/pay/transactions/jsapi', handler: authenticated(createJsapi) },
    { method: 'GET', path: /^\/v3\/pay\/transactions\/out-trade-no\/(?<no>[^/]+)$/, handler: authenticated(queryByOutTradeNo) },
    { method: 'GET', path: /^\/v3\/pay\/transactions\/id\/(?<id>[^/]+)$/, handler: authenticated(queryByTransactionId) },
    { method: 'POST', path: /^\/v3\/pay\/transactions\/out-trade-no\/(?<no>[^/]+)\/close$/, handler: authenticated(close) },
    { method: 'POST', path: '/v3/refund/domestic/refunds', handler: authenticated(createRefund) },
    { method: 'GET', path: /^\/v3\/refund\/domestic\/refunds\/(?<no>[^/]+)$/, handler: authenticated(queryRefund) },
    { method: 'POST', path: '/_sim/wechatpay/pay', handler: devPay },
    { method: 'GET', path: '/_sim/wechatpay/notifications', handler: listNotifications },
  ];
}
