/**
 * Alipay open platform gateway (openapi.alipay.com/gateway.do), RSA2: oauth token, trade create /
 * query / refund / close, and async `trade_status_sync` notifications; the daily bill's method and
 * download are in alipay-bills.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { alipayBills } from './alipay-bills';
import { rsa2Sign, signNotification, verifyAppRequest } from './alipay-crypto';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, json, parseBody } from './http';
import type { AlipayTrade } from './state';
import { beijingDate, beijingDateTime, fenToYuan, randomChars, randomDigits, randomHex, yuanToFen } from './util';

type Payload = Record<string, unknown>;
/** What a method handler decides; the gateway wraps and signs it. */
type Outcome = { ok: Payload } | { fail: { subCode: string; subMsg: string; code?: string; msg?: string } };
type MethodHandler = (params: Record<string, string>, biz: Payload, req: SimRequest) => Outcome;

const MAX_TIMESTAMP_SKEW_MS = 15 * 60 * 1000;
const fail = (subCode: string, subMsg: string): Outcome => ({ fail: { subCode, subMsg } });
const invalidArgument = (subCode: string, subMsg: string): Outcome => ({
  fail: { code: '40002', msg: 'Invalid Arguments', subCode, subMsg },
});

const TradeRef = z.object({ out_trade_no: z.string().optional(), trade_no: z.string().optional() });
const CreateBiz = z.object({
  out_trade_no: z.string().min(1).max(64),
  total_amount: z.string(),
  subject: z.string().min(1).max(256),
  buyer_id: z.string().optional(),
  buyer_open_id: z.string().optional(),
  product_code: z.string().optional(),
  body: z.string().optional(),
  sub_merchant: z
    .object({ merchant_id: z.string().min(1), merchant_type: z.enum(['alipay']).optional() })
    .strict()
    .optional(),
  settle_info: z
    .object({
      settle_detail_infos: z.array(z.object({ trans_in_type: z.literal('defaultSettle'), amount: z.string() }).strict()).length(1),
      settle_period_time: z.string().optional(),
    })
    .strict()
    .optional(),
});
const MergeBiz = z.object({
  out_merge_no: z.string().min(1).max(64),
  timeout_express: z.string().optional(),
  order_details: z
    .array(CreateBiz.extend({ app_id: z.string() }))
    .min(1)
    .max(10),
});
const SettleConfirmBiz = z.object({
  out_request_no: z.string().min(1).max(64),
  trade_no: z.string().min(1),
  settle_info: z
    .object({ settle_detail_infos: z.array(z.object({ trans_in_type: z.literal('defaultSettle'), amount: z.string() }).strict()).length(1) })
    .strict(),
});

/** Alipay 直付通 sub-merchants every simulator starts with (the demo stores are seeded with these smids). */
export const DEMO_ALIPAY_SUB_MERCHANTS: readonly { smid: string; name: string }[] = [
  { smid: '2088000000000101', name: '演示店铺一' },
  { smid: '2088000000000102', name: '演示店铺二' },
];
const RefundBiz = TradeRef.extend({
  refund_amount: z.string(),
  out_request_no: z.string().max(64).optional(),
  refund_reason: z.string().optional(),
});

const openIdOf = (userId: string): string => `0${createHash('sha256').update(`open:${userId}`).digest('hex').slice(0, 43)}`;

export function alipayRoutes(ctx: SimContext): Route[] {
  const { keys, state } = ctx;
  const sellerId = `2088${keys.alipay.appid.slice(-12)}`;
  for (const demo of DEMO_ALIPAY_SUB_MERCHANTS) {
    if (!state.alipay.subMerchants.has(demo.smid))
      state.alipay.subMerchants.set(demo.smid, { smid: demo.smid, name: demo.name, pendingFen: 0, settledFen: 0, postings: [] });
  }

  /** `{"<key>":<payload text>,"sign":"..."}`; the sign covers the exact payload text. */
  const respond = (key: string, payload: Payload, signed: boolean): SimReply => {
    // NOTE: like the real gateway, slashes are escaped; a client that re-serialises instead of
    // verifying the exact text it received will fail here.
    const text = JSON.stringify(payload).replace(/\//g, '\\/');
    const sign = signed ? `,"sign":"${rsa2Sign(keys.alipay.platform.privateKey, text)}"` : '';
    return { status: 200, headers: { 'content-type': 'text/html;charset=utf-8' }, body: `{"${key}":${text}${sign}}` };
  };

  const findTrade = (ref: z.infer<typeof TradeRef>): AlipayTrade | undefined => {
    const tradeNo = ref.trade_no ?? state.alipay.byOutTradeNo.get(ref.out_trade_no ?? '');
    return state.alipay.trades.get(tradeNo ?? '');
  };

  const tradeNotify = (trade: AlipayTrade, extra: Record<string, string>): void => {
    if (!trade.notifyUrl) return;
    const url = trade.notifyUrl;
    const notifyId = randomHex(16);
    const paid = trade.paidAt !== undefined ? fenToYuan(trade.totalFen) : '0.00';
    const params = signNotification(keys.alipay.platform.privateKey, {
      notify_time: beijingDateTime(),
      notify_type: 'trade_status_sync',
      notify_id: notifyId,
      app_id: keys.alipay.appid,
      auth_app_id: keys.alipay.appid,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_id: trade.buyerId,
      seller_id: sellerId,
      trade_status: trade.status,
      subject: trade.subject,
      total_amount: fenToYuan(trade.totalFen),
      receipt_amount: paid,
      buyer_pay_amount: paid,
      invoice_amount: paid,
      point_amount: '0.00',
      fund_bill_list: JSON.stringify([{ amount: paid, fundChannel: 'ALIPAYACCOUNT' }]),
      gmt_create: beijingDateTime(trade.createdAt),
      gmt_payment: trade.paidAt !== undefined ? beijingDateTime(trade.paidAt) : '',
      ...extra,
    });
    ctx.notifier.send({
      channel: 'alipay',
      notificationId: notifyId,
      event: extra.refund_fee ? `${trade.status} (refund)` : trade.status,
      url,
      build: () => ({
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(params).toString(),
      }),
      // NOTE: Alipay only stops retrying when the body is exactly "success".
      accepts: (status, body) => status === 200 && body === 'success',
    });
  };

  const oauthToken: MethodHandler = (params) => {
    if (params.grant_type !== 'authorization_code') return invalidArgument('isv.grant-type-invalid', 'grant_type无效');
    const entry = state.alipay.codes.get(params.code ?? '');
    if (!entry || entry.used || entry.expiresAt <= Date.now()) return invalidArgument('isv.code-invalid', '授权码code无效');
    entry.used = true;
    return {
      ok: {
        user_id: entry.openid,
        open_id: openIdOf(entry.openid),
        access_token: `authusrB${randomHex(16)}`,
        expires_in: 1296000,
        refresh_token: `authusrB${randomHex(16)}`,
        re_expires_in: 2592000,
        auth_start: beijingDateTime(),
      },
    };
  };

  const createTrade: MethodHandler = (params, raw) => {
    const biz = CreateBiz.safeParse(raw);
    if (!biz.success) return fail('ACQ.INVALID_PARAMETER', `参数无效: ${biz.error.issues[0]?.path.join('.') ?? ''}`);
    const { out_trade_no: outTradeNo, total_amount: totalAmount, subject } = biz.data;
    const totalFen = yuanToFen(totalAmount);
    if (totalFen === undefined || totalFen < 1) return fail('ACQ.INVALID_PARAMETER', 'total_amount无效');
    const buyerId = biz.data.buyer_id ?? biz.data.buyer_open_id;
    if (!buyerId) return fail('ACQ.INVALID_PARAMETER', '买家ID不能为空');
    const subMerchantId = biz.data.sub_merchant?.merchant_id;
    if (subMerchantId !== undefined) {
      if (!state.alipay.subMerchants.has(subMerchantId)) return fail('ACQ.SUB_MERCHANT_NOT_EXIST', '二级商户不存在');
      const settle = biz.data.settle_info?.settle_detail_infos[0];
      if (!settle) return fail('ACQ.INVALID_PARAMETER', '直付通交易必须传入settle_info');
      if (yuanToFen(settle.amount) !== totalFen) return fail('ACQ.SETTLE_AMOUNT_ERROR', '结算金额与订单金额不一致');
    }
    const existing = findTrade({ out_trade_no: outTradeNo });
    if (existing) return repeatCreate(existing, { totalFen, subject, buyerId });
    const trade: AlipayTrade = {
      ...(subMerchantId !== undefined ? { subMerchantId } : {}),
      settledFen: 0,
      tradeNo: `${beijingDate()}22001${randomDigits(15)}`,
      outTradeNo,
      totalFen,
      subject,
      buyerId,
      notifyUrl: params.notify_url || undefined,
      status: 'WAIT_BUYER_PAY',
      createdAt: Date.now(),
      refundedFen: 0,
    };
    state.alipay.trades.set(trade.tradeNo, trade);
    state.alipay.byOutTradeNo.set(outTradeNo, trade.tradeNo);
    return { ok: { out_trade_no: outTradeNo, trade_no: trade.tradeNo } };
  };

  const repeatCreate = (trade: AlipayTrade, again: { totalFen: number; subject: string; buyerId: string }): Outcome => {
    if (trade.status === 'TRADE_SUCCESS' || trade.status === 'TRADE_FINISHED') return fail('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
    if (trade.status === 'TRADE_CLOSED') return fail('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
    const same = trade.totalFen === again.totalFen && trade.subject === again.subject && trade.buyerId === again.buyerId;
    if (!same) return fail('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
    return { ok: { out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo } };
  };

  const tradeSummary = (trade: AlipayTrade): Payload => ({
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: '159****5620',
    buyer_user_id: trade.buyerId,
  });

  const queryTrade: MethodHandler = (_params, raw) => {
    const trade = findTrade(TradeRef.safeParse(raw).data ?? {});
    if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
    const paid = trade.paidAt !== undefined ? fenToYuan(trade.totalFen) : '0.00';
    return {
      ok: {
        ...tradeSummary(trade),
        trade_status: trade.status,
        total_amount: fenToYuan(trade.totalFen),
        buyer_pay_amount: paid,
        receipt_amount: paid,
        ...(trade.paidAt !== undefined ? { send_pay_date: beijingDateTime(trade.paidAt) } : {}),
      },
    };
  };

  const refundTrade: MethodHandler = (_params, raw) => {
    const biz = RefundBiz.safeParse(raw);
    if (!biz.success) return fail('ACQ.INVALID_PARAMETER', '参数无效');
    const trade = findTrade(biz.data);
    if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
    const refundFen = yuanToFen(biz.data.refund_amount);
    if (refundFen === undefined || refundFen < 1) return fail('ACQ.INVALID_PARAMETER', 'refund_amount无效');
    const outRequestNo = biz.data.out_request_no ?? trade.outTradeNo;
    const previous = state.alipay.refunds.get(`${trade.tradeNo}|${outRequestNo}`);
    if (previous) {
      if (previous.refundFen !== refundFen) return fail('ACQ.CONTEXT_INCONSISTENT', '退款请求号对应的退款金额不一致');
      return { ok: { ...tradeSummary(trade), fund_change: 'N', refund_fee: fenToYuan(trade.refundedFen) } };
    }
    if (trade.status === 'WAIT_BUYER_PAY') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    if (refundFen > trade.totalFen - trade.refundedFen) return fail('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
    const at = Date.now();
    state.alipay.refunds.set(`${trade.tradeNo}|${outRequestNo}`, { tradeNo: trade.tradeNo, outRequestNo, refundFen, at });
    trade.refundedFen += refundFen;
    if (trade.refundedFen === trade.totalFen) trade.status = 'TRADE_CLOSED';
    // 直付通: the refund leaves the sub-merchant's pending (not yet settled) money
    const merchant = trade.subMerchantId ? state.alipay.subMerchants.get(trade.subMerchantId) : undefined;
    if (merchant) {
      merchant.pendingFen -= refundFen;
      merchant.postings.push({ at: beijingDateTime(at), kind: 'REFUND', tradeNo: trade.tradeNo, amountFen: refundFen });
    }
    const refundFee = fenToYuan(trade.refundedFen);
    tradeNotify(trade, { refund_fee: refundFee, gmt_refund: `${beijingDateTime(at)}.000`, out_biz_no: outRequestNo });
    return { ok: { ...tradeSummary(trade), fund_change: 'Y', refund_fee: refundFee, gmt_refund_pay: beijingDateTime(at) } };
  };

  const closeTrade: MethodHandler = (_params, raw) => {
    const trade = findTrade(TradeRef.safeParse(raw).data ?? {});
    if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
    if (trade.status !== 'WAIT_BUYER_PAY') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    trade.status = 'TRADE_CLOSED';
    return { ok: { trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo } };
  };

  /** 直付通 合并支付: one payment for several stores' trades; pay it with the pre_order_no. */
  const mergePrecreate: MethodHandler = (params, raw, req) => {
    const biz = MergeBiz.safeParse(raw);
    if (!biz.success) return fail('ACQ.INVALID_PARAMETER', `参数无效: ${biz.error.issues[0]?.path.join('.') ?? ''}`);
    const existing = [...state.alipay.merges.entries()].find(([, m]) => m.outMergeNo === biz.data.out_merge_no);
    if (existing) return { ok: { out_merge_no: biz.data.out_merge_no, pre_order_no: existing[0] } };
    const tradeNos: string[] = [];
    const results: Payload[] = [];
    for (const detail of biz.data.order_details) {
      if (detail.app_id !== keys.alipay.appid) return fail('ACQ.INVALID_PARAMETER', 'app_id无效');
      const { app_id: _appId, ...order } = detail;
      const outcome = createTrade(params, order, req);
      if ('fail' in outcome) return outcome;
      const tradeNo = String(outcome.ok.trade_no);
      tradeNos.push(tradeNo);
      results.push({ app_id: detail.app_id, out_trade_no: detail.out_trade_no, trade_no: tradeNo, result_code: 'SUCCESS' });
    }
    const preOrderNo = `${beijingDate()}${randomDigits(18)}`;
    for (const tradeNo of tradeNos) {
      const trade = state.alipay.trades.get(tradeNo);
      if (trade) trade.preOrderNo = preOrderNo;
    }
    state.alipay.merges.set(preOrderNo, { outMergeNo: biz.data.out_merge_no, tradeNos });
    return { ok: { out_merge_no: biz.data.out_merge_no, pre_order_no: preOrderNo, order_detail_results: results } };
  };

  /** 直付通: after delivery, the platform confirms settlement; the store's pending money becomes settled. */
  const settleConfirm: MethodHandler = (_params, raw) => {
    const biz = SettleConfirmBiz.safeParse(raw);
    if (!biz.success) return fail('ACQ.INVALID_PARAMETER', '参数无效');
    const trade = state.alipay.trades.get(biz.data.trade_no);
    if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
    if (!trade.subMerchantId) return fail('ACQ.TRADE_NOT_ALLOW_SETTLE', '非直付通交易不能结算');
    if (trade.status !== 'TRADE_SUCCESS' && trade.status !== 'TRADE_FINISHED') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    const amountFen = yuanToFen(biz.data.settle_info.settle_detail_infos[0]?.amount ?? '');
    if (amountFen === undefined || amountFen < 1) return fail('ACQ.INVALID_PARAMETER', 'amount无效');
    const key = `${trade.tradeNo}|${biz.data.out_request_no}`;
    const previous = state.alipay.settlements.get(key);
    if (previous !== undefined) {
      return previous === amountFen
        ? { ok: { trade_no: trade.tradeNo, out_request_no: biz.data.out_request_no, settle_amount: fenToYuan(amountFen) } }
        : fail('ACQ.CONTEXT_INCONSISTENT', '结算请求号对应的金额不一致');
    }
    if (amountFen > trade.totalFen - trade.refundedFen - trade.settledFen) return fail('ACQ.SETTLE_AMOUNT_ERROR', '结算金额超过可结算金额');
    const merchant = state.alipay.subMerchants.get(trade.subMerchantId);
    state.alipay.settlements.set(key, amountFen);
    trade.settledFen += amountFen;
    if (merchant) {
      merchant.pendingFen -= amountFen;
      merchant.settledFen += amountFen;
      merchant.postings.push({ at: beijingDateTime(), kind: 'SETTLED', tradeNo: trade.tradeNo, amountFen });
    }
    return { ok: { trade_no: trade.tradeNo, out_request_no: biz.data.out_request_no, settle_amount: fenToYuan(amountFen) } };
  };

  const bills = alipayBills(ctx);
  const methods: Record<string, MethodHandler> = {
    'alipay.data.dataservice.bill.downloadurl.query': (_params, biz, req) => bills.query(biz, req),
    'alipay.trade.merge.precreate': mergePrecreate,
    'alipay.trade.settle.confirm': settleConfirm,
    'alipay.system.oauth.token': oauthToken,
    'alipay.trade.create': createTrade,
    'alipay.trade.query': queryTrade,
    'alipay.trade.refund': refundTrade,
    'alipay.trade.close': closeTrade,
  };

  /** Checks the common parameters and the signature; an unsigned `error_response` when they fail. */
  const checkCommon = (params: Record<string, string>): SimReply | undefined => {
    const reject = (subCode: string, subMsg: string): SimReply =>
      respond('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg }, false);
    if (params.app_id !== keys.alipay.appid) return reject('isv.invalid-app-id', '无效的AppID参数');
    if (!params.method || !methods[params.method]) return reject('isv.invalid-method', '不存在的方法名');
    if (params.sign_type !== 'RSA2') return reject('isv.invalid-signature-type', '无效的签名类型');
    if ((params.charset ?? 'utf-8').toLowerCase() !== 'utf-8') return reject('isv.invalid-charset', '字符集错误');
    const sentAt = Date.parse(`${(params.timestamp ?? '').replace(' ', 'T')}+08:00`);
    if (Number.isNaN(sentAt)) return reject('isv.invalid-timestamp', '非法的时间戳参数');
    if (Math.abs(Date.now() - sentAt) > MAX_TIMESTAMP_SKEW_MS) return reject('isv.invalid-timestamp', '时间戳已过期');
    const verdict = verifyAppRequest(keys.alipay.app.publicKey, params);
    if (!verdict.ok)
      return reject('isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${verdict.content}`);
    return undefined;
  };

  const gateway = (req: SimRequest): SimReply => {
    const params: Record<string, string> = {
      ...Object.fromEntries(req.url.searchParams),
      ...Object.fromEntries(new URLSearchParams(req.text)),
    };
    const rejected = checkCommon(params);
    if (rejected) return rejected;
    const method = params.method ?? '';
    const handler = methods[method];
    const biz = parseBody(z.record(z.string(), z.unknown()), params.biz_content ?? '{}');
    const outcome: Outcome = !handler || !biz ? fail('ACQ.INVALID_PARAMETER', 'biz_content无效') : handler(params, biz, req);
    const isOauth = method === 'alipay.system.oauth.token';
    const key = `${method.replace(/\./g, '_')}_response`;
    if ('ok' in outcome) return respond(key, isOauth ? outcome.ok : { code: '10000', msg: 'Success', ...outcome.ok }, true);
    const { code = '40004', msg = 'Business Failed', subCode, subMsg } = outcome.fail;
    // NOTE: oauth.token errors come back as error_response, business errors under the method's key.
    return respond(isOauth ? 'error_response' : key, { code, msg, sub_code: subCode, sub_msg: subMsg }, true);
  };

  const devAuth = (req: SimRequest): SimReply => {
    const body = parseBody(z.object({ userId: z.string().min(1).optional() }), req.text || '{}');
    if (!body) return json(400, { error: 'body must be {userId?: string}' });
    const userId = body.userId ?? `2088${randomDigits(12)}`;
    const authCode = randomChars(32);
    state.alipay.codes.set(authCode, { openid: userId, expiresAt: Date.now() + ctx.timings.codeTtlMs, used: false });
    return json(200, { authCode, userId });
  };

  const payOne = (trade: AlipayTrade): void => {
    trade.status = 'TRADE_SUCCESS';
    trade.paidAt = Date.now();
    const merchant = trade.subMerchantId ? state.alipay.subMerchants.get(trade.subMerchantId) : undefined;
    if (merchant) {
      merchant.pendingFen += trade.totalFen;
      merchant.postings.push({ at: beijingDateTime(), kind: 'PAID', tradeNo: trade.tradeNo, amountFen: trade.totalFen });
    }
    tradeNotify(trade, {});
  };

  /** Stands in for the shopper confirming my.tradePay: by trade_no / out_trade_no, or a merged pre_order_no. */
  const devPay = (req: SimRequest): SimReply => {
    const body = parseBody(TradeRef.extend({ pre_order_no: z.string().optional() }), req.text || '{}');
    const merge = body?.pre_order_no !== undefined ? state.alipay.merges.get(body.pre_order_no) : undefined;
    const trades = merge ? merge.tradeNos.map((no) => state.alipay.trades.get(no)) : [body && findTrade(body)];
    if (trades.length === 0 || trades.some((t) => !t)) return json(404, { error: 'trade not found' });
    const found = trades as AlipayTrade[];
    const unpaid = found.find((t) => t.status !== 'WAIT_BUYER_PAY');
    if (unpaid) return json(409, { error: `trade is ${unpaid.status}` });
    for (const trade of found) payOne(trade);
    return json(200, { trade_no: found[0]?.tradeNo, trade_nos: found.map((t) => t.tradeNo), trade_status: 'TRADE_SUCCESS' });
  };

  const listSubMerchants = (): SimReply => json(200, { sub_merchants: [...state.alipay.subMerchants.values()] });

  const listNotifications = (): SimReply => json(200, { attempts: state.notifications.filter((n) => n.channel === 'alipay') });

  return [
    { method: 'POST', path: '/gateway.do', handler: gateway },
    { method: 'POST', path: '/_sim/alipay/auth', handler: devAuth },
    { method: 'POST', path: '/_sim/alipay/pay', handler: devPay },
    { method: 'GET', path: '/_sim/alipay/notifications', handler: listNotifications },
    { method: 'GET', path: '/_sim/alipay/sub-merchants', handler: listSubMerchants },
    ...bills.routes,
  ];
}
