/**
 * WeChat Pay's daily trade bill (交易账单, `GET /v3/bill/tradebill` then the signed download of its
 * `download_url`). The answer with the URL is signed like every answer; the file is not, so it is
 * checked against the SHA1 the signed answer gave. The file is CSV with a backtick before every field
 * and amounts in yuan; `parseTradeBill` turns it into fen without floating point.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ExternalServiceError, callUpstream, wechatPayConfig } from './config';
import { buildAuthorizationHeader, call, WechatPayApiError } from './wechatpay';

/** One line of the bill: a payment that succeeded that day, or a refund that did. */
export interface TradeBillLine {
  kind: 'payment' | 'refund';
  /** Beijing time as the bill prints it: `2024-05-20 13:29:35` */
  time: string;
  subMchid: string;
  transactionId: string;
  outTradeNo: string;
  /** payment lines: what was paid; refund lines: what was refunded (fen) */
  amount: number;
  currency: string;
  /** refund lines only */
  refundId?: string;
  outRefundNo?: string;
  /** the fee WeChat took (negative on a refund: given back), in 1/1000 fen exactly as printed ×100000 / 1000 */
  feeMilliFen: number;
}

export interface TradeBill {
  date: string;
  lines: TradeBillLine[];
  totals: { count: number; paid: number; refunded: number };
}

const BillAnswer = z.object({ hash_type: z.literal('SHA1'), hash_value: z.string().regex(/^[0-9a-f]{40}$/i), download_url: z.url() });

/** `12.34` -> 1234 fen; refuses anything that is not a plain decimal amount. */
export function yuanToFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new ExternalServiceError('wechatpay', 'BAD_BILL', `not an amount: ${JSON.stringify(text)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** The fee column (`0.01000`, five decimals of a yuan) in thousandths of a fen, exactly. */
function feeMilliFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,5}))?$/.exec(text);
  if (!m) throw new ExternalServiceError('wechatpay', 'BAD_BILL', `not a fee: ${JSON.stringify(text)}`);
  const value = Number(m[2]) * 100_000 + Number((m[3] ?? '').padEnd(5, '0'));
  return m[1] ? -value : value;
}

const fields = (row: string): string[] => row.split(',').map((f) => (f.startsWith('`') ? f.slice(1) : f).trim());

/**
 * The bill's lines and totals, by column name (WeChat has added columns over the years); a bill whose
 * totals row does not add up to its lines is refused, like one whose hash is wrong.
 */
export function parseTradeBill(date: string, text: string): TradeBill {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((r) => r.trim() !== '');
  const totalsAt = rows.findIndex((r) => r.startsWith('总交易单数'));
  if (rows.length < 3 || totalsAt < 1 || totalsAt + 1 >= rows.length)
    throw new ExternalServiceError('wechatpay', 'BAD_BILL', `the bill of ${date} has no header or totals`);
  const head = fields(rows[0]!);
  const col = (name: string): number => {
    const at = head.indexOf(name);
    if (at < 0) throw new ExternalServiceError('wechatpay', 'BAD_BILL', `the bill of ${date} has no column ${name}`);
    return at;
  };
  const c = {
    time: col('交易时间'),
    sub: col('特约商户号'),
    transaction: col('微信订单号'),
    outTradeNo: col('商户订单号'),
    state: col('交易状态'),
    currency: col('货币种类'),
    settled: col('应结订单金额'),
    refundId: col('微信退款单号'),
    outRefundNo: col('商户退款单号'),
    refund: col('退款金额'),
    fee: col('手续费'),
    total: col('订单金额'),
  };
  const lines = rows.slice(1, totalsAt).map((row): TradeBillLine => {
    const f = fields(row);
    if (f.length < head.length) throw new ExternalServiceError('wechatpay', 'BAD_BILL', `a short row in the bill of ${date}: ${row.slice(0, 80)}`);
    const refund = f[c.state] === 'REFUND';
    return {
      kind: refund ? 'refund' : 'payment',
      time: f[c.time]!,
      subMchid: f[c.sub]!,
      transactionId: f[c.transaction]!,
      outTradeNo: f[c.outTradeNo]!,
      amount: refund ? yuanToFen(f[c.refund]!) : yuanToFen(f[c.total]!),
      currency: f[c.currency]!,
      ...(refund ? { refundId: f[c.refundId]!, outRefundNo: f[c.outRefundNo]! } : {}),
      feeMilliFen: feeMilliFen(f[c.fee]!),
    };
  });
  const totals = fields(rows[totalsAt + 1]!);
  const sums = { count: Number(totals[0]), paid: yuanToFen(totals[1]!), refunded: yuanToFen(totals[2]!) };
  const paid = lines.filter((l) => l.kind === 'payment').reduce((n, l) => n + l.amount, 0);
  const refunded = lines.filter((l) => l.kind === 'refund').reduce((n, l) => n + l.amount, 0);
  if (sums.count !== lines.length || sums.paid !== paid || sums.refunded !== refunded)
    throw new ExternalServiceError(
      'wechatpay',
      'BAD_BILL',
      `the bill of ${date} does not add up: totals say ${sums.count} lines, ${sums.paid} paid, ${sums.refunded} refunded; its lines ${lines.length}, ${paid}, ${refunded}`,
    );
  return { date, lines, totals: sums };
}

/**
 * The trade bill of a Beijing day (every sub-merchant's lines, or one's), downloaded and checked.
 * A day without a transaction is an empty bill (WeChat answers NO_STATEMENT_EXIST).
 */
export async function downloadTradeBill(date: string, subMchid?: string): Promise<TradeBill> {
  const query = new URLSearchParams({ bill_date: date, ...(subMchid ? { sub_mchid: subMchid } : {}), bill_type: 'ALL', tar_type: 'GZIP' });
  let answer: z.infer<typeof BillAnswer>;
  try {
    answer = await call('GET', `/v3/bill/tradebill?${query.toString()}`, undefined, BillAnswer);
  } catch (err) {
    if (err instanceof WechatPayApiError && err.code === 'NO_STATEMENT_EXIST') return { date, lines: [], totals: { count: 0, paid: 0, refunded: 0 } };
    throw err;
  }
  const url = new URL(answer.download_url);
  // the signed answer names the file; it must still be WeChat Pay's own host we send our signature to
  if (url.origin !== new URL(wechatPayConfig().apiBase).origin)
    throw new ExternalServiceError('wechatpay', 'BAD_RESPONSE', `download_url on another host: ${url.origin}`);
  const response = await callUpstream('wechatpay', url, {
    method: 'GET',
    headers: { authorization: buildAuthorizationHeader({ method: 'GET', pathWithQuery: `${url.pathname}${url.search}`, body: '' }) },
  });
  if (!response.ok) throw new WechatPayApiError(response.status, `HTTP_${response.status}`, (await response.text()).slice(0, 200));
  const file = Buffer.from(await response.arrayBuffer());
  const raw = file[0] === 0x1f && file[1] === 0x8b ? gunzipSync(file) : file;
  const hash = createHash('sha1').update(raw).digest('hex');
  if (hash.toLowerCase() !== answer.hash_value.toLowerCase())
    throw new ExternalServiceError('wechatpay', 'BAD_BILL', `the bill of ${date} does not match its SHA1 (${hash} vs ${answer.hash_value})`);
  return parseTradeBill(date, raw.toString('utf8'));
}
