/**
 * WeChat Pay's daily trade bill (交易账单), as the platform (电商平台 / 服务商) downloads it:
 *
 * - `GET /v3/bill/tradebill?bill_date=YYYY-MM-DD[&sub_mchid=][&bill_type=ALL|SUCCESS|REFUND][&tar_type=GZIP]`
 *   (signed request) answers `{ hash_type: 'SHA1', hash_value, download_url }`, or 400 `NO_STATEMENT_EXIST`
 *   for a day without a transaction. Without `sub_mchid` the bill holds every sub-merchant's lines.
 * - `GET /v3/billdownload/file?token=…` (signed request, as wechatpay-node-v3's downloadBill sends it)
 *   answers the file itself, unsigned: the caller checks it against the SHA1 of the raw text.
 *
 * The file is WeChat's CSV: a header row, one row per successful payment (on the day it succeeded) and
 * one per successful refund (on the day it succeeded), every field prefixed with a backtick, amounts in
 * yuan with two decimals; then the totals header and the totals row. Times are Beijing time.
 *
 * Where it differs from WeChat, on purpose: any day up to today is served at once (WeChat serves day D
 * from about 10:00 on D+1), so that a test need not wait a day; the fee is a fixed 0.6% rounded to the fen.
 * Test hook `POST /_sim/wechatpay/bills/tamper` changes what the next bills say (drop a line, add one we
 * never made, alter an amount or a sub-merchant), so that reconciliation can be shown each kind of difference.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { SimContext } from './context';
import { header, json, type Route, type SimReply, type SimRequest } from './http';
import { payError, publicBase, wechatpayServer, type MerchantHandler } from './wechatpay-server';
import { verifyMerchantRequest } from './wechatpay-crypto';
import { beijingDateTime, fenToYuan } from './util';

export const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
export const TRADE_BILL_TOTALS_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
/** The simulator's payment fee: 0.6%, rounded to the fen. */
const FEE_RATE = 0.006;

interface BillLine {
  kind: 'payment' | 'refund';
  /** ms epoch of success */
  at: number;
  appid: string;
  mchid: string;
  subMchid: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  /** fen: the payment's amount (payment rows) or the original payment's (refund rows) */
  total: number;
  currency: string;
  refundId?: string;
  outRefundNo?: string;
  /** fen refunded (refund rows) */
  refund?: number;
  description: string;
  attach: string;
}

const TamperBody = z
  .object({
    /** out_trade_no (payment rows) or out_refund_no (refund rows) left out of every bill */
    drop: z.array(z.string()).default([]),
    /** rows WeChat has and we never made */
    extra: z
      .array(
        z
          .object({
            kind: z.enum(['payment', 'refund']),
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            subMchid: z.string(),
            transactionId: z.string(),
            outTradeNo: z.string(),
            amount: z.number().int().positive(),
            outRefundNo: z.string().optional(),
            refundId: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    /** out_trade_no / out_refund_no -> the fen the bill says instead */
    amounts: z.record(z.string(), z.number().int().nonnegative()).default({}),
    /** out_trade_no / out_refund_no -> the sub-merchant the bill names instead */
    subMchids: z.record(z.string(), z.string()).default({}),
  })
  .strict();
type Tamper = z.infer<typeof TamperBody>;

const cell = (v: string | number): string => `\`${v}`;
/** `2024-05-20` in Beijing time: the day a bill line belongs to. */
const beijingDay = (at: number = Date.now()): string => beijingDateTime(at).slice(0, 10);

export function wechatpayBillRoutes(ctx: SimContext): Route[] {
  const { keys, state } = ctx;
  const wp = state.wechatpay;
  const pay = keys.wechatpay;
  let tamper: Tamper = TamperBody.parse({});
  /** download token -> file (kept 5 minutes) */
  const files = new Map<string, { raw: Buffer; gzip: boolean; expires: number }>();

  const signedBy = (req: SimRequest): SimReply | undefined => {
    const verdict = verifyMerchantRequest(
      { mchid: pay.mchid, serialNo: pay.merchantSerial, publicKeyPem: pay.merchant.publicKey },
      { authorization: header(req, 'authorization'), method: req.method, pathWithQuery: req.pathWithQuery, body: req.text },
    );
    return 'reason' in verdict ? payError(401, 'SIGN_ERROR', `签名错误: ${verdict.reason}`) : undefined;
  };

  /** Every successful payment and refund the simulator holds, as bill lines. */
  const allLines = (): BillLine[] => {
    const lines: BillLine[] = [];
    const byTransaction = new Map<string, BillLine>();
    for (const order of wp.combine.values())
      for (const sub of order.subOrders) {
        if (!sub.transactionId || !sub.successTime) continue;
        const line: BillLine = {
          kind: 'payment',
          at: Date.parse(sub.successTime),
          appid: order.combineAppid,
          mchid: order.combineMchid,
          subMchid: sub.subMchid,
          transactionId: sub.transactionId,
          outTradeNo: sub.outTradeNo,
          openid: order.openid ?? '',
          tradeType: order.tradeType,
          total: sub.total,
          currency: sub.currency,
          description: sub.description,
          attach: sub.attach,
        };
        lines.push(line);
        byTransaction.set(sub.transactionId, line);
      }
    for (const o of wp.orders.values()) {
      if (!o.transactionId || !o.successTime) continue;
      const line: BillLine = {
        kind: 'payment',
        at: Date.parse(o.successTime),
        appid: o.appid,
        mchid: o.mchid,
        subMchid: '',
        transactionId: o.transactionId,
        outTradeNo: o.outTradeNo,
        openid: o.openid,
        tradeType: 'JSAPI',
        total: o.total,
        currency: o.currency,
        description: o.description,
        attach: '',
      };
      lines.push(line);
      byTransaction.set(o.transactionId, line);
    }
    for (const r of wp.refunds.values()) {
      if (r.status !== 'SUCCESS' || !r.successTime) continue;
      const paid = byTransaction.get(r.transactionId);
      lines.push({
        kind: 'refund',
        at: Date.parse(r.successTime),
        appid: paid?.appid ?? keys.wechat.appid,
        mchid: pay.mchid,
        subMchid: r.subMchid ?? paid?.subMchid ?? '',
        transactionId: r.transactionId,
        outTradeNo: r.outTradeNo,
        openid: paid?.openid ?? '',
        tradeType: paid?.tradeType ?? 'JSAPI',
        total: r.total,
        currency: r.currency,
        refundId: r.refundId,
        outRefundNo: r.outRefundNo,
        refund: r.refund,
        description: paid?.description ?? '',
        attach: paid?.attach ?? '',
      });
    }
    return lines;
  };

  const tampered = (lines: BillLine[], date: string): BillLine[] => {
    const no = (l: BillLine): string => (l.kind === 'refund' ? l.outRefundNo! : l.outTradeNo);
    const kept = lines
      .filter((l) => !tamper.drop.includes(no(l)))
      .map((l) => {
        const amount = tamper.amounts[no(l)];
        const sub = tamper.subMchids[no(l)];
        return {
          ...l,
          ...(amount === undefined ? {} : l.kind === 'refund' ? { refund: amount } : { total: amount }),
          ...(sub === undefined ? {} : { subMchid: sub }),
        };
      });
    const extra = tamper.extra
      .filter((e) => e.date === date)
      .map(
        (e): BillLine => ({
          kind: e.kind,
          at: Date.parse(`${e.date}T12:00:00+08:00`),
          appid: keys.wechat.appid,
          mchid: pay.mchid,
          subMchid: e.subMchid,
          transactionId: e.transactionId,
          outTradeNo: e.outTradeNo,
          openid: '',
          tradeType: 'JSAPI',
          total: e.amount,
          currency: 'CNY',
          ...(e.kind === 'refund' ? { refundId: e.refundId ?? '', outRefundNo: e.outRefundNo ?? '', refund: e.amount } : {}),
          description: '',
          attach: '',
        }),
      );
    return [...kept, ...extra];
  };

  const fee = (fen: number): number => Math.round(fen * FEE_RATE);
  const render = (lines: BillLine[]): string => {
    const rows = lines.map((l) => {
      const refund = l.kind === 'refund';
      const settled = refund ? 0 : l.total;
      const lineFee = refund ? -fee(l.refund ?? 0) : fee(l.total);
      return [
        beijingDateTime(l.at),
        l.appid,
        l.mchid,
        l.subMchid,
        '',
        l.transactionId,
        l.outTradeNo,
        l.openid,
        l.tradeType,
        refund ? 'REFUND' : 'SUCCESS',
        'OTHERS',
        l.currency,
        fenToYuan(settled),
        '0.00',
        refund ? l.refundId! : '0',
        refund ? l.outRefundNo! : '0',
        fenToYuan(refund ? l.refund! : 0),
        '0.00',
        refund ? 'ORIGINAL' : '',
        refund ? 'SUCCESS' : '',
        l.description,
        l.attach,
        (lineFee / 100).toFixed(5),
        '0.60%',
        fenToYuan(l.total),
        fenToYuan(refund ? l.refund! : 0),
        '',
      ]
        .map(cell)
        .join(',');
    });
    const sum = (f: (l: BillLine) => number): number => lines.reduce((n, l) => n + f(l), 0);
    const totals = [
      String(lines.length),
      fenToYuan(sum((l) => (l.kind === 'payment' ? l.total : 0))),
      fenToYuan(sum((l) => (l.kind === 'refund' ? l.refund! : 0))),
      '0.00',
      (sum((l) => (l.kind === 'refund' ? -fee(l.refund!) : fee(l.total))) / 100).toFixed(5),
      fenToYuan(sum((l) => (l.kind === 'payment' ? l.total : 0))),
      fenToYuan(sum((l) => (l.kind === 'refund' ? l.refund! : 0))),
    ]
      .map(cell)
      .join(',');
    return [TRADE_BILL_HEADER, ...rows, TRADE_BILL_TOTALS_HEADER, totals].join('\r\n') + '\r\n';
  };

  const Query = z
    .object({
      bill_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      sub_mchid: z
        .string()
        .regex(/^\d{8,10}$/)
        .optional(),
      bill_type: z.enum(['ALL', 'SUCCESS', 'REFUND']).default('ALL'),
      tar_type: z.literal('GZIP').optional(),
    })
    .strict();

  // the answer naming the file is signed like every answer; the file itself is not (see download)
  const tradeBill: MerchantHandler = (req) => {
    const q = Query.safeParse(Object.fromEntries(req.url.searchParams));
    if (!q.success) return payError(400, 'PARAM_ERROR', `参数错误: ${q.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const { bill_date: date, sub_mchid: sub, bill_type: type } = q.data;
    if (date > beijingDay()) return payError(400, 'PARAM_ERROR', 'bill_date不能晚于今天');
    const lines = tampered(
      allLines().filter((l) => beijingDay(l.at) === date),
      date,
    )
      .filter((l) => !sub || l.subMchid === sub)
      .filter((l) => type === 'ALL' || (type === 'SUCCESS') === (l.kind === 'payment'))
      .sort((a, b) => a.at - b.at);
    if (lines.length === 0) return payError(400, 'NO_STATEMENT_EXIST', '当日无账单');
    const raw = Buffer.from(render(lines), 'utf8');
    const token = randomBytes(16).toString('hex');
    const now = Date.now();
    for (const [t, f] of files) if (f.expires < now) files.delete(t);
    files.set(token, { raw, gzip: q.data.tar_type === 'GZIP', expires: now + 5 * 60_000 });
    return json(200, {
      hash_type: 'SHA1',
      hash_value: createHash('sha1').update(raw).digest('hex'),
      download_url: `${publicBase(req)}/v3/billdownload/file?token=${token}`,
    });
  };

  const download = (req: SimRequest): SimReply => {
    const refused = signedBy(req);
    if (refused) return refused;
    const file = files.get(req.url.searchParams.get('token') ?? '');
    if (!file || file.expires < Date.now()) return payError(400, 'INVALID_REQUEST', '下载链接已失效');
    return {
      status: 200,
      headers: { 'content-type': file.gzip ? 'application/x-gzip' : 'text/plain; charset=utf-8' },
      body: file.gzip ? gzipSync(file.raw) : file.raw,
    };
  };

  const tamperRoute = (req: SimRequest): SimReply => {
    const parsed = TamperBody.safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request', message: parsed.error.message });
    tamper = parsed.data;
    return json(200, tamper);
  };

  return [
    { method: 'GET', path: '/v3/bill/tradebill', handler: wechatpayServer(ctx).authenticated(tradeBill) },
    { method: 'GET', path: '/v3/billdownload/file', handler: download },
    { method: 'POST', path: '/_sim/wechatpay/bills/tamper', handler: tamperRoute },
  ];
}
