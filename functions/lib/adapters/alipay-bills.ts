/**
 * Alipay's daily trade bill: `alipay.data.dataservice.bill.downloadurl.query` (RSA2-signed request
 * and answer, through `execute`) names a download URL; the file behind it is an unsigned ZIP of two
 * GBK CSV files (业务明细 and 业务明细(汇总)). Nothing signs the file, so it is accepted only when:
 *
 * - its URL is on Alipay's own host family: with the production gateway (`*.alipay.com`) a host that
 *   is `alipay.com` or ends in `.alipay.com` (Alipay serves bills from dwbillcenter.alipay.com), with
 *   the sandbox (`*.alipaydev.com`) one ending in `.alipaydev.com`, and with any other gateway (the
 *   simulator locally) exactly the gateway's origin;
 * - the ZIP's entries pass their CRC-32, and the detail file's `#交易合计` / `#退款合计` lines and the
 *   summary file's 合计 row add up to its rows.
 *
 * Amounts are read into fen by string arithmetic, never through a float. Alipay's bill carries no
 * sub-merchant (smid): its lines have `subMchid: ''`.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { AlipayApiError, execute } from './alipay';
import { ExternalServiceError, alipayConfig, callUpstream } from './config';
import type { TradeBill, TradeBillLine } from './wechatpay-bills';

const bad = (message: string): ExternalServiceError => new ExternalServiceError('alipay', 'BAD_BILL', message);
/** A bill larger than this (uncompressed) is refused rather than inflated. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** `-12.34` -> -1234 fen; refuses anything that is not a plain decimal amount. */
export function signedYuanToFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw bad(`not an amount: ${JSON.stringify(text)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] && fen !== 0 ? -fen : fen;
}

/** The files of a ZIP archive, read from its central directory (stored or deflated entries only). */
export function unzip(zip: Buffer): { name: string; data: Buffer }[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw bad('the bill is not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const gbk = new TextDecoder('gbk');
  const files: { name: string; data: Buffer }[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw bad('a broken ZIP central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    // bit 11: the name is UTF-8; Alipay's are GBK without it
    const name = flags & 0x0800 ? rawName.toString('utf8') : gbk.decode(rawName);
    at += 46 + skip;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw bad(`a broken ZIP entry: ${name}`);
    if (size > MAX_FILE_BYTES) throw bad(`a ZIP entry too large: ${name} (${size} bytes)`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + packedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(packed);
    else if (method === 8) {
      try {
        data = inflateRawSync(packed, { maxOutputLength: MAX_FILE_BYTES });
      } catch (err) {
        throw bad(`a ZIP entry that does not inflate: ${name}: ${String(err)}`);
      }
    } else throw bad(`a ZIP entry compressed with method ${method}: ${name}`);
    if (data.length !== size || crc32(data) !== crc) throw bad(`a ZIP entry that fails its CRC: ${name}`);
    files.push({ name, data });
  }
  return files;
}

const fields = (row: string): string[] => row.split(',').map((f) => f.trim());
const rowsOf = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((r) => r.trim() !== '');

/**
 * The lines and totals of the detail file (业务明细), by column name; `summary` (业务明细(汇总)) is
 * checked too. A bill whose 合计 lines or summary row do not add up to its rows is refused.
 */
export function parseAlipayBill(date: string, detail: string, summary: string): TradeBill {
  const rows = rowsOf(detail);
  const headAt = rows.findIndex((r) => r.startsWith('支付宝交易号'));
  if (headAt < 0) throw bad(`the Alipay bill of ${date} has no column header`);
  const head = fields(rows[headAt]!);
  const col = (name: string): number => {
    const at = head.indexOf(name);
    if (at < 0) throw bad(`the Alipay bill of ${date} has no column ${name}`);
    return at;
  };
  const c = {
    tradeNo: col('支付宝交易号'),
    outTradeNo: col('商户订单号'),
    type: col('业务类型'),
    done: col('完成时间'),
    total: col('订单金额（元）'),
    received: col('商家实收（元）'),
    request: col('退款批次号/请求号'),
    fee: col('服务费（元）'),
  };
  const endAt = rows.findIndex((r, i) => i > headAt && r.startsWith('#'));
  const body = rows.slice(headAt + 1, endAt < 0 ? rows.length : endAt);
  let paidReceived = 0;
  let refundReceived = 0;
  const lines = body.map((row): TradeBillLine => {
    const f = fields(row);
    if (f.length !== head.length) throw bad(`a row of ${f.length} fields (not ${head.length}) in the Alipay bill of ${date}: ${row.slice(0, 80)}`);
    const type = f[c.type];
    if (type !== '交易' && type !== '退款') throw bad(`a row of 业务类型 ${JSON.stringify(type)} in the Alipay bill of ${date}`);
    const refund = type === '退款';
    const received = signedYuanToFen(f[c.received]!);
    if (refund) refundReceived += received;
    else paidReceived += received;
    return {
      kind: refund ? 'refund' : 'payment',
      time: f[c.done]!,
      subMchid: '',
      transactionId: f[c.tradeNo]!,
      outTradeNo: f[c.outTradeNo]!,
      // a payment: what the order was; a refund: what left the merchant (商家实收 is negative)
      amount: refund ? -received : signedYuanToFen(f[c.total]!),
      currency: 'CNY',
      ...(refund ? { outRefundNo: f[c.request]! } : {}),
      feeMilliFen: signedYuanToFen(f[c.fee]!) * 1000,
    };
  });
  const sumLine = (label: string): { count: number; received: number } => {
    const found = rows.map((r) => new RegExp(`^#${label}：(\\d+)笔，商家实收共(-?[\\d.]+)元`).exec(r)).find((m) => m);
    if (!found) throw bad(`the Alipay bill of ${date} has no #${label} line`);
    return { count: Number(found[1]), received: signedYuanToFen(found[2]!) };
  };
  const paidSum = sumLine('交易合计');
  const refundSum = sumLine('退款合计');
  const payments = lines.filter((l) => l.kind === 'payment');
  const refunds = lines.filter((l) => l.kind === 'refund');
  if (paidSum.count !== payments.length || paidSum.received !== paidReceived || refundSum.count !== refunds.length || refundSum.received !== refundReceived)
    throw bad(
      `the Alipay bill of ${date} does not add up: #交易合计 ${paidSum.count} / ${paidSum.received}, #退款合计 ${refundSum.count} / ${refundSum.received}; its rows ${payments.length} / ${paidReceived}, ${refunds.length} / ${refundReceived}`,
    );
  const summaryRows = rowsOf(summary);
  const summaryHead = fields(summaryRows.find((r) => r.startsWith('门店编号')) ?? '');
  const total = summaryRows.map(fields).find((f) => f[0] === '合计');
  const at = (name: string): string => {
    const i = summaryHead.indexOf(name);
    if (i < 0 || !total) throw bad(`the Alipay bill summary of ${date} has no 合计 row or column ${name}`);
    return total[i]!;
  };
  if (
    Number(at('交易订单总笔数')) !== payments.length ||
    Number(at('退款订单总笔数')) !== refunds.length ||
    signedYuanToFen(at('商家实收（元）')) !== paidReceived + refundReceived
  )
    throw bad(`the Alipay bill summary of ${date} does not match its detail file`);
  return {
    date,
    lines,
    totals: { count: lines.length, paid: payments.reduce((n, l) => n + l.amount, 0), refunded: refunds.reduce((n, l) => n + l.amount, 0) },
  };
}

/** Reads the ZIP Alipay serves: its 业务明细 and 业务明细(汇总) CSV files, decoded from GBK. */
export function readAlipayBillZip(date: string, zip: Buffer): TradeBill {
  const files = unzip(zip);
  const gbk = new TextDecoder('gbk');
  const detail = files.find((f) => f.name.endsWith('_业务明细.csv'));
  const summary = files.find((f) => f.name.endsWith('_业务明细(汇总).csv'));
  if (!detail || !summary) throw bad(`the Alipay bill of ${date} lacks a file: it holds ${files.map((f) => f.name).join(', ')}`);
  return parseAlipayBill(date, gbk.decode(detail.data), gbk.decode(summary.data));
}

/** Whether a download URL is on the host family of the configured gateway (see the file's comment). */
export function onAlipayHost(url: URL, gateway: URL): boolean {
  if (url.username || url.password) return false;
  for (const family of ['alipay.com', 'alipaydev.com'])
    if (gateway.hostname === family || gateway.hostname.endsWith(`.${family}`))
      return (url.protocol === 'https:' || url.protocol === 'http:') && (url.hostname === family || url.hostname.endsWith(`.${family}`));
  return url.origin === gateway.origin;
}

const Answer = z.object({ bill_download_url: z.url() });

/**
 * The trade bill of a Beijing day, downloaded and checked. A day without a trade is an empty bill
 * (Alipay answers isp.bill_not_exist).
 */
export async function downloadAlipayBill(date: string): Promise<TradeBill> {
  let answer: z.infer<typeof Answer>;
  try {
    answer = await execute('alipay.data.dataservice.bill.downloadurl.query', Answer, { biz: { bill_type: 'trade', bill_date: date } });
  } catch (err) {
    if (err instanceof AlipayApiError && err.subCode === 'isp.bill_not_exist') return { date, lines: [], totals: { count: 0, paid: 0, refunded: 0 } };
    throw err;
  }
  const url = new URL(answer.bill_download_url);
  if (!onAlipayHost(url, new URL(alipayConfig().gateway)))
    throw new ExternalServiceError('alipay', 'BAD_RESPONSE', `bill_download_url on another host: ${url.origin}`);
  const response = await callUpstream('alipay', url, { method: 'GET' });
  if (!response.ok) throw new ExternalServiceError('alipay', `HTTP_${response.status}`, (await response.text()).slice(0, 200));
  return readAlipayBillZip(date, Buffer.from(await response.arrayBuffer()));
}
