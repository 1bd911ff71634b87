/**
 * Alipay's daily trade bill: the simulator's GBK ZIP (infra/local/sims/alipay-bills.ts) read by our
 * adapter (functions/lib/adapters/alipay-bills.ts), a bill that does not add up refused, the download
 * URL's host checked, and the whole round trip against the simulator's gateway: a trade paid and
 * partly refunded, then today's bill queried, downloaded and read in fen.
 */
import { z } from 'zod';
import { refund, createTrade } from '../../../functions/lib/adapters/alipay';
import { downloadAlipayBill, onAlipayHost, parseAlipayBill, readAlipayBillZip, signedYuanToFen, unzip } from '../../../functions/lib/adapters/alipay-bills';
import { alipayBillZip, gbkEncode, type AlipayBillLine } from '../../../infra/local/sims/alipay-bills';
import { type Harness, startHarness } from './harness';

const PID = '2088000000000001';
const DAY = '2026-12-01';
const at = (time: string): number => Date.parse(`${DAY}T${time}+08:00`);
const payment = (over: Partial<AlipayBillLine> = {}): AlipayBillLine => ({
  kind: 'payment',
  tradeNo: '2026120122001000000000000001',
  outTradeNo: 'O1',
  subject: '龙井茶 250g',
  createdAt: at('10:00:00'),
  at: at('10:00:05'),
  buyer: '2088000000000077',
  total: 1999,
  ...over,
});
const refundLine = (over: Partial<AlipayBillLine> = {}): AlipayBillLine =>
  payment({ kind: 'refund', at: at('15:30:00'), outRequestNo: 'LR1', refund: 300, ...over });
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe("Alipay's bill file (GBK CSV in a ZIP)", () => {
  it('the ZIP holds the two files Alipay names, in GBK, with tabs after every field; our reader gets every line in fen', () => {
    const zip = alipayBillZip(PID, DAY, [payment(), payment({ tradeNo: 'T2', outTradeNo: 'O2', total: 5 }), refundLine()]);
    const files = unzip(zip);
    const detail = files.find((f) => f.name === `${PID}_20261201_业务明细.csv`)!;

    expect(files.map((f) => f.name)).toEqual([`${PID}_20261201_业务明细.csv`, `${PID}_20261201_业务明细(汇总).csv`]);
    // GBK, not UTF-8: 支付宝交易号 is D6A7 B8B6 B1A6 ...
    expect(detail.data.includes(gbkEncode('支付宝交易号'))).toBe(true);
    expect(detail.data.includes(Buffer.from('支付宝交易号', 'utf8'))).toBe(false);
    const text = new TextDecoder('gbk').decode(detail.data);
    expect(text.split('\r\n')[0]).toBe('#支付宝业务明细查询');
    expect(text).toContain('支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,');
    expect(text).toContain('2026120122001000000000000001\t,O1\t,退款\t,龙井茶 250g\t,');
    expect(text).toContain('#交易合计：2笔，商家实收共20.04元');
    expect(text).toContain('#退款合计：1笔，商家实收共-3.00元');

    const bill = readAlipayBillZip(DAY, zip);

    expect(bill.lines.map((l) => [l.kind, l.outTradeNo, l.outRefundNo ?? null, l.amount, l.time])).toEqual([
      ['payment', 'O1', null, 1999, '2026-12-01 10:00:05'],
      ['payment', 'O2', null, 5, '2026-12-01 10:00:05'],
      ['refund', 'O1', 'LR1', 300, '2026-12-01 15:30:00'],
    ]);
    expect(bill.lines[0]).toMatchObject({ transactionId: '2026120122001000000000000001', subMchid: '', currency: 'CNY', feeMilliFen: -12_000 });
    expect(bill.totals).toEqual({ count: 3, paid: 2004, refunded: 300 });
  });

  it('a bill whose #交易合计 does not add up to its rows is refused; so is a summary that disagrees, or a broken archive', () => {
    const lying = alipayBillZip(PID, DAY, [payment(), refundLine()], true);
    const good = alipayBillZip(PID, DAY, [payment(), refundLine()]);
    const files = unzip(good);
    const detail = new TextDecoder('gbk').decode(files[0]!.data);
    const summary = new TextDecoder('gbk').decode(files[1]!.data);
    const corrupted = Buffer.from(good);
    // flip a byte inside the first entry's deflated data (after its 30-byte header and 38-byte name)
    corrupted[80] = corrupted[80]! ^ 0xff;

    expect(() => readAlipayBillZip(DAY, lying)).toThrow(/does not add up/);
    expect(() => parseAlipayBill(DAY, detail, summary.replace('合计\t,\t,1\t,1\t', '合计\t,\t,2\t,1\t'))).toThrow(/summary .* does not match/);
    expect(() => parseAlipayBill(DAY, detail.replace(',O1\t,交易\t', ',O1\t,转账\t'), summary)).toThrow(/业务类型/);
    expect(() => readAlipayBillZip(DAY, corrupted)).toThrow(/ZIP|CRC|inflate/);
    expect(() => readAlipayBillZip(DAY, Buffer.from('not a zip'))).toThrow(/not a ZIP/);
  });

  it('reads signed amounts by string arithmetic', () => {
    expect([signedYuanToFen('0.01'), signedYuanToFen('-3.00'), signedYuanToFen('12.3'), signedYuanToFen('-0.00')]).toEqual([1, -300, 1230, 0]);
    expect(() => signedYuanToFen('1e3')).toThrow(/not an amount/);
    expect(() => signedYuanToFen('0.001')).toThrow(/not an amount/);
  });

  it("takes a download URL only on the configured gateway's host family", () => {
    const prod = new URL('https://openapi.alipay.com/gateway.do');
    const sandbox = new URL('https://openapi-sandbox.dl.alipaydev.com/gateway.do');
    const local = new URL('http://127.0.0.1:4010/gateway.do');

    expect(onAlipayHost(new URL('http://dwbillcenter.alipay.com/downloadBillFile.resource?token=x'), prod)).toBe(true);
    expect(onAlipayHost(new URL('https://dwbillcenter.alipay.com.evil.example/x'), prod)).toBe(false);
    expect(onAlipayHost(new URL('https://evilalipay.com/x'), prod)).toBe(false);
    expect(onAlipayHost(new URL('ftp://dwbillcenter.alipay.com/x'), prod)).toBe(false);
    expect(onAlipayHost(new URL('http://dwbillcenter.alipaydev.com/x'), sandbox)).toBe(true);
    expect(onAlipayHost(new URL('http://dwbillcenter.alipaydev.com/x'), prod)).toBe(false);
    expect(onAlipayHost(new URL('http://127.0.0.1:4010/downloadBillFile.resource'), local)).toBe(true);
    expect(onAlipayHost(new URL('http://127.0.0.1:4011/downloadBillFile.resource'), local)).toBe(false);
  });
});

describe("Alipay's bill against the simulator", () => {
  let h: Harness;
  let sequence = 0;
  const newNo = (): string => `BILLA${Date.now()}${(sequence += 1)}`;
  let outTradeNo = '';
  let tradeNo = '';
  let second = '';

  beforeAll(async () => {
    h = await startHarness();
    outTradeNo = newNo();
    ({ tradeNo } = await createTrade({ outTradeNo, amountFen: 1999, subject: '对账测试', buyerId: '2088000000000077' }));
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: tradeNo }, z.object({ trade_status: z.string() }));
    await refund({ outTradeNo, outRequestNo: `${outTradeNo}-R`, refundFen: 300 });
    second = newNo();
    const other = await createTrade({ outTradeNo: second, amountFen: 501, subject: '对账测试二', buyerId: '2088000000000077' });
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: other.tradeNo }, z.object({ trade_status: z.string() }));
  });
  afterAll(() => h.close());
  afterEach(() => h.simJson('POST', '/_sim/alipay/bills/tamper', {}, z.object({}).loose()));

  it("our adapter queries the signed URL, downloads today's ZIP and reads the payments and the refund in fen", async () => {
    const bill = await downloadAlipayBill(today());

    const mine = bill.lines.filter((l) => l.transactionId === tradeNo);
    expect(mine.map((l) => [l.kind, l.outTradeNo, l.amount, l.outRefundNo ?? null])).toEqual([
      ['payment', outTradeNo, 1999, null],
      ['refund', outTradeNo, 300, `${outTradeNo}-R`],
    ]);
    expect(bill.lines.find((l) => l.outTradeNo === second)?.amount).toBe(501);
  });

  it('a day without a trade is an empty bill; a day to come is refused', async () => {
    await expect(downloadAlipayBill('2020-01-01')).resolves.toEqual({ date: '2020-01-01', lines: [], totals: { count: 0, paid: 0, refunded: 0 } });
    await expect(downloadAlipayBill('2999-01-01')).rejects.toMatchObject({ name: 'AlipayApiError', subCode: 'isv.invalid-arguments' });
  });

  it('the tamper hook drops, adds and alters lines, and can make the bill lie about its totals (refused)', async () => {
    await h.simJson(
      'POST',
      '/_sim/alipay/bills/tamper',
      {
        drop: [second],
        amounts: { [`${outTradeNo}-R`]: 301 },
        extra: [{ kind: 'payment', date: today(), tradeNo: '2026000022001999', outTradeNo: 'NOT-OURS-A', amount: 77 }],
      },
      z.object({}).loose(),
    );
    const bill = await downloadAlipayBill(today());
    await h.simJson('POST', '/_sim/alipay/bills/tamper', { lie: true }, z.object({}).loose());

    expect(bill.lines.find((l) => l.outTradeNo === second)).toBeUndefined();
    expect(bill.lines.find((l) => l.outRefundNo === `${outTradeNo}-R`)?.amount).toBe(301);
    expect(bill.lines.find((l) => l.outTradeNo === 'NOT-OURS-A')).toMatchObject({ kind: 'payment', amount: 77 });
    await expect(downloadAlipayBill(today())).rejects.toMatchObject({ code: 'BAD_BILL', message: expect.stringMatching(/does not add up/) });
  });
});
