/**
 * Alipay's daily trade bill (对账单), as the platform downloads it:
 *
 * - gateway method `alipay.data.dataservice.bill.downloadurl.query`, biz_content
 *   `{ bill_type: 'trade', bill_date: 'YYYY-MM-DD' }`: a signed answer with `bill_download_url`, or
 *   `isp.bill_not_exist` for a day without a trade;
 * - `GET /downloadBillFile.resource?…&token=…` (unsigned, as Alipay's: the token expires) answers a ZIP of
 *   the two CSV files Alipay puts in it, `<pid>_<yyyymmdd>_业务明细.csv` and `<pid>_<yyyymmdd>_业务明细(汇总).csv`,
 *   in GBK: the `#` header lines, the column header, one row per payment (交易) and refund (退款, negative)
 *   completed that day with a tab after every field, the `#交易合计` / `#退款合计` lines.
 *
 * Where it differs from Alipay, on purpose: any day up to today is served at once (Alipay serves day D
 * from about 09:00 on D+1); the service fee is a flat 0.6% rounded to the fen. Test hook
 * `POST /_sim/alipay/bills/tamper` changes what the next bills say (drop a line, add one we never made,
 * alter an amount, or make the 合计 lines lie), so that reconciliation can be shown each difference.
 *
 * No dependency: the ZIP is written with node:zlib (deflateRawSync, crc32) and GBK is encoded with a
 * reverse map of `TextDecoder('gbk')` over the two-byte code space, built once.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context';
import { json, type Route, type SimReply, type SimRequest } from './http';
import { publicBase } from './wechatpay-server';
import { beijingDateTime, fenToYuan } from './util';

export const ALIPAY_BILL_COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
] as const;
const SUMMARY_COLUMNS =
  '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）';
const FEE_RATE = 0.006;
const LINE = '#-----------------------------------------';

let gbkMap: Map<string, number> | undefined;
/** Text to GBK bytes (ASCII as is; a character GBK lacks becomes `?`). */
export function gbkEncode(text: string): Buffer {
  if (!gbkMap) {
    gbkMap = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead += 1)
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkMap.has(ch)) gbkMap.set(ch, (lead << 8) | trail);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const two = gbkMap.get(ch);
      if (two === undefined) out.push(0x3f);
      else out.push(two >> 8, two & 0xff);
    }
  }
  return Buffer.from(out);
}

/** A ZIP of `files` (deflated; names in GBK without the UTF-8 flag, as Alipay's archives have them). */
export function zipFiles(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = gbkEncode(file.name);
    const packed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** One line of Alipay's bill, as the simulator renders it. */
export interface AlipayBillLine {
  kind: 'payment' | 'refund';
  tradeNo: string;
  outTradeNo: string;
  subject: string;
  /** ms epoch: the trade's creation, and when it (or the refund) completed */
  createdAt: number;
  at: number;
  buyer: string;
  /** fen: the trade's amount */
  total: number;
  /** refund lines: out_request_no and fen refunded */
  outRequestNo?: string;
  refund?: number;
}

const yuan = (fen: number): string => (fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen));
const fee = (fen: number): number => Math.round(fen * FEE_RATE);
const chineseTime = (at: number): string => {
  const t = beijingDateTime(at);
  return `${t.slice(0, 4)}年${t.slice(5, 7)}月${t.slice(8, 10)}日 ${t.slice(11)}`;
};

/**
 * The two CSV texts of a day (before GBK). `lie` makes the 交易合计 line claim one fen more than the
 * rows hold (a bill that does not add up).
 */
export function renderAlipayBill(pid: string, date: string, lines: AlipayBillLine[], lie = false): { detail: string; summary: string } {
  const from = Date.parse(`${date}T00:00:00+08:00`);
  const head = [`#账号：[${pid}]`, `#起始日期：[${chineseTime(from)}]   终止日期：[${chineseTime(from + 86_400_000)}]`];
  const rows = lines.map((l) => {
    const refund = l.kind === 'refund';
    const received = refund ? -l.refund! : l.total;
    return [
      l.tradeNo,
      l.outTradeNo,
      refund ? '退款' : '交易',
      l.subject,
      beijingDateTime(l.createdAt),
      beijingDateTime(l.at),
      '',
      '',
      '',
      '',
      l.buyer,
      fenToYuan(l.total),
      yuan(received),
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      refund ? l.outRequestNo! : '',
      // the fee is taken on a payment (negative) and given back on a refund
      yuan(refund ? fee(l.refund!) : -fee(l.total)),
      '0.00',
      '',
    ]
      .map((f) => `${f}\t`)
      .join(',');
  });
  const payments = lines.filter((l) => l.kind === 'payment');
  const refunds = lines.filter((l) => l.kind === 'refund');
  const paid = payments.reduce((n, l) => n + l.total, 0) + (lie ? 1 : 0);
  const refunded = refunds.reduce((n, l) => n + l.refund!, 0);
  const fees = lines.reduce((n, l) => n + (l.kind === 'refund' ? fee(l.refund!) : -fee(l.total)), 0);
  const exported = `#导出时间：[${chineseTime(Date.now())}]`;
  const detail = [
    '#支付宝业务明细查询',
    ...head,
    `${LINE}业务明细列表----------------------------------------`,
    ALIPAY_BILL_COLUMNS.join(','),
    ...rows,
    `${LINE}业务明细列表结束------------------------------------`,
    `#交易合计：${payments.length}笔，商家实收共${yuan(paid)}元，商家优惠共0.00元`,
    `#退款合计：${refunds.length}笔，商家实收共${yuan(-refunded)}元，商家优惠共0.00元`,
    exported,
  ];
  const orders = payments.reduce((n, l) => n + l.total, 0) + refunds.reduce((n, l) => n + l.total, 0);
  const summary = [
    '#支付宝业务汇总查询',
    ...head,
    `${LINE}业务汇总列表----------------------------------------`,
    SUMMARY_COLUMNS,
    [
      '合计',
      '',
      payments.length,
      refunds.length,
      fenToYuan(orders),
      yuan(paid - refunded),
      '0.00',
      '0.00',
      '0.00',
      yuan(fees),
      '0.00',
      yuan(paid - refunded + fees),
    ]
      .map((f) => `${f}\t`)
      .join(','),
    `${LINE}业务汇总列表结束------------------------------------`,
    exported,
  ];
  return { detail: detail.join('\r\n') + '\r\n', summary: summary.join('\r\n') + '\r\n' };
}

/** The ZIP Alipay serves for a day: both files, GBK. */
export function alipayBillZip(pid: string, date: string, lines: AlipayBillLine[], lie = false): Buffer {
  const { detail, summary } = renderAlipayBill(pid, date, lines, lie);
  const stem = `${pid}_${date.replace(/-/g, '')}`;
  return zipFiles([
    { name: `${stem}_业务明细.csv`, data: gbkEncode(detail) },
    { name: `${stem}_业务明细(汇总).csv`, data: gbkEncode(summary) },
  ]);
}

const TamperBody = z
  .object({
    /** out_trade_no (payment rows) or out_request_no (refund rows) left out of every bill */
    drop: z.array(z.string()).default([]),
    /** rows Alipay has and we never made */
    extra: z
      .array(
        z
          .object({
            kind: z.enum(['payment', 'refund']),
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            tradeNo: z.string(),
            outTradeNo: z.string(),
            amount: z.number().int().positive(),
            outRequestNo: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    /** out_trade_no / out_request_no -> the fen the bill says instead */
    amounts: z.record(z.string(), z.number().int().nonnegative()).default({}),
    /** the 交易合计 line claims one fen more than the rows */
    lie: z.boolean().default(false),
  })
  .strict();
type Tamper = z.infer<typeof TamperBody>;

type BillOutcome = { ok: Record<string, unknown> } | { fail: { subCode: string; subMsg: string } };

interface AlipayBills {
  /** the gateway method `alipay.data.dataservice.bill.downloadurl.query` */
  query: (biz: Record<string, unknown>, req: SimRequest) => BillOutcome;
  routes: Route[];
}

const perContext = new WeakMap<SimContext, AlipayBills>();
const beijingDay = (at: number): string => beijingDateTime(at).slice(0, 10);

/** The bill method and routes of one simulator (shared state: the download tokens and the tamper). */
export function alipayBills(ctx: SimContext): AlipayBills {
  const known = perContext.get(ctx);
  if (known) return known;
  const { keys, state } = ctx;
  const pid = `2088${keys.alipay.appid.slice(-12)}`;
  let tamper: Tamper = TamperBody.parse({});
  const files = new Map<string, { zip: Buffer; expires: number }>();

  const allLines = (): AlipayBillLine[] => {
    const lines: AlipayBillLine[] = [];
    for (const t of state.alipay.trades.values()) {
      if (t.paidAt === undefined) continue;
      lines.push({
        kind: 'payment',
        tradeNo: t.tradeNo,
        outTradeNo: t.outTradeNo,
        subject: t.subject,
        createdAt: t.createdAt,
        at: t.paidAt,
        buyer: t.buyerId,
        total: t.totalFen,
      });
    }
    for (const r of state.alipay.refunds.values()) {
      const t = state.alipay.trades.get(r.tradeNo);
      if (!t) continue;
      lines.push({
        kind: 'refund',
        tradeNo: t.tradeNo,
        outTradeNo: t.outTradeNo,
        subject: t.subject,
        createdAt: t.createdAt,
        at: r.at,
        buyer: t.buyerId,
        total: t.totalFen,
        outRequestNo: r.outRequestNo,
        refund: r.refundFen,
      });
    }
    return lines;
  };

  const linesOf = (date: string): AlipayBillLine[] => {
    const no = (l: AlipayBillLine): string => (l.kind === 'refund' ? l.outRequestNo! : l.outTradeNo);
    const kept = allLines()
      .filter((l) => beijingDay(l.at) === date && !tamper.drop.includes(no(l)))
      .map((l) => {
        const amount = tamper.amounts[no(l)];
        return amount === undefined ? l : l.kind === 'refund' ? { ...l, refund: amount } : { ...l, total: amount };
      });
    const extra = tamper.extra
      .filter((e) => e.date === date)
      .map(
        (e): AlipayBillLine => ({
          kind: e.kind,
          tradeNo: e.tradeNo,
          outTradeNo: e.outTradeNo,
          subject: '',
          createdAt: Date.parse(`${e.date}T12:00:00+08:00`),
          at: Date.parse(`${e.date}T12:00:00+08:00`),
          buyer: '',
          total: e.amount,
          ...(e.kind === 'refund' ? { outRequestNo: e.outRequestNo ?? '', refund: e.amount } : {}),
        }),
      );
    return [...kept, ...extra].sort((a, b) => a.at - b.at);
  };

  const Biz = z.object({ bill_type: z.string(), bill_date: z.string() }).loose();
  const query = (raw: Record<string, unknown>, req: SimRequest): BillOutcome => {
    const biz = Biz.safeParse(raw);
    if (!biz.success) return { fail: { subCode: 'isv.invalid-arguments', subMsg: '参数不合法' } };
    const { bill_type: type, bill_date: date } = biz.data;
    if (type !== 'trade') return { fail: { subCode: 'isv.invalid-arguments', subMsg: `模拟器只提供trade账单: ${type}` } };
    // a monthly bill (YYYY-MM) exists at Alipay; the simulator serves days only
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return { fail: { subCode: 'isv.invalid-arguments', subMsg: 'bill_date格式错误' } };
    if (date > beijingDay(Date.now())) return { fail: { subCode: 'isv.invalid-arguments', subMsg: 'bill_date不能晚于今天' } };
    const lines = linesOf(date);
    if (lines.length === 0) return { fail: { subCode: 'isp.bill_not_exist', subMsg: '账单不存在' } };
    const token = randomBytes(16).toString('hex');
    const now = Date.now();
    for (const [t, f] of files) if (f.expires < now) files.delete(t);
    files.set(token, { zip: alipayBillZip(pid, date, lines, tamper.lie), expires: now + 30_000 });
    const stem = `${pid}_${date.replace(/-/g, '')}`;
    const url = new URL(`${publicBase(req)}/downloadBillFile.resource`);
    url.search = new URLSearchParams({
      bizType: 'trade',
      userId: pid,
      fileType: 'csv.zip',
      bizDates: date.replace(/-/g, ''),
      downloadFileName: `${stem}.csv.zip`,
      fileId: `/trade/${pid}/${date.replace(/-/g, '')}`,
      timestamp: String(now),
      token,
    }).toString();
    return { ok: { bill_download_url: url.toString() } };
  };

  const download = (req: SimRequest): SimReply => {
    const file = files.get(req.url.searchParams.get('token') ?? '');
    if (!file || file.expires < Date.now()) return { status: 404, headers: { 'content-type': 'text/html;charset=utf-8' }, body: '<html>链接已失效</html>' };
    return { status: 200, headers: { 'content-type': 'application/oct-stream', 'content-disposition': 'attachment' }, body: file.zip };
  };

  const tamperRoute = (req: SimRequest): SimReply => {
    const parsed = TamperBody.safeParse(JSON.parse(req.text || '{}'));
    if (!parsed.success) return json(400, { error: 'bad_request', message: parsed.error.message });
    tamper = parsed.data;
    return json(200, tamper);
  };

  const made: AlipayBills = {
    query,
    routes: [
      { method: 'GET', path: '/downloadBillFile.resource', handler: download },
      { method: 'POST', path: '/_sim/alipay/bills/tamper', handler: tamperRoute },
    ],
  };
  perContext.set(ctx, made);
  return made;
}
